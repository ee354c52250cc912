//! The clerk's morning (issue 11): the to-do list in the report's own words, the terminal's
//! story, district findings that explain themselves, and accepted findings.

mod common;

use common::{office_run, read_csv, root, run, scratch, PUBLISHED};
use std::fs;
use std::path::Path;

/// The bundled district with the office's inputs, in a folder of the test's own (tests run in
/// parallel: one output folder each).
fn office(name: &str) -> std::path::PathBuf {
    office_run(name, "data/previous")
}

/// The to-do section of summary.md (between its heading and the next `##`).
fn todo_of(summary: &str) -> &str {
    let start = summary.find("## 待办").expect("a to-do section");
    let rest = &summary[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

#[test]
fn the_todo_list_opens_the_summary_in_the_reports_words() {
    let out = office("clerk_office_1");
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    // First, before the totals.
    assert!(summary.find("## 待办").unwrap() < summary.find("## 二、").unwrap());
    let todo = todo_of(&summary);
    let line = |unit: &str| {
        todo.lines()
            .find(|l| l.contains(&format!("**{unit}**")))
            .unwrap_or_else(|| panic!("no line for {unit} in\n{todo}"))
    };
    // The template's row and column labels and the printed place, never a key.
    assert!(line("临江区文化和旅游局").contains(
        "须更正：表三“（三）不予公开·2.其他法律行政法规禁止公开”行“商业企业”列无法读作数字：“見附件”（不是数字）（表三第9行第5列）"
    ));
    // A PDF's place is its page; a text file's its line.
    assert!(line("临江区应急管理局").contains(
        "须更正：表四“行政复议”：总计2，但维持、纠正、其他、未审结之和为1（0+0+1+0）（第2页）"
    ));
    assert!(line("临江区发展和改革局").contains(
        "须更正：表三“（二）部分公开”行：总计2，但各类申请人之和为1（1+0+0+0+0+0）（第161行）"
    ));
    // A whole row of blanks is named once, by its row.
    assert!(line("临江区退役军人事务局")
        .contains("表三“（五）不予处理·4.无正当理由大量反复申请”行各列（空白）"));
    // Its errors to correct; its routine carry-over folded to a count (供参考), not a question.
    let hr = line("临江区人力资源和社会保障局");
    assert!(hr.contains("须更正："), "{hr}");
    assert!(hr.ends_with("（另有供参考1项）"), "{hr}");
    assert!(!hr.contains("结转下年度继续办理"), "{hr}");
    // A unit with only routine facts is not a unit to phone; they are counted once.
    assert!(!todo.contains("**临江区商务局**（") || line("临江区商务局").contains("请核实"));
    assert!(todo.contains("供参考：15个单位共18项例行情况"), "{todo}");
    // Roster order: the roster lists 办公室, 发改, 教育 … 退役军人, then the towns.
    let pos = |unit: &str| todo.find(&format!("**{unit}**")).unwrap();
    assert!(pos("临江区人民政府办公室") < pos("临江区发展和改革局"));
    assert!(pos("临江区发展和改革局") < pos("临江区教育局"));
    assert!(pos("临江区退役军人事务局") < pos("临江区统计局"));
    // An unreadable file of a roster body is listed under that body's name.
    assert!(line("临江区统计局").contains("`data/reports/32_统计局.doc`"));
    // Then the missing units by name, with the file each sent.
    let missing = &todo[todo.find("**未报送").unwrap()..];
    assert!(missing.contains(
        "- 临江区统计局：未收到可计入的报告；所交文件 data/reports/32_统计局.doc：文件无法读取"
    ));
    assert!(missing.contains(
        "- 临江区档案馆：未收到可计入的报告；所交文件 data/reports/33_档案馆.pdf：文件无法读取"
    ));
    assert!(missing.contains("- 临江区体育局：未收到报告"));
    // No message in any output names a cell by its key.
    let key = |s: &str| {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .any(|w| {
                ["t2.", "t3.", "t4.", "t2_2019."]
                    .iter()
                    .any(|p| w.starts_with(p) && w.len() > p.len())
            })
    };
    // Nor by a key's words in the English half (`total_processed`, `in_force`).
    let snake = |s: &str| {
        s.split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .any(|w| w.contains('_') && !w.starts_with('_') && !w.ends_with('_'))
    };
    for f in read_csv(&out.join("findings.csv")) {
        assert!(!key(&f["message"]), "{}", f["message"]);
        assert!(!snake(&f["message"]), "{}", f["message"]);
    }
    assert!(!key(todo), "{todo}");
}

#[test]
fn district_findings_explain_themselves_once() {
    let out = office("clerk_office_2");
    let findings = read_csv(&out.join("findings.csv"));
    // No error of the summed tables is left: every one is the units' errors carried in.
    let district_errors: Vec<_> = findings
        .iter()
        .filter(|f| f["source"].is_empty() && f["severity"] == "error")
        .map(|f| (f["unit"].clone(), f["check"].clone()))
        .collect();
    assert_eq!(
        district_errors,
        [("临江区体育局".to_string(), "MISSING_REPORT".to_string())]
    );
    let carried: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "UNIT_ERROR_IN_TOTAL" && f["source"].is_empty())
        .collect();
    // One finding per failing identity, for both levels (临江区 and 临江市), not one per level.
    assert_eq!(carried.len(), 6, "{carried:#?}");
    let review = carried
        .iter()
        .find(|f| f["cells"].ends_with("t4.review.total"))
        .unwrap();
    assert_eq!(review["severity"], "info");
    assert!(review["message"].starts_with(
        "临江区、临江市合计：表四“行政复议”：总计32，但维持、纠正、其他、未审结之和为31（21+3+6+1）。这是临江区应急管理局报告中的同一错误（T4_SUM）带入的"
    ), "{}", review["message"]);
    // The published aggregate's own arithmetic owes the same errors: explained the same way.
    let published: Vec<_> = findings
        .iter()
        .filter(|f| f["source"] == PUBLISHED)
        .collect();
    assert!(
        published.iter().all(|f| f["severity"] != "error"),
        "{published:#?}"
    );
    let explained: Vec<&str> = published
        .iter()
        .filter(|f| f["check"] == "UNIT_ERROR_IN_TOTAL")
        .map(|f| f["message"].as_str())
        .collect();
    assert_eq!(explained.len(), 6, "{explained:#?}");
    assert!(explained.iter().any(|m| m.starts_with(
        "临江区人民政府（公布的汇总报告）：表三“总计”列不平衡：新收580+上年结转39=619，而办理总计597+结转下年21=618。这是临江区人力资源和社会保障局、临江区城市管理和综合执法局报告中的同一错误（T3_BALANCE）带入的，单位改正后请据以更正公布的汇总报告"
    )), "{explained:#?}");
    let balance = carried
        .iter()
        .find(|f| {
            f["cells"].ends_with("t3.carried_forward.total") && f["message"].contains("不平衡")
        })
        .unwrap();
    assert!(balance["message"].contains(
        "临江区人力资源和社会保障局、临江区城市管理和综合执法局报告中的同一错误（T3_BALANCE）"
    ));
}

#[test]
fn the_terminal_tells_the_story() {
    let out = scratch("clerk_terminal");
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        "data/roster.csv",
        "--published",
        PUBLISHED,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = common::stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    // The district's own totals (临江区, not the city above it), Chinese first.
    assert!(lines[0].contains("· 临江区 ·"), "{text}");
    assert!(
        lines[1].contains("临江区合计（31个单位）：新收申请570件"),
        "{text}"
    );
    assert!(!text.contains("临江市合计"), "{text}");
    // The units with errors by name, the first few; the missing units.
    assert!(
        text.contains(
            "有错误的单位 / units with errors: 临江区发展和改革局、临江区人力资源和社会保障局、"
        ),
        "{text}"
    );
    assert!(text.contains("等10个 / and 5 more"), "{text}");
    assert!(
        // Each with the days left (the tests' clock: 2026-01-01 in China; reports due 31 January).
        text.contains("未报送 / not reported: 临江区统计局（截止2026-01-31，还有30天）、临江区档案馆（截止2026-01-31，还有30天）、临江区体育局（截止2026-01-31，还有30天）"),
        "{text}"
    );
    // The last line says why the exit status is 1.
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("退出状态1：有") && last.contains("项错误未处理（--fail-on error）"),
        "{last}"
    );
    // Every level's totals when asked.
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        "data/roster.csv",
        "--out",
        out.to_str().unwrap(),
        "--levels",
    ]);
    let text = common::stdout(&o);
    assert!(
        text.contains(
            "临江市合计（名册顶层，32个单位，含名册外单位1个；不是临江区合计）：新收申请573件"
        ),
        "{text}"
    );
    // --fail-on never: the last line says so.
    let o = run(&[
        "run",
        "data/reports",
        "--out",
        out.to_str().unwrap(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(common::stdout(&o)
        .trim_end()
        .ends_with("退出状态0：--fail-on never / exit status 0: --fail-on never"));
}

/// A folder with one report of the bundled district (two errors, some warnings).
fn one_report(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::copy(
        root().join("data/reports/02_发展和改革局.txt"),
        reports.join("02_发展和改革局.txt"),
    )
    .unwrap();
    dir
}

fn errors(out: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    read_csv(&out.join("findings.csv"))
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .collect()
}

#[test]
fn accepted_findings_stay_listed_and_stop_counting_until_the_report_changes() {
    let dir = one_report("clerk_accept");
    let (reports, out, accepted) = (dir.join("reports"), dir.join("out"), dir.join("已接受.csv"));
    let args = |extra: &[&str]| {
        let mut a = vec![
            "run",
            reports.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ];
        a.extend_from_slice(extra);
        run(&a)
    };
    assert_eq!(args(&[]).status.code(), Some(1));
    let first = errors(&out);
    assert_eq!(first.len(), 2);
    let ids: Vec<String> = first.iter().map(|f| f["id"].clone()).collect();
    // Ids are stable: the same on the next night, whatever the jobs, and in another folder.
    assert_eq!(args(&["-j", "1"]).status.code(), Some(1));
    assert_eq!(
        errors(&out)
            .iter()
            .map(|f| f["id"].clone())
            .collect::<Vec<_>>(),
        ids
    );
    // `accept` looks the ids up in the last findings.csv and refuses what it does not know.
    let mut accept = vec!["accept"];
    accept.extend(ids.iter().map(String::as_str));
    accept.extend([
        "--reason",
        "已电话核实，单位将于下周更正",
        "--by",
        "王芳",
        "--accepted",
        accepted.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let bad = run(&[
        "accept",
        "F000000000ff",
        "--reason",
        "x",
        "--by",
        "y",
        "--accepted",
        accepted.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(common::stderr(&bad).contains("F000000000ff"));
    assert!(!accepted.exists(), "nothing written on a refused accept");
    let o = run(&accept);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let file = fs::read(&accepted).unwrap();
    assert!(file.starts_with(b"\xEF\xBB\xBFid,reason,accepted_by,accepted_on\r\n"));
    // With the file: the errors are still listed, marked, and the run exits 0.
    let o = args(&["--accepted", accepted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let now = errors(&out);
    assert_eq!(now.len(), 2);
    for f in &now {
        assert_eq!(f["accepted"], "已电话核实，单位将于下周更正");
    }
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        summary.contains("已接受：已电话核实，单位将于下周更正（王芳，2026-01-01）"),
        "{summary}"
    );
    // Its errors accepted and only a routine carry-over left: nobody to phone.
    let todo = todo_of(&summary);
    assert!(!todo.contains("**临江区发展和改革局**"), "{todo}");
    assert!(todo.contains("供参考：1个单位共1项例行情况"), "{todo}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["accepted"]["findings"]["error"], 2);
    assert_eq!(manifest["accepted"]["stale"], serde_json::json!([]));
    // The report is revised without touching what the findings are about (a line added to
    // its prose): the same findings, the same ids, still accepted.
    let path = reports.join("02_发展和改革局.txt");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n（修订稿）\n");
    fs::write(&path, &text).unwrap();
    let o = args(&["--accepted", accepted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stdout(&o));
    let revised = errors(&out);
    assert_eq!(
        revised.iter().map(|f| f["id"].clone()).collect::<Vec<_>>(),
        ids
    );
    assert!(revised.iter().all(|f| !f["accepted"].is_empty()));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["accepted"]["stale"], serde_json::json!([]));
    // Revised again, with another number in the row that does not add up: that finding is
    // another one (open, with a new id) and its acceptance stale; the column's stays accepted.
    let row_sum = first
        .iter()
        .position(|f| f["check"] == "T3_ROW_SUM")
        .expect("a row-sum error");
    let column = 1 - row_sum;
    let row = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\n1\n";
    assert!(text.contains(row));
    fs::write(&path, text.replace(row, &row.replace("\n1\n", "\n0\n"))).unwrap();
    let o = args(&["--accepted", accepted.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let again = errors(&out);
    let open: Vec<&std::collections::BTreeMap<String, String>> =
        again.iter().filter(|f| f["accepted"].is_empty()).collect();
    assert!(
        open.iter()
            .any(|f| f["check"] == "T3_ROW_SUM" && !ids.contains(&f["id"])),
        "{again:?}"
    );
    assert!(
        again
            .iter()
            .any(|f| f["id"] == ids[column] && !f["accepted"].is_empty()),
        "{again:?}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["accepted"]["stale"],
        serde_json::json!([ids[row_sum]])
    );
    // The summary names it with its reason and line in the file, to remove.
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        summary.contains(&format!(
            "`{}`（已电话核实，单位将于下周更正，第{}行）",
            ids[row_sum],
            row_sum + 2
        )),
        "{summary}"
    );
    // Kept among the reports, the accepted-findings file is not read as one.
    let among = reports.join("已接受.csv");
    fs::copy(&accepted, &among).unwrap();
    let o = args(&["--accepted", among.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let units = read_csv(&out.join("units.csv"));
    assert_eq!(units.len(), 1, "{units:?}");
    fs::remove_file(&among).unwrap();
    // A file that is not the accepted-findings CSV (here: binary bytes) stops the run too.
    let bad = dir.join("坏的.csv");
    fs::write(&bad, b"\x00\xff\xfePK\x03\x04 not a csv").unwrap();
    let o = args(&["--accepted", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("表头须含 id,reason,accepted_by,accepted_on"),
        "{err}"
    );
    // An accepted-findings file on a share that is not there stops the run; the outputs stay.
    let before = fs::read(out.join("findings.csv")).unwrap();
    let o = args(&[
        "--accepted",
        dir.join("未挂载/已接受.csv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("网络盘未连接"));
    assert_eq!(fs::read(out.join("findings.csv")).unwrap(), before);
}

/// One part of the workbook's zip, as text.
fn xlsx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_opens_with_the_todo_and_prints_one_node_per_page() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let out = office("clerk_office_3");
    let book = out.join("district.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names()[0], "待办");
    let todo = wb.worksheet_range("待办").unwrap();
    let cell = |r: u32, c: u32| match todo.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        _ => String::new(),
    };
    assert_eq!(
        (0..7).map(|c| cell(0, c)).collect::<Vec<_>>(),
        ["序号", "单位", "事项", "说明", "位置", "文件", "编号"]
    );
    let row = (1..todo.height() as u32)
        .find(|r| cell(*r, 1) == "临江区文化和旅游局")
        .unwrap();
    assert_eq!(cell(row, 2), "须更正");
    assert_eq!(
        cell(row, 3),
        "表三“（三）不予公开·2.其他法律行政法规禁止公开”行“商业企业”列无法读作数字：“見附件”（不是数字）"
    );
    assert_eq!(cell(row, 4), "表三第9行第5列");
    let missing = (1..todo.height() as u32)
        .find(|r| cell(*r, 1) == "临江区体育局")
        .unwrap();
    assert_eq!(
        (cell(missing, 2), cell(missing, 3)),
        (
            "未报送".into(),
            "未收到报告（截止2026-01-31，还有30天）".into()
        )
    );
    // Titles in Chinese only, with the provisional note where units with errors are summed; the
    // district's own node first.
    let t3 = wb.worksheet_range("表三").unwrap();
    let title = match t3.get_value((0, 0)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(
        title,
        "临江区 三、收到和处理政府信息公开申请情况（31个单位合计；暂定数：其中7个单位的报告有错误待更正，更正后合计可能变化）"
    );
    assert!(!title.is_ascii() && !title.contains("total of"));
    // Print settings, read back from the file: sheets in order 待办 表二 表三 表四 单位 问题.
    let workbook = xlsx_part(&book, "xl/workbook.xml");
    assert!(
        workbook.contains(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">待办!$1:$1</definedName>"
        ),
        "{workbook}"
    );
    assert!(
        workbook.contains(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"5\">问题!$2:$2</definedName>"
        ),
        "{workbook}"
    );
    // 单位: its cell columns stay out of the print area.
    assert!(
        workbook
            .contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"4\">单位!$A$2:$J$"),
        "{workbook}"
    );
    let t3_xml = xlsx_part(&book, "xl/worksheets/sheet3.xml");
    // Two nodes (临江市, 临江区): a page break before the second, fitted one page wide, two high.
    assert!(
        t3_xml.contains("<rowBreaks count=\"1\" manualBreakCount=\"1\">"),
        "{t3_xml}"
    );
    assert!(t3_xml.contains("fitToPage=\"1\""));
    assert!(t3_xml.contains("orientation=\"landscape\""));
    assert!(t3_xml.contains("fitToHeight=\"2\""), "{t3_xml}");
    let problems = xlsx_part(&book, "xl/worksheets/sheet6.xml");
    assert!(
        problems.contains("orientation=\"landscape\"") && problems.contains("fitToHeight=\"0\"")
    );
}

#[test]
fn the_page_opens_with_the_todo_and_its_tables_read_as_printed() {
    let out = office("clerk_office_4");
    let page = fs::read_to_string(out.join("report.html")).unwrap();
    // A table of contents, then the to-do list first.
    let toc = page.find("<nav class=\"toc\">").unwrap();
    let todo = page.find("<h2 id=\"todo\">").unwrap();
    assert!(toc < todo && todo < page.find("<h2 id=\"coverage\">").unwrap());
    assert!(page[todo..].contains("<b>临江区文化和旅游局</b>"));
    // Table 四's second header row, left to right, as the template prints it.
    let t4 = page.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let rows: Vec<&str> = page[t4..].split("<tr>").skip(1).take(3).collect();
    let heads = |row: &str| -> Vec<String> {
        row.split("<th")
            .skip(1)
            .map(|c| c[c.find('>').unwrap() + 1..c.find("</th>").unwrap()].to_string())
            .collect()
    };
    assert_eq!(heads(rows[0]), ["行政复议", "行政诉讼"]);
    assert_eq!(
        heads(rows[1]),
        [
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉"
        ]
    );
    assert_eq!(
        heads(rows[2]),
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].repeat(2)
    );
    // The coverage cards add up: reported + missing = expected; off the roster apart.
    let cards = &page[page.find("id=\"coverage-cards\"").unwrap()..];
    let card = |label: &str| -> usize {
        let at = cards.find(label).unwrap() + label.len();
        let b = &cards[at..];
        b[b.find("<b>").unwrap() + 3..b.find("</b>").unwrap()]
            .parse()
            .unwrap()
    };
    assert_eq!(
        (
            card("应报单位 / units expected"),
            card("已报 / reported"),
            card("未报 / missing"),
            card("名册外 / not on the roster")
        ),
        (34, 31, 3, 1)
    );
    // The findings chart ranks units only: not the levels, not the published aggregate.
    let chart = &page[page.find("id=\"chart-findings\"").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    for not_a_unit in [">临江市<", ">临江区<", ">临江区人民政府<"] {
        assert!(!chart.contains(not_a_unit), "{not_a_unit} charted");
    }
    assert!(chart.contains(">临江区人力资源和社会保障局<"));
}

#[test]
fn the_command_line_helps_with_typos_and_the_default_folder() {
    let o = run(&["chek", "data/reports/02_发展和改革局.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("是否要用 gid-rollup check？")
            && err.contains("did you mean `gid-rollup check`?"),
        "{err}"
    );
    // Run where there is no data/reports: the message says it is relative to the folder.
    let elsewhere = scratch("clerk_no_default");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gid-rollup"))
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("默认的 data/reports 是相对当前文件夹")
            && err.contains(&elsewhere.display().to_string()),
        "{err}"
    );
    assert!(
        fs::read_dir(&elsewhere).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn roster_names_as_clerks_write_them_and_the_version_to_use() {
    // tests/data/roster/linjiang-clerk-names.csv: the bundled roster with Chinese headers, short
    // names (发改局, 人社局, 市场监管局), names with a parenthesis, 审计局's file named, and
    // 机关事务管理中心 for the report that calls itself 机关事务管理局.
    let out = scratch("clerk_roster_names");
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        "tests/data/roster/linjiang-clerk-names.csv",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let findings = read_csv(&out.join("findings.csv"));
    let of = |check: &str| -> Vec<(String, String)> {
        findings
            .iter()
            .filter(|f| f["check"] == check)
            .map(|f| (f["unit"].clone(), f["source"].clone()))
            .collect()
    };
    // Every short or bracketed name matched: the only report missing is 体育局's.
    assert_eq!(
        of("MISSING_REPORT"),
        [("临江区体育局".to_string(), String::new())]
    );
    // The report on no body and the body with no report are one finding: "did you mean".
    let unknown = findings
        .iter()
        .find(|f| f["check"] == "UNKNOWN_UNIT")
        .unwrap();
    assert!(
        unknown["message"].starts_with(
            "“临江区机关事务管理局”不在名册中，可能就是名册中没有报告的“临江区机关事务管理中心”"
        ),
        "{}",
        unknown["message"]
    );
    assert_eq!(of("UNKNOWN_UNIT").len(), 1);
    // The roster names the file to use: it is summed with no error, the other gets an info.
    assert!(of("DUPLICATE_REPORT").is_empty());
    let other = findings
        .iter()
        .find(|f| f["check"] == "OTHER_VERSION")
        .unwrap();
    assert_eq!(
        (other["source"].as_str(), other["severity"].as_str()),
        ("data/reports/20_审计局_修订.txt", "info")
    );
    assert!(other["message"].contains("按名册指定的文件采用 data/reports/20_审计局.txt"));
    let units = read_csv(&out.join("units.csv"));
    let unit = |src: &str| units.iter().find(|u| u["source"] == src).unwrap().clone();
    assert_eq!(unit("data/reports/20_审计局.txt")["included"], "true");
    assert_eq!(unit("data/reports/20_审计局_修订.txt")["included"], "false");
    assert_eq!(
        unit("data/reports/02_发展和改革局.txt")["roster_unit"],
        "发改局"
    );
    assert_eq!(
        unit("data/reports/09_人力资源和社会保障局.pdf")["roster_unit"],
        "人社局"
    );
    assert_eq!(
        unit("data/reports/21_市场监督管理局.html")["roster_unit"],
        "市场监管局"
    );
    assert_eq!(
        unit("data/reports/23_城市管理局.pdf")["roster_unit"],
        "临江区城市管理和综合执法局（城管局）"
    );
    assert_eq!(
        unit("data/reports/01_人民政府办公室.html")["roster_unit"],
        "临江区人民政府办公室（区外事办）"
    );
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    // The likely pair once, as a pair, and not among the reports not sent.
    assert!(summary.contains("- 临江区机关事务管理中心 ← data/reports/34\\_机关事务管理局.txt（“临江区机关事务管理局”）") || summary.contains("- 临江区机关事务管理中心 ← data/reports/34_机关事务管理局.txt（“临江区机关事务管理局”）"), "{summary}");
    let not_sent = &summary[summary.find("**未报送").unwrap()..];
    assert!(
        !not_sent[..not_sent.find("\n## ").unwrap()].contains("机关事务"),
        "{summary}"
    );
    assert!(
        summary.contains("- 未报单位 / not reported: 临江区统计局、临江区档案馆、临江区体育局\n"),
        "{summary}"
    );
    assert!(summary.contains(
        "- 可能已用其他名称报送 / likely sent under another name: 临江区机关事务管理中心"
    ));
}

#[test]
fn prefer_chooses_between_versions_without_deleting_files() {
    let out = scratch("clerk_prefer");
    let (prefer, used, other) = (
        "path",
        "data/reports/20_审计局_修订.txt",
        "data/reports/20_审计局.txt",
    );
    let o = run(&[
        "run",
        "data/reports",
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--prefer",
        prefer,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let findings = read_csv(&out.join("findings.csv"));
    assert!(findings.iter().all(|f| f["check"] != "DUPLICATE_REPORT"));
    let info: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "OTHER_VERSION")
        .collect();
    assert_eq!(info.len(), 1);
    assert_eq!(info[0]["source"], other);
    assert!(
        info[0]["message"].contains(&format!("按--prefer {prefer}"))
            && info[0]["message"].contains(used)
    );
    // Without a choice, both versions are errors that say how to choose.
    let o = run(&["run", "data/reports", "--out", out.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let findings = read_csv(&out.join("findings.csv"));
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "DUPLICATE_REPORT")
        .collect();
    assert_eq!(dup.len(), 2);
    assert!(dup
        .iter()
        .any(|f| f["message"].contains("--prefer newest|path")));
}

#[test]
fn a_workbook_given_as_the_roster_is_refused_clearly() {
    let dir = scratch("clerk_xlsx_roster");
    let roster = dir.join("名册.xlsx");
    fs::copy(
        root()
            .join("tests/data/docx")
            .read_dir()
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "docx"))
            .unwrap()
            .path(),
        &roster,
    )
    .unwrap();
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        roster.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("是 Excel 工作簿，请在 Excel 中“另存为”CSV") && !err.contains("PK"),
        "{err}"
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn prefer_newest_follows_the_files_times_and_path_their_order() {
    let dir = scratch("clerk_prefer_times");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    for f in ["20_审计局.txt", "20_审计局_修订.txt"] {
        fs::copy(root().join("data/reports").join(f), reports.join(f)).unwrap();
    }
    // The original was edited after the revision: newest and path disagree.
    let now = std::time::SystemTime::now();
    let day = std::time::Duration::from_secs(86_400);
    let set = |f: &str, t: std::time::SystemTime| {
        fs::File::options()
            .write(true)
            .open(reports.join(f))
            .unwrap()
            .set_modified(t)
            .unwrap()
    };
    set("20_审计局.txt", now);
    set("20_审计局_修订.txt", now - day);
    let out = dir.join("out");
    for (prefer, set_aside) in [("newest", "20_审计局_修订.txt"), ("path", "20_审计局.txt")]
    {
        let o = run(&[
            "run",
            reports.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
            "--prefer",
            prefer,
            "--fail-on",
            "never",
        ]);
        assert_eq!(o.status.code(), Some(0));
        let findings = read_csv(&out.join("findings.csv"));
        let info: Vec<_> = findings
            .iter()
            .filter(|f| f["check"] == "OTHER_VERSION")
            .collect();
        assert_eq!(info.len(), 1, "{prefer}");
        assert!(
            info[0]["source"].ends_with(set_aside),
            "{prefer}: {}",
            info[0]["source"]
        );
    }
}

#[test]
fn the_second_night_says_what_changed_and_last_year_stands_beside_this_one() {
    let dir = scratch("clerk_second_night");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    for e in fs::read_dir(root().join("data/reports")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), reports.join(e.file_name())).unwrap();
    }
    let out = dir.join("out");
    let night = || {
        run(&[
            "run",
            reports.to_str().unwrap(),
            "--roster",
            "data/roster.csv",
            "--previous",
            "data/previous",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let first = night();
    assert_eq!(first.status.code(), Some(1));
    // The first night has nothing to compare with.
    assert!(!common::stdout(&first).contains("与上次运行相比"));
    // 发改局 corrects its 部分公开 total (line 161: 2 → 1), which fixes both of its errors.
    let path = reports.join("02_发展和改革局.txt");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[160], "2");
    lines[160] = "1";
    fs::write(&path, lines.join("\n")).unwrap();
    let second = night();
    assert_eq!(second.status.code(), Some(1));
    let stdout = common::stdout(&second);
    let src = path.to_str().unwrap();
    // First in the terminal, right under the title line.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[1],
        "  与上次运行相比（2026-01-01 08:00 +08:00） / since the last run:"
    );
    assert_eq!(
        lines[2],
        format!("    修改过的报告1份 / 1 revised report(s): {src}")
    );
    // Grouped: per unit, its counts and its first finding; the totals as a small table.
    assert_eq!(
        lines[3],
        "    新出现的问题0项（错误0、警告0），已解决2项 / 0 new finding(s) (0 error(s), 0 warning(s)), 2 resolved:"
    );
    assert_eq!(lines[4], "      临江区发展和改革局：已解决2项 / 2 resolved");
    assert_eq!(
        lines[5],
        "    合计变化1处（上次 → 本次） / 1 total(s) changed (last → now):"
    );
    assert_eq!(
        lines[6],
        "      表三“（二）部分公开”行“总计”列：43 → 42（-1）"
    );
    // The same, first in the summary and on the page.
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    let since = summary.find("## 与上次运行相比").unwrap();
    assert!(since < summary.find("## 待办").unwrap());
    assert!(summary[since..].contains("  - 临江区发展和改革局：已解决2项 / 2 resolved"));
    assert!(summary[since..].contains("| 表三“（二）部分公开”行“总计”列 | 43 | 42 | -1 |"));
    let page = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.find("<h2 id=\"since\">").unwrap() < page.find("<h2 id=\"todo\">").unwrap());
    // Year on year, like with like: the 8 units of data/previous against their own reports of
    // this year (not 31 units against 8); the others apart.
    let yoy = &summary[summary.find("## 与上年相比").unwrap()..];
    assert!(yoy.contains("同比只比较两年都有报告的8个单位"), "{yoy}");
    assert!(
        yoy.contains("| 表三“一、本年新收政府信息公开申请数量”行“总计”列 | 258 | 273 | -15 |"),
        "{yoy}"
    );
    assert!(
        yoy.contains("| 仅本年有报告 | 临江区公安分局 | 37 | 39 |"),
        "{yoy}"
    );
    assert!(
        yoy.contains("| 临江区发展和改革局 | 30 | 31 | -1 | 28 | 30 | -2 |"),
        "{yoy}"
    );
    assert!(yoy.contains("| 临江区教育局 |"));
    // Fees read the same in every view: no trailing zeros.
    assert!(
        yoy.contains(
            "| 表二“行政事业性收费”“本年收费金额（单位：万元）”栏 | 0.116 | 1030.516 | -1030.4 |"
        ),
        "{yoy}"
    );
    assert!(page.contains("id=\"yoy\""));
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(out.join("district.xlsx")).unwrap();
    let sheet = wb.worksheet_range("同比").unwrap();
    let row = (0..sheet.height() as u32)
        .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String("临江区发展和改革局".into())))
        .unwrap();
    assert_eq!(sheet.get_value((row, 1)), Some(&Data::Float(30.0)));
    assert_eq!(sheet.get_value((row, 2)), Some(&Data::Float(31.0)));
    assert_eq!(sheet.get_value((row, 3)), Some(&Data::String("-1".into())));
}
