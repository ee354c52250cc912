//! What reviewers check first about a report's parts (issue 21): all six parts there, part 五
//! really filled in, a 2021-or-later report not made under the 2019 notice, and the 本级政府's
//! report stating its 考核、评议、责任追究. Each check both ways: no false alarm on the complete
//! real reports, and a mutant of a real report that trips it.

mod common;

use common::{corpus, root};
use gid_rollup::input::load::{parse_bytes, ParsedFile};

fn read(name: &str, bytes: &[u8]) -> ParsedFile {
    let ext = name.rsplit('.').next().unwrap_or("");
    parse_bytes(bytes, ext, "unit", name)
}

fn checks(f: &ParsedFile) -> Vec<&'static str> {
    f.findings.iter().map(|x| x.check.id()).collect()
}

/// The file's finding of `check`'s id, its Chinese sentence (the test fails naming the file's
/// findings when it has none).
fn said(f: &ParsedFile, check: &str) -> String {
    f.findings
        .iter()
        .find(|x| x.check.id() == check)
        .unwrap_or_else(|| panic!("no {check} in {:?}", checks(f)))
        .message()
        .zh()
        .to_string()
}

const PARTS: [&str; 6] = [
    "SECTION_MISSING",
    "IMPROVEMENT_EMPTY",
    "OLD_FORMAT_CITED",
    "ASSESSMENT_NOT_STATED",
    "FEE_UNIT_DOUBTFUL",
    "YEAR_STATED_AS_LAST",
];

/// The cells the wider prose comparison added (上年结转, table 二, results by kind): none of the
/// real reports' sentences disagrees with them.
fn wider_prose(f: &ParsedFile) -> Vec<String> {
    f.findings
        .iter()
        .filter(|x| x.check.id() == "NARRATIVE_MISMATCH")
        .flat_map(|x| x.cells.clone())
        .filter(|c| {
            c.starts_with("t2.")
                || c.starts_with("t3.carried_over")
                || (c.starts_with("t4.") && !c.ends_with(".total"))
        })
        .collect()
}

/// Every complete real report and every bundled report but the truncated one.
#[test]
fn no_false_alarm_on_complete_real_reports() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        corpus(),
        corpus().join("pingtan-2023"),
        root().join("data/reports"),
        root().join("tests/data/pdf"),
        root().join("tests/data/docx"),
        root().join("tests/data/doc"),
    ] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() && !p.extension().is_some_and(|e| e == "expected" || e == "md") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 60, "{}", files.len());
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let f = read(&name, &std::fs::read(&p).unwrap());
        let found: Vec<&str> = checks(&f)
            .into_iter()
            .filter(|c| PARTS.contains(c))
            .collect();
        assert_eq!(wider_prose(&f), Vec::<String>::new(), "{name}");
        if name == "22_医疗保障局.txt" {
            // The bundled truncated report: table 四 and parts 五 and 六 are gone.
            assert_eq!(found, ["SECTION_MISSING"], "{name}");
        } else {
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
}

fn page() -> String {
    std::fs::read_to_string(corpus().join("pingtan-2023/jtj_jiaotongjianshe.html")).unwrap()
}

#[test]
fn a_part_removed_is_named() {
    let f = read(
        "jtj.html",
        page().replacen("六、其他需要报告的事项", "", 1).as_bytes(),
    );
    assert_eq!(
        said(&f, "SECTION_MISSING"),
        "报告缺少1个部分：六、其他需要报告的事项（年度报告应有六个部分）"
    );
    // And part 一.
    let f = read(
        "jtj.html",
        page().replacen("一、总体情况", "", 1).as_bytes(),
    );
    assert!(said(&f, "SECTION_MISSING").contains("一、总体情况"));
}

#[test]
fn part_five_that_only_says_none_is_flagged() {
    let html = page();
    let five =
        html.find("五、存在的主要问题及改进情况").unwrap() + "五、存在的主要问题及改进情况".len();
    let six = html.find("六、其他需要报告的事项").unwrap();
    let mutant = format!(
        "{}</span></p><p><span>无。</span></p><p><span>{}",
        &html[..five],
        &html[six..]
    );
    let f = read("jtj.html", mutant.as_bytes());
    assert!(
        said(&f, "IMPROVEMENT_EMPTY").starts_with("第五部分“存在的主要问题及改进情况”只写了“无。”")
    );
    assert!(!checks(&f).contains(&"SECTION_MISSING"));
}

#[test]
fn a_2023_report_citing_the_2019_notice_is_flagged() {
    let mutant = page().replacen("根据", "依据国办公开办函〔2019〕60号，根据", 1);
    let f = read("jtj.html", mutant.as_bytes());
    assert!(said(&f, "OLD_FORMAT_CITED")
        .starts_with("2023年度报告引用了已被替代的国办公开办函〔2019〕60号"));
    // The seed report is of 2022 too, and cites no old notice: nothing.
    let seed = std::fs::read(corpus().join("000_49a35c6be02d9886.txt")).unwrap();
    assert!(!checks(&read("seed.txt", &seed)).contains(&"OLD_FORMAT_CITED"));
}

#[test]
fn the_governments_own_report_states_assessment_review_and_accountability() {
    let s = common::scratch("parts-assessment");
    let published = corpus().join("pingtan-2023/zone_aggregate.full.html");
    let run = |published: &std::path::Path, out: &str| {
        let out = s.join(out);
        let o = common::night(
            &corpus().join("pingtan-2023"),
            &out,
            &[
                "--roster",
                "tests/data/roster/pingtan-2023.csv",
                "--year",
                "2023",
                "-q",
                "--published",
                published.to_str().unwrap(),
            ],
        );
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{}",
            common::stderr(&o)
        );
        common::read_csv(&out.join("findings.csv"))
            .into_iter()
            .filter(|f| f["check"] == "ASSESSMENT_NOT_STATED")
            .map(|f| f["message_zh"].clone())
            .collect::<Vec<_>>()
    };
    // The real aggregate speaks of 绩效考核 but not of 评议.
    assert_eq!(
        run(&published, "real"),
        ["本级政府的年度报告未说明政府信息公开工作的评议情况（《条例》第五十条）"]
    );
    // With a sentence on 社会评议 added, nothing.
    let text = std::fs::read_to_string(&published).unwrap().replacen(
        "纳入年度绩效考核管理",
        "纳入年度绩效考核管理，开展社会评议",
        1,
    );
    let mutant = s.join("aggregate.html");
    std::fs::write(&mutant, text).unwrap();
    assert_eq!(run(&mutant, "mutant"), Vec::<String>::new());
}

#[test]
fn last_years_report_sent_again_with_this_years_year_is_an_error() {
    let s = common::scratch("parts-same");
    let reports = s.join("reports");
    common::copy_reports(&reports);
    let night = |out: &str| {
        let out = s.join(out);
        let o = common::night(
            &reports,
            &out,
            &[
                "--roster",
                "data/roster.csv",
                "--previous",
                "data/previous",
                "-q",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
        common::read_csv(&out.join("findings.csv"))
            .into_iter()
            .filter(|f| f["check"] == "SAME_AS_LAST_YEAR")
            .map(|f| (f["unit"].clone(), f["message_zh"].clone()))
            .collect::<Vec<_>>()
    };
    // The bundled district against its last year: eight units compared, none the same.
    assert_eq!(night("as-is"), Vec::<(String, String)>::new());
    // 民政局 sends last year's report again, its year changed.
    let last = std::fs::read_to_string(root().join("data/previous/民政局_2024.txt")).unwrap();
    std::fs::write(reports.join("06_民政局.txt"), last.replace("2024", "2025")).unwrap();
    let found = night("resent");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "临江区民政局");
    assert!(
        found[0].1.starts_with(
            "表二至表四的200个数字与上年报告（data/previous/民政局_2024.txt）完全相同"
        ),
        "{}",
        found[0].1
    );
}

#[test]
fn fewer_documents_in_force_than_issued_less_repealed_is_impossible() {
    let text = std::fs::read_to_string(root().join("data/reports/02_发展和改革局.txt")).unwrap();
    let as_printed = read("02.txt", text.as_bytes());
    assert!(!checks(&as_printed).contains(&"IN_FORCE_IMPOSSIBLE"));
    // 行政规范性文件: issued 1, repealed 3, in force 37 → issued 9, repealed 1, in force 5.
    let mut lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        (lines[28], lines[30], lines[32], lines[34]),
        ("行政规范性文件", "1", "3", "37")
    );
    lines[30] = "9";
    lines[32] = "1";
    lines[34] = "5";
    let f = read("02.txt", lines.join("\n").as_bytes());
    let found = f
        .findings
        .iter()
        .find(|x| x.check.id() == "IN_FORCE_IMPOSSIBLE")
        .unwrap_or_else(|| panic!("{:?}", checks(&f)));
    assert_eq!(
        found.message().zh(),
        "表二“行政规范性文件”现行有效5件，少于本年制发9件减本年废止1件，不可能；请核实"
    );
    assert_eq!(found.place, "line 35");
}

#[test]
fn a_fee_charged_in_a_year_of_ten_or_fewer_applications_is_questioned() {
    // 审计局's revised report: 4 new applications, "本单位2025年度未收取信息处理费。"
    let text = std::fs::read_to_string(root().join("data/reports/20_审计局_修订.txt")).unwrap();
    assert!(!checks(&read("20.txt", text.as_bytes())).contains(&"FEE_IMPLAUSIBLE"));
    let charged = text.replace(
        "本单位2025年度未收取信息处理费。",
        "本单位2025年度收取信息处理费 1,200 元。",
    );
    let f = read("20.txt", charged.as_bytes());
    let found = f
        .findings
        .iter()
        .find(|x| x.check.id() == "FEE_IMPLAUSIBLE")
        .unwrap_or_else(|| panic!("{:?}", checks(&f)));
    assert!(
        found
            .message()
            .zh()
            .starts_with("全年只收到4件申请，却收取了信息处理费1200元"),
        "{}",
        found.message().zh()
    );
    // The same fee with more than ten applications: nothing to question.
    let busy = std::fs::read_to_string(root().join("data/reports/02_发展和改革局.txt")).unwrap();
    let busy = busy.replace("信息处理费", "信息处理费1200元，").to_string();
    assert!(!checks(&read("02.txt", busy.as_bytes())).contains(&"FEE_IMPLAUSIBLE"));
}
