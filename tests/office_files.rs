//! Every file a unit sends, read by what it is: Word 97 `.doc` read to the same rows and places
//! as the same page saved as `.docx`; a web page or a `.docx` under a name that says otherwise
//! read as what it is, with an info finding; workbooks and `.doc`s in a nightly run.

mod common;

use common::{night, read_csv, root, run, scratch, stdout};
use std::fs;

/// What `show --rows` prints of a file, less its first line (which names the file).
fn rows(path: &str) -> String {
    let o = run(&["show", "--rows", path]);
    assert_eq!(o.status.code(), Some(0), "{path}");
    stdout(&o).lines().skip(1).collect::<Vec<_>>().join("\n")
}

#[test]
fn word_97_files_read_to_the_rows_and_places_of_their_docx() {
    for name in common::PINGTAN_PAGES {
        let doc = rows(&format!("tests/data/doc/libreoffice_{name}.doc"));
        assert!(
            doc.contains("table 2 row 4 col 1\t一、本年新收政府信息公开申请数量"),
            "{name}"
        );
        assert_eq!(
            doc,
            rows(&format!("tests/data/docx/libreoffice_{name}.docx")),
            "{name}"
        );
    }
    // The blank template, merged cells and all.
    assert_eq!(
        rows("tests/data/doc/blank-template-2021.doc"),
        rows("tests/data/real/blank-template-2021.docx")
    );
}

#[test]
fn a_name_that_lies_is_read_by_the_content() {
    let dir = scratch("misnamed");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    let page = root().join("tests/data/real/pingtan-2023/gwh_guanweihuibangongshi.html");
    // A CMS's "export to Word" (a page named .doc), a page named .xls, a .docx named .doc.
    fs::copy(&page, reports.join("导出.doc")).unwrap();
    fs::copy(&page, reports.join("表格.xls")).unwrap();
    fs::copy(
        root().join("tests/data/docx/libreoffice_jjf_jingjifazhan.docx"),
        reports.join("经济发展局.doc"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/data/workbook/libreoffice_zrz_ziranziyuan.xlsx"),
        reports.join("自然资源.xlsx"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/data/doc/libreoffice_hzs_xingzhengshenpi.doc"),
        reports.join("行政审批局.doc"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = night(&reports, &out, &["-q", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let units = read_csv(&out.join("units.csv"));
    let unit = |file: &str| {
        units
            .iter()
            .find(|u| u["source"].ends_with(file))
            .unwrap_or_else(|| panic!("{file}: {units:?}"))
    };
    for (file, format, new_received) in [
        ("导出.doc", "html", "21"),
        ("表格.xls", "html", "21"),
        ("经济发展局.doc", "docx", "3"),
        ("自然资源.xlsx", "workbook", "19"),
        ("行政审批局.doc", "doc", "7"),
    ] {
        let u = unit(file);
        assert_ne!(u["status"], "failed", "{file}: {u:?}");
        assert_eq!(u["t3.new_received.total"], new_received, "{file}");
        let manifest = common::manifest(&out);
        let input = manifest["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"].as_str().is_some_and(|p| p.ends_with(file)))
            .unwrap()
            .clone();
        assert_eq!(input["format"], format, "{file}");
    }
    let findings = read_csv(&out.join("findings.csv"));
    let misnamed: Vec<&str> = findings
        .iter()
        .filter(|f| f["check"] == "NAME_MISMATCH")
        .map(|f| f["source"].rsplit('/').next().unwrap_or(""))
        .collect();
    assert_eq!(misnamed, ["导出.doc", "经济发展局.doc", "表格.xls"]);
    assert!(findings.iter().any(|f| f["check"] == "NAME_MISMATCH"
        && f["message"].contains("文件扩展名为 .doc，内容实为网页，已按网页读取")));
    assert!(findings
        .iter()
        .filter(|f| f["check"] == "NAME_MISMATCH")
        .all(|f| f["severity"] == "info"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn glued_numbers_that_two_cuts_fit_are_one_clear_finding_not_a_guess() {
    // The zone's page as a text dump with table 三 glued, its （七）总计 row unreadable: then
    // nothing settles （一）予以公开 (22|0|0|0|0|0|22 or 2|20|0|0|0|0|22), which is not read; the
    // rows with one cut are.
    let text = fs::read_to_string(root().join("tests/data/glued/zone_aggregate.full.txt")).unwrap();
    assert!(text.contains("（七）总计801000081"));
    let dir = scratch("glued_ambiguous");
    let path = dir.join("zone.txt");
    fs::write(
        &path,
        text.replace("（七）总计801000081", "（七）总计\t见附件"),
    )
    .unwrap();
    let o = run(&["show", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cell = |key: &str| {
        shown["report"]["t3"]["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap_or_else(|| panic!("{key}"))
            .clone()
    };
    assert_eq!(cell("t3.new_received.total")["value"], "81");
    assert_eq!(cell("t3.new_received.natural")["value"], "80");
    assert!(cell("t3.new_received.commercial")["note"]
        .as_str()
        .is_some_and(|n| n.contains("split from the glued digits \"801000081\"")));
    assert_eq!(cell("t3.granted.total")["state"], "invalid");
    let o = run(&["check", path.to_str().unwrap()]);
    assert!(stdout(&o).contains("表格数字连在一起（“220000022”），无法可靠拆分，请提供原始文件"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_hand_made_statistics_form_reads_table_by_table() {
    use gid_rollup::template::keys::{T3Col, T3Row, T4Block, T4Result};
    use rust_xlsxwriter::{Format, Workbook};
    // The 行政审批局's published numbers.
    let common::Expected { t2, t3, t4, .. } = common::read_expected("hzs_xingzhengshenpi.expected");
    let n = |v: &str| v.parse::<f64>().unwrap();
    let mut wb = Workbook::new();
    let f = Format::new();
    // A cover sheet with the title, then one sheet per table, headers merged as printed.
    let cover = wb.add_worksheet().set_name("封面").unwrap();
    cover
        .write_string(0, 0, "平潭综合区行政审批局2023年政府信息公开工作年度报告")
        .unwrap();
    let s2 = wb.add_worksheet().set_name("表二").unwrap();
    s2.merge_range(0, 0, 0, 3, "第二十条第（一）项", &f)
        .unwrap();
    for (c, h) in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .enumerate()
    {
        s2.write_string(1, c as u16, *h).unwrap();
    }
    for (r, (label, vals)) in [("规章", &t2[0..3]), ("行政规范性文件", &t2[3..6])]
        .iter()
        .enumerate()
    {
        s2.write_string(2 + r as u32, 0, *label).unwrap();
        for (c, v) in vals.iter().enumerate() {
            s2.write_number(2 + r as u32, 1 + c as u16, n(v)).unwrap();
        }
    }
    let blocks = [
        ("第二十条第（五）项", vec![("行政许可", &t2[6])]),
        (
            "第二十条第（六）项",
            vec![("行政处罚", &t2[7]), ("行政强制", &t2[8])],
        ),
    ];
    let mut row = 4u32;
    for (head, items) in blocks {
        s2.merge_range(row, 0, row, 1, head, &f).unwrap();
        s2.write_string(row + 1, 0, "信息内容").unwrap();
        s2.write_string(row + 1, 1, "本年处理决定数量").unwrap();
        row += 2;
        for (label, v) in items {
            s2.write_string(row, 0, label).unwrap();
            s2.write_number(row, 1, n(v)).unwrap();
            row += 1;
        }
    }
    s2.merge_range(row, 0, row, 1, "第二十条第（八）项", &f)
        .unwrap();
    s2.write_string(row + 1, 0, "信息内容").unwrap();
    s2.write_string(row + 1, 1, "本年收费金额（单位：万元）")
        .unwrap();
    s2.write_string(row + 2, 0, "行政事业性收费").unwrap();
    s2.write_number(row + 2, 1, n(&t2[9])).unwrap();
    let s3 = wb.add_worksheet().set_name("表三").unwrap();
    s3.merge_range(
        0,
        0,
        2,
        2,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        &f,
    )
    .unwrap();
    s3.merge_range(0, 3, 0, 9, "申请人情况", &f).unwrap();
    s3.merge_range(1, 3, 2, 3, "自然人", &f).unwrap();
    s3.merge_range(1, 4, 1, 8, "法人或其他组织", &f).unwrap();
    s3.merge_range(1, 9, 2, 9, "总计", &f).unwrap();
    for (c, h) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        s3.write_string(2, 4 + c as u16, *h).unwrap();
    }
    for (r, (key, vals)) in (3u32..).zip(&t3) {
        let t3row = T3Row::ALL.into_iter().find(|x| x.key() == key).unwrap();
        match t3row.group() {
            None => s3.merge_range(r, 0, r, 2, t3row.label(), &f).unwrap(),
            Some(g) => {
                s3.write_string(r, 0, "三、本年度办理结果").unwrap();
                if t3row.label().starts_with('（') {
                    s3.merge_range(r, 1, r, 2, t3row.label(), &f).unwrap()
                } else {
                    s3.write_string(r, 1, g.label()).unwrap();
                    s3.write_string(r, 2, t3row.label()).unwrap()
                }
            }
        };
        for (c, v) in vals.iter().enumerate() {
            s3.write_number(r, 3 + c as u16, n(v)).unwrap();
        }
    }
    let s4 = wb.add_worksheet().set_name("表四").unwrap();
    s4.merge_range(0, 0, 0, 4, "行政复议", &f).unwrap();
    s4.merge_range(0, 5, 0, 14, "行政诉讼", &f).unwrap();
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    for (c, h) in results.iter().enumerate() {
        s4.merge_range(1, c as u16, 2, c as u16, h, &f).unwrap();
        s4.write_string(2, 5 + c as u16, *h).unwrap();
        s4.write_string(2, 10 + c as u16, *h).unwrap();
    }
    s4.merge_range(1, 5, 1, 9, "未经复议直接起诉", &f).unwrap();
    s4.merge_range(1, 10, 1, 14, "复议后起诉", &f).unwrap();
    for (c, v) in t4.iter().enumerate() {
        s4.write_number(3, c as u16, n(v)).unwrap();
    }
    let dir = scratch("statistics_form");
    let path = dir.join("行政审批局统计表.xlsx");
    wb.save(&path).unwrap();
    // Every cell as published.
    let o = run(&["show", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let report = &shown["report"];
    assert_eq!(report["unit"], "平潭综合区行政审批局");
    assert_eq!(report["year"], 2023);
    let value = |table: &str, key: &str| -> String {
        report[table]["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .and_then(|c| c["value"].as_str())
            .unwrap_or("-")
            .to_string()
    };
    for (key, vals) in &t3 {
        for (col, want) in T3Col::ALL.iter().zip(vals) {
            let k = gid_rollup::template::keys::t3_key(
                T3Row::ALL.into_iter().find(|x| x.key() == key).unwrap(),
                *col,
            );
            assert_eq!(&value("t3", &k), want, "{k}");
        }
    }
    let t4_keys: Vec<String> = T4Block::ALL
        .iter()
        .flat_map(|b| T4Result::ALL.map(|x| gid_rollup::template::keys::t4_key(*b, x)))
        .collect();
    for (k, want) in t4_keys.iter().zip(&t4) {
        assert_eq!(&value("t4", k), want, "{k}");
    }
    // No arithmetic finding; what a form of tables alone lacks is the report's prose: parts
    // 一, 五 and 六 (SECTION_MISSING) with part 六's sentence on fees.
    let o = run(&["check", path.to_str().unwrap()]);
    let said = stdout(&o);
    let findings: Vec<&str> = said
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        findings,
        ["FEE_NOT_STATED", "SECTION_MISSING"],
        "{}",
        stdout(&o)
    );
    assert!(
        said.contains(
            "报告缺少3个部分：一、总体情况、五、存在的主要问题及改进情况、六、其他需要报告的事项"
        ),
        "{said}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_workbook_the_reader_stops_on_is_a_damaged_file_said_quietly() {
    // The .xls of 行政审批局 with 30 bytes of its cells changed: the workbook reader stops on it
    // (a panic inside calamine).
    let dir = scratch("damaged-workbook");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::copy(
        root().join("tests/data/workbook/damaged/damaged_cells.xls"),
        reports.join("行政审批局.xls"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/data/workbook/libreoffice_zrz_ziranziyuan.xlsx"),
        reports.join("自然资源.xlsx"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = night(&reports, &out, &["-q"]);
    let stderr = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    // Said once, as a finding: no "thread panicked" or backtrace in the night's log.
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    let findings = read_csv(&out.join("findings.csv"));
    let damaged: Vec<_> = findings
        .iter()
        .filter(|f| f["source"].ends_with("行政审批局.xls"))
        .collect();
    assert_eq!(damaged.len(), 1, "{damaged:?}");
    assert_eq!(damaged[0]["check"], "UNPARSEABLE");
    assert_eq!(
        damaged[0]["message_zh"],
        "表格文件已损坏（读取程序无法读完）；请另存为 .xlsx 或 .docx 后重新提交"
    );
    assert!(
        damaged[0]["message"].contains("the file is damaged (the workbook reader stopped on it)"),
        "{damaged:?}"
    );
    // The other unit is read and summed whole.
    let units = read_csv(&out.join("units.csv"));
    let good = units
        .iter()
        .find(|u| u["source"].ends_with("自然资源.xlsx"))
        .expect("the good workbook is a unit");
    assert_eq!(good["status"], "ok", "{good:?}");
}
