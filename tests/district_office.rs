//! The district office's checks on the bundled data: the roster (data/roster.csv, three levels),
//! last year's reports (data/previous) and the published aggregate (data/published), as the
//! generator (scripts/gen_district.py) set them up.

mod common;

use common::{office_run, read_csv, run, scratch, PUBLISHED};
use std::collections::{BTreeMap, BTreeSet};

type Rows = Vec<BTreeMap<String, String>>;

fn full_run(name: &str, previous: &str) -> (Rows, Rows, Rows) {
    let out = office_run(name, previous);
    (
        read_csv(&out.join("findings.csv")),
        read_csv(&out.join("district.csv")),
        read_csv(&out.join("units.csv")),
    )
}

/// (unit without the district's name, cells) of every finding of `check`.
fn of(findings: &Rows, check: &str) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .filter(|f| f["check"] == check)
        .map(|f| {
            (
                f["unit"].trim_start_matches("临江区").to_string(),
                f["cells"].clone(),
            )
        })
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_kind_of_finding_on_the_bundled_district() {
    let (findings, district, units) = full_run("office_full", "data/previous");
    // 档案馆 and 统计局 sent files that cannot be read: that is their one finding (UNPARSEABLE),
    // not a second one saying their report is missing.
    assert_eq!(of(&findings, "MISSING_REPORT"), set(&[("体育局", "")]));
    assert_eq!(
        of(&findings, "UNKNOWN_UNIT"),
        set(&[("机关事务管理局", "")])
    );
    assert_eq!(of(&findings, "DUPLICATE_REPORT"), set(&[("审计局", "")]));
    assert_eq!(
        of(&findings, "RULES_NONZERO"),
        set(&[("人民政府办公室", "t2.rules.in_force")])
    );
    assert_eq!(
        of(&findings, "NARRATIVE_MISMATCH"),
        set(&[
            ("司法局", "t3.new_received.total"),
            ("公安分局", "t4.review.total"),
            ("公安分局", "t4.suit_direct.total"),
        ])
    );
    assert_eq!(
        of(&findings, "CARRY_CHAIN"),
        set(&[("民政局", "t3.carried_over.natural;t3.carried_over.total")])
    );
    assert_eq!(
        of(&findings, "IN_FORCE_CHAIN"),
        set(&[("教育局", "t2.normative.in_force")])
    );
    assert_eq!(
        of(&findings, "TENFOLD_CHANGE"),
        set(&[("商务局", "t2.licensing")])
    );

    // The published aggregate: one typing slip listed, the rest short because units are missing.
    let agg: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "AGGREGATE_MISMATCH")
        .collect();
    assert_eq!(agg.len(), 2, "{agg:#?}");
    let slip = agg
        .iter()
        .find(|f| f["cells"] == "t2.licensing")
        .expect("t2.licensing");
    assert_eq!(slip["unit"], "临江区");
    assert!(
        slip["message"].contains("各单位之和为"),
        "{}",
        slip["message"]
    );
    assert!(
        slip["message"].contains("临江区商务局（TENFOLD_CHANGE）"),
        "{}",
        slip["message"]
    );
    let short = agg.iter().find(|f| f["cells"] != "t2.licensing").unwrap();
    assert!(
        short["message"].contains("incomplete (3 roster unit(s) have no report)"),
        "{}",
        short["message"]
    );
    assert!(short["cells"]
        .split(';')
        .any(|c| c == "t3.new_received.natural"));

    // Three levels: the city, the district, the units. Each node sums its own.
    let row = |name: &str| district.iter().find(|d| d["district"] == name).unwrap();
    let (city, dist) = (row("临江市"), row("临江区"));
    assert_eq!(
        (city["level"].as_str(), city["parent"].as_str()),
        ("city", "")
    );
    assert_eq!(
        (dist["level"].as_str(), dist["parent"].as_str()),
        ("district", "临江市")
    );
    assert_eq!(district[0]["district"], "临江市", "the top comes first");
    assert_eq!(
        (
            city["units_expected"].as_str(),
            dist["units_expected"].as_str()
        ),
        ("34", "34")
    );
    assert_eq!(
        (
            city["units_included"].as_str(),
            dist["units_included"].as_str()
        ),
        ("32", "31")
    );
    let unknown = units
        .iter()
        .find(|u| u["source"].ends_with("34_机关事务管理局.txt"))
        .unwrap();
    assert_eq!(unknown["roster_unit"], "");
    for key in ["t3.new_received.total", "t2.punishment", "t4.review.total"] {
        let n = |s: &str| s.parse::<i64>().unwrap_or(0);
        assert_eq!(
            n(&city[key]),
            n(&dist[key]) + n(&unknown[key]),
            "{key}: the city is the district and the unit it does not know"
        );
        let summed: i64 = units
            .iter()
            .filter(|u| u["included"] == "true" && !u["roster_unit"].is_empty())
            .map(|u| n(&u[key]))
            .sum();
        assert_eq!(n(&dist[key]), summed, "{key}");
    }
    // The renamed body is matched through its alias, this year by its new name.
    let renamed = units
        .iter()
        .find(|u| u["source"].ends_with("23_城市管理局.pdf"))
        .unwrap();
    assert_eq!(renamed["unit"], "临江区城市管理和综合执法局");
    assert_eq!(renamed["roster_unit"], "临江区城市管理和综合执法局");
}

#[test]
fn last_year_as_its_units_csv_gives_the_same_chain_findings_and_follows_a_rename() {
    // Last year's units.csv, as last year's run wrote it.
    let last = scratch("office_last_year");
    let o = run(&[
        "run",
        "data/previous",
        "--out",
        last.to_str().unwrap(),
        "-q",
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = last.join("units.csv");
    let (from_csv, _, _) = full_run("office_from_csv", csv.to_str().unwrap());
    let (from_reports, _, _) = full_run("office_from_reports", "data/previous");
    for check in ["CARRY_CHAIN", "IN_FORCE_CHAIN", "TENFOLD_CHANGE"] {
        assert_eq!(of(&from_csv, check), of(&from_reports, check), "{check}");
    }

    // Break the renamed body's chain in last year's units.csv (filed under its old name).
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "t3.carried_forward.total")
        .unwrap();
    let row = lines
        .iter()
        .position(|l| l.contains("城市管理局_2024"))
        .unwrap();
    let mut fields: Vec<String> = lines[row].split(',').map(String::from).collect();
    fields[col] = (fields[col].parse::<i64>().unwrap() + 5).to_string();
    lines[row] = fields.join(",");
    let broken = last.join("broken_units.csv");
    std::fs::write(&broken, lines.join("\n") + "\n").unwrap();
    let (findings, _, _) = full_run("office_renamed", broken.to_str().unwrap());
    assert!(
        of(&findings, "CARRY_CHAIN")
            .iter()
            .any(|(u, c)| u == "城市管理和综合执法局" && c.contains("t3.carried_over.total")),
        "{:?}",
        of(&findings, "CARRY_CHAIN")
    );
}

#[test]
fn without_the_office_inputs_none_of_their_findings_appear() {
    let out = scratch("office_none");
    run(&["run", "data/reports", "--out", out.to_str().unwrap(), "-q"]);
    let findings = read_csv(&out.join("findings.csv"));
    for check in [
        "MISSING_REPORT",
        "UNKNOWN_UNIT",
        "RULES_NONZERO",
        "CARRY_CHAIN",
        "IN_FORCE_CHAIN",
        "TENFOLD_CHANGE",
        "AGGREGATE_MISMATCH",
    ] {
        assert!(of(&findings, check).is_empty(), "{check}");
    }
    let district = read_csv(&out.join("district.csv"));
    assert_eq!(district.len(), 1);
    assert_eq!(
        (
            district[0]["district"].as_str(),
            district[0]["level"].as_str(),
            district[0]["units_expected"].as_str()
        ),
        ("district", "district", "")
    );
}

#[test]
fn an_unreadable_published_aggregate_is_said_so() {
    let out = scratch("office_bad_published");
    run(&[
        "run",
        "data/reports",
        "--published",
        "data/reports/32_统计局.doc",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    let findings = read_csv(&out.join("findings.csv"));
    let agg: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "AGGREGATE_MISMATCH")
        .collect();
    assert_eq!(agg.len(), 1);
    assert!(
        agg[0]["message"].contains("nothing compared"),
        "{}",
        agg[0]["message"]
    );
    // The file is not a unit of this run.
    let units = read_csv(&out.join("units.csv"));
    assert!(!units.iter().any(|u| u["source"].ends_with("32_统计局.doc")));
}

#[test]
fn a_file_that_is_not_last_years_units_csv_stops_the_run_before_any_work() {
    let dir = scratch("office_bad_previous");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("units.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let out = dir.join("out");
    let o = run(&[
        "run",
        "data/reports",
        "--previous",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("not a units.csv of gid-rollup"));
    assert!(!out.exists());
}

#[test]
fn the_published_aggregate_of_the_city_counts_the_missing_bodies_not_the_summed_files() {
    // The same aggregate, published as the city's: compared with the top node, where the unit
    // the roster does not know is summed. Three bodies are still missing, not 34 − 32 = 2.
    let dir = scratch("office_city_published");
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read_to_string(PUBLISHED).unwrap();
    let city = dir.join("临江市2025年政府信息公开工作年度报告.html");
    std::fs::write(&city, page.replace("临江区人民政府", "临江市人民政府")).unwrap();
    let out = dir.join("out");
    run(&[
        "run",
        "data/reports",
        "--roster",
        "data/roster.csv",
        "--published",
        city.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    let findings = read_csv(&out.join("findings.csv"));
    let short = findings
        .iter()
        .find(|f| f["check"] == "AGGREGATE_MISMATCH" && f["cells"] != "t2.licensing")
        .expect("an incomplete comparison");
    assert_eq!(short["unit"], "临江市");
    assert!(
        short["message"]
            .contains("3 roster unit(s) have no report and 2 file(s) could not be read"),
        "{}",
        short["message"]
    );
}

#[test]
fn an_unreadable_report_of_last_year_is_said_not_skipped() {
    let dir = scratch("office_bad_last_year");
    let last = dir.join("previous");
    std::fs::create_dir_all(&last).unwrap();
    for e in std::fs::read_dir("data/previous").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, last.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        last.join("统计局_2024.doc"),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
    )
    .unwrap();
    let (findings, _, _) = full_run("office_bad_last_year_run", last.to_str().unwrap());
    let said: Vec<_> = findings
        .iter()
        .filter(|f| f["source"].ends_with("统计局_2024.doc"))
        .collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0]["check"], "TEXT_UNREADABLE");
    assert!(
        said[0]["message"].contains("last year's report could not be read"),
        "{}",
        said[0]["message"]
    );
    assert!(
        said[0]["message"].contains("save it as .docx"),
        "{}",
        said[0]["message"]
    );
    // The readable ones are still compared.
    assert_eq!(of(&findings, "CARRY_CHAIN").len(), 1);
}
