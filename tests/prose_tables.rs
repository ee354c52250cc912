//! Prose against the tables, wider (issue 21): 上年结转, table 二's counts and 收费, and 复议 and
//! 诉讼 by result — on the real 行政审批局 page (whose prose says 制定规范性文件5件, as its table
//! 二 does) and mutants of its sentences. A sentence about a part, or about what was published
//! rather than what is in force, is not compared.

mod common;

use common::corpus;
use gid_rollup::input::load::parse_bytes;

fn page() -> String {
    std::fs::read_to_string(corpus().join("pingtan-2023/hzs_xingzhengshenpi.html")).unwrap()
}

/// The cells and Chinese sentences of the page's NARRATIVE_MISMATCH findings.
fn mismatches(text: &str) -> Vec<(String, String)> {
    parse_bytes(text.as_bytes(), "html", "unit", "hzs.html")
        .findings
        .iter()
        .filter(|f| f.check.id() == "NARRATIVE_MISMATCH")
        .map(|f| (f.cells.join(";"), f.message().zh().to_string()))
        .collect()
}

#[test]
fn the_real_page_agrees_with_itself() {
    assert_eq!(mismatches(&page()), []);
}

#[test]
fn a_changed_table_two_figure_is_found() {
    let text = page().replace("制定规范性文件5件", "制定规范性文件7件");
    let found = mismatches(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "t2.normative.issued");
    assert!(
        found[0]
            .1
            .ends_with("称行政规范性文件7件，而表二“行政规范性文件”“本年制发件数”为5"),
        "{found:?}"
    );
}

#[test]
fn carried_over_fees_and_results_are_compared() {
    // As printed: the review upheld (1), the lawsuit not.
    let text = page().replace(
        "因依申请公开引发行政复议1起、行政诉讼1起",
        "因依申请公开引发行政复议1起，其中维持1起",
    );
    assert_eq!(mismatches(&text), []);
    // The table: nothing carried over, no fees, the review upheld and the lawsuit 其他.
    for (from, to, cell, says) in [
        (
            "收到公民、法人和其他组织政府信息公开申请7件",
            "收到公民、法人和其他组织政府信息公开申请7件，上年结转申请2件",
            "t3.carried_over.total",
            "称上年结转2件，而表三上年结转0件",
        ),
        (
            "因依申请公开引发行政复议1起、行政诉讼1起",
            "因依申请公开引发行政复议1起，其中维持2起",
            "t4.review.upheld",
            "称行政复议结果维持2件，而表四为1件",
        ),
        (
            "制定规范性文件5件",
            "制定规范性文件5件，行政事业性收费共计3.5万元",
            "t2.fees_10k_yuan",
            "称行政事业性收费3.5万元，而表二为0万元",
        ),
    ] {
        let text = page().replace(from, to);
        assert_ne!(text, page(), "{from}");
        let found = mismatches(&text);
        assert_eq!(found.len(), 1, "{to}: {found:?}");
        assert_eq!(found[0].0, cell, "{to}");
        assert!(found[0].1.ends_with(says), "{to}: {found:?}");
    }
}

#[test]
fn sentences_that_speak_of_something_else_are_not_compared() {
    for (from, to) in [
        // What was published in the library, not what is in force.
        (
            "制定规范性文件5件",
            "制定规范性文件5件，清理并集中发布现行有效行政规范性文件3件",
        ),
        // A part of the body.
        (
            "制定规范性文件5件",
            "制定规范性文件5件，其中各部门行政处罚决定12件",
        ),
        // Both kinds of case in one sentence: whose result it is cannot be told.
        (
            "因依申请公开引发行政复议1起、行政诉讼1起",
            "因依申请公开引发行政复议1起、行政诉讼1起，维持2起",
        ),
        // A fee in 元, not 万元: the 收费 cell is 万元.
        (
            "制定规范性文件5件",
            "制定规范性文件5件，行政事业性收费共计350元",
        ),
    ] {
        let text = page().replace(from, to);
        assert_ne!(text, page());
        assert_eq!(mismatches(&text), [], "{to}");
    }
}

/// The seed (a real report: 杭州钱江经济开发区, which is a zone's own report by its name) with its
/// 收费 cell (line 77, printed 0) printed otherwise.
fn seed_fee(printed: &str) -> Vec<String> {
    let text = std::fs::read_to_string(corpus().join("000_49a35c6be02d9886.txt")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[76], "0");
    lines[76] = printed;
    parse_bytes(lines.join("\n").as_bytes(), "txt", "unit", "seed.txt")
        .findings
        .iter()
        .filter(|f| matches!(f.check.id(), "FEE_UNIT_DOUBTFUL" | "VALUE_CONVERTED"))
        .map(|f| format!("{} {}", f.check.id(), f.message().zh()))
        .collect()
}

#[test]
fn fees_printed_without_a_unit_and_too_large_are_doubtful() {
    assert_eq!(seed_fee("0"), Vec::<String>::new());
    assert_eq!(seed_fee("25.1"), Vec::<String>::new());
    // Its name tells no department: a government's limit, 10 亿元.
    assert_eq!(seed_fee("95000"), Vec::<String>::new());
    assert_eq!(
        seed_fee("2510000"),
        ["FEE_UNIT_DOUBTFUL 表二“行政事业性收费”金额填写“2510000”，未注明单位：按万元计为251亿元，超过一级政府通常的100000万元，可能是按元填写（按元应为251万元）；请核实"]
    );
    // Printed in 元: converted exactly, nothing doubtful.
    let said = seed_fee("2510000元");
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("VALUE_CONVERTED"), "{said:?}");
}

#[test]
fn a_department_fee_above_a_hundred_million_is_doubtful() {
    let text = std::fs::read_to_string(corpus().join("000_49a35c6be02d9886.txt"))
        .unwrap()
        .replace("杭州錢江經濟開發區", "杭州錢江經濟開發區管理委員會");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[76] = "251000";
    let found: Vec<String> = parse_bytes(lines.join("\n").as_bytes(), "txt", "unit", "seed.txt")
        .findings
        .iter()
        .filter(|f| f.check.id() == "FEE_UNIT_DOUBTFUL")
        .map(|f| f.message().zh().to_string())
        .collect();
    assert_eq!(found, ["表二“行政事业性收费”金额填写“251000”，未注明单位：按万元计为25.1亿元，超过一个部门、乡镇（街道）通常的10000万元，可能是按元填写（按元应为25.1万元）；请核实"]);
}
