//! The roster: which bodies must report, matched by name in any script and variant.

mod common;

use common::{read_csv, run, scratch};
use std::collections::BTreeSet;

const ROSTER: &str = "tests/data/roster/pingtan-2023.csv";

#[test]
fn pingtan_roster_names_the_nine_missing_units() {
    let dir = scratch("roster_pingtan");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    for entry in std::fs::read_dir("tests/data/real/pingtan-2023").unwrap() {
        let p = entry.unwrap().path();
        // The zone's own aggregate is not a unit report.
        if !p.to_string_lossy().contains("zone_aggregate") {
            std::fs::copy(&p, reports.join(p.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.join("out");
    let o = run(&[
        "run",
        reports.to_str().unwrap(),
        "--roster",
        ROSTER,
        "--published",
        "tests/data/real/pingtan-2023/zone_aggregate.full.html",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let findings = read_csv(&out.join("findings.csv"));
    let missing: BTreeSet<String> = findings
        .iter()
        .filter(|f| f["check"] == "MISSING_REPORT")
        .map(|f| f["unit"].trim_start_matches("平潭综合实验区").to_string())
        .collect();
    let want: BTreeSet<String> = [
        "财政金融局",
        "国有资产管理局",
        "旅游与文化体育局",
        "农业农村局",
        "市场监督管理局",
        "综合执法与应急管理局",
        "海坛片区管理局",
        "君山片区管理局",
        "苏平片区管理局",
    ]
    .map(String::from)
    .into();
    assert_eq!(missing, want);
    assert!(
        !findings.iter().any(|f| f["check"] == "UNKNOWN_UNIT"),
        "every report matches a roster body (行政审批局 through its alias)"
    );
    // The zone's page against the seven units: incomplete, not a mismatch in every short cell.
    let aggregate: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "AGGREGATE_MISMATCH")
        .collect();
    assert_eq!(aggregate.len(), 1, "{aggregate:#?}");
    assert!(
        aggregate[0]["message"].contains("incomplete (9 roster unit(s) have no report)"),
        "{}",
        aggregate[0]["message"]
    );
    assert!(aggregate[0]["cells"]
        .split(';')
        .any(|c| c == "t3.new_received.total"));
    let d = &read_csv(&out.join("district.csv"))[0];
    assert_eq!(d["district"], "平潭综合实验区");
    assert_eq!(d["level"], "district");
    assert_eq!(
        (d["units_included"].as_str(), d["units_expected"].as_str()),
        ("7", "16")
    );
}

#[test]
fn a_bad_roster_stops_the_run_before_any_work() {
    let dir = scratch("roster_bad");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("roster.csv");
    std::fs::write(
        &bad,
        "name,kind,parent\n临江区,district,\n临江区财政局,ministry,临江区\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = common::stderr(&o);
    assert!(
        stderr.contains("roster line 3: unknown kind \"ministry\""),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn one_body_under_two_names_is_a_duplicate_with_the_roster() {
    let dir = scratch("roster_dup");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let page =
        std::fs::read_to_string("tests/data/real/pingtan-2023/jjp_jinjingpianqu.html").unwrap();
    std::fs::write(reports.join("a_full_name.html"), &page).unwrap();
    // A revision that names the bureau without the zone's name.
    std::fs::write(
        reports.join("b_short_name.html"),
        page.replace("平潭综合实验区金井片区管理局", "金井片区管理局"),
    )
    .unwrap();
    let out = dir.join("out");
    let args = |roster: bool| {
        let mut a = vec![
            "run",
            reports.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ];
        if roster {
            a.extend(["--roster", ROSTER]);
        }
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let findings = |roster: bool| {
        let a = args(roster);
        run(&a.iter().map(String::as_str).collect::<Vec<_>>());
        read_csv(&out.join("findings.csv"))
    };
    // Without a roster the two names are two units, both summed.
    let plain = findings(false);
    assert!(!plain.iter().any(|f| f["check"] == "DUPLICATE_REPORT"));
    // With it, one body: the later file is summed, the other is not.
    let with = findings(true);
    let dups: Vec<_> = with
        .iter()
        .filter(|f| f["check"] == "DUPLICATE_REPORT")
        .collect();
    assert_eq!(dups.len(), 2, "{dups:#?}");
    let units = read_csv(&out.join("units.csv"));
    let included: Vec<(&str, &str)> = units
        .iter()
        .map(|u| {
            (
                u["source"].rsplit('/').next().unwrap(),
                u["included"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        included,
        vec![("a_full_name.html", "false"), ("b_short_name.html", "true")]
    );
    assert!(units
        .iter()
        .all(|u| u["roster_unit"] == "平潭综合实验区金井片区管理局"));
}
