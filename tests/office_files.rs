//! Every file a unit sends, read by what it is: Word 97 `.doc` read to the same rows and places
//! as the same page saved as `.docx`; a web page or a `.docx` under a name that says otherwise
//! read as what it is, with an info finding; workbooks and `.doc`s in a nightly run.

mod common;

use common::{read_csv, root, run, scratch, stdout};
use std::fs;

/// What `show --rows` prints of a file, less its first line (which names the file).
fn rows(path: &str) -> String {
    let o = run(&["show", "--rows", path]);
    assert_eq!(o.status.code(), Some(0), "{path}");
    stdout(&o).lines().skip(1).collect::<Vec<_>>().join("\n")
}

#[test]
fn word_97_files_read_to_the_rows_and_places_of_their_docx() {
    let pages = [
        "gwh_guanweihuibangongshi",
        "hzs_xingzhengshenpi",
        "jjf_jingjifazhan",
        "jjp_jinjingpianqu",
        "jtj_jiaotongjianshe",
        "shs_shehuishiye",
        "zrz_ziranziyuan",
        "zone_aggregate.full",
    ];
    for name in pages {
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
    let o = run(&[
        "run",
        reports.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--fail-on",
        "never",
    ]);
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
    // The zone's page as a text dump with table 三 glued: 22|0|0|0|0|0|22 and 2|20|0|0|0|0|22
    // both add up for （一）予以公开, so that row is not read; the rows with one cut are.
    let o = run(&["show", "tests/data/glued/zone_aggregate.full.txt"]);
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
    let o = run(&["check", "tests/data/glued/zone_aggregate.full.txt"]);
    assert!(stdout(&o).contains("表格数字连在一起（“220000022”），无法可靠拆分，请提供原始文件"));
}
