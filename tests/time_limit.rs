//! The per-file time budget: a file whose reading runs past `--file-time-limit` becomes a
//! TIME_LIMIT finding and the run goes on with the other reports.

mod common;

use common::{read_csv, run, scratch};

#[test]
fn a_file_over_the_time_limit_is_a_finding_and_the_run_goes_on() {
    let dir = scratch("time-limit");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(
        common::root().join("tests/data/real/000_49a35c6be02d9886.txt"),
        reports.join("seed.txt"),
    )
    .unwrap();
    // 8 MB of paragraphs: far more than a millisecond's reading.
    std::fs::write(reports.join("runaway.html"), "<p>一".repeat(1_000_000)).unwrap();
    let out = dir.join("out");
    let o = run(&[
        "run",
        reports.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--file-time-limit",
        "0.001",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let findings = read_csv(&out.join("findings.csv"));
    let over: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "TIME_LIMIT")
        .collect();
    assert_eq!(over.len(), 1, "{findings:?}");
    assert!(over[0]["source"].ends_with("runaway.html"));
    assert_eq!(over[0]["severity"], "error");
    assert!(
        over[0]["message"].contains("0.001 s limit per file"),
        "{}",
        over[0]["message"]
    );
    let units = read_csv(&out.join("units.csv"));
    let runaway = units
        .iter()
        .find(|u| u["source"].ends_with("runaway.html"))
        .expect("the runaway file is listed, not dropped");
    assert_eq!(runaway["status"], "failed");
    assert_eq!(runaway["format"], "html");
    let district = read_csv(&out.join("district.csv"));
    assert_eq!(district[0]["units_included"], "1");
}

#[test]
fn an_impossible_time_limit_is_refused_before_any_work() {
    let o = run(&[
        "check",
        "tests/data/real/000_49a35c6be02d9886.txt",
        "--file-time-limit",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("--file-time-limit"));
}
