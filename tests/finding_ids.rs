//! Finding ids from meaning, on the bundled district: an accepted finding keeps its acceptance
//! when its unit revises the report without changing what the finding is about, and the
//! accepted-findings file of the version before (ids `F…`, made from a file's content and a
//! message's wording) is carried over once, through that version's last findings.csv
//! (`tests/data/legacy/`: the bundled district rolled up under `data/roster.csv` by that version,
//! and four of its findings accepted with its `accept`).

mod common;

use common::{copy_dir, copy_reports, manifest, read_csv, root, run, scratch, stderr};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

type Row = BTreeMap<String, String>;

/// The findings the legacy file accepted, as (source's file, check, first cell).
const ACCEPTED: [(&str, &str, &str); 4] = [
    ("05_公安分局.html", "NARRATIVE_MISMATCH", "t4.review.total"),
    (
        "05_公安分局.html",
        "NARRATIVE_MISMATCH",
        "t4.suit_direct.total",
    ),
    ("02_发展和改革局.txt", "T3_ROW_SUM", "t3.partial.natural"),
    ("", "MISSING_REPORT", ""),
];

fn night(reports: &str, out: &Path, accepted: &Path) -> std::process::Output {
    run(&[
        "run",
        reports,
        "--roster",
        "data/roster.csv",
        "--out",
        out.to_str().unwrap(),
        "--accepted",
        accepted.to_str().unwrap(),
        "-q",
    ])
}

/// The finding of `findings.csv` that is `what`.
fn find<'a>(rows: &'a [Row], what: &(&str, &str, &str)) -> &'a Row {
    let (file, check, cell) = what;
    let hits: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r["source"].ends_with(file)
                && (!file.is_empty() || r["source"].is_empty())
                && r["check"] == *check
                && r["cells"].split(';').next().unwrap_or("") == *cell
        })
        .collect();
    assert_eq!(hits.len(), 1, "{what:?}: {hits:?}");
    hits[0]
}

#[test]
fn the_version_befores_accepted_ids_are_carried_over_once() {
    let dir = scratch("legacy_ids");
    let out = dir.join("out");
    copy_dir(&root().join("tests/data/legacy/last-night"), &out);
    let accepted = dir.join("已接受.csv");
    fs::copy(root().join("tests/data/legacy/accepted.csv"), &accepted).unwrap();
    let o = night("data/reports", &out, &accepted);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4项的编号已按新规则更新"),
        "{}",
        stderr(&o)
    );
    let rows = read_csv(&out.join("findings.csv"));
    let ids: Vec<String> = ACCEPTED
        .iter()
        .map(|what| {
            let f = find(&rows, what);
            assert_eq!(
                f["accepted"], "已电话核实：正文为笔误，下年更正",
                "{what:?}"
            );
            assert!(f["id"].starts_with('G'), "{f:?}");
            f["id"].clone()
        })
        .collect();
    let m = manifest(&out);
    assert_eq!(m["accepted"]["findings"]["error"], 2);
    assert_eq!(m["accepted"]["findings"]["warning"], 2);
    assert_eq!(m["accepted"]["stale"], serde_json::json!([]));
    // The file now holds the new ids, each old one beside it, the reasons as they were.
    let file = read_csv(&accepted);
    let legacy = read_csv(&root().join("tests/data/legacy/accepted.csv"));
    assert_eq!(file.len(), 4);
    for (row, old) in file.iter().zip(&legacy) {
        assert!(ids.contains(&row["id"]), "{row:?}");
        assert_eq!(row["old_id"], old["id"]);
        assert_eq!(row["reason"], old["reason"]);
    }
    // The next night needs no findings.csv of the version before: the same acceptances, and
    // nothing more to carry over.
    let o = night("data/reports", &out, &accepted);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains("编号已按新规则更新"), "{}", stderr(&o));
    let rows = read_csv(&out.join("findings.csv"));
    for (what, id) in ACCEPTED.iter().zip(&ids) {
        let f = find(&rows, what);
        assert_eq!(&f["id"], id);
        assert!(!f["accepted"].is_empty());
    }
    assert_eq!(manifest(&out)["accepted"]["stale"], serde_json::json!([]));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_revision_that_leaves_a_finding_as_it_was_keeps_its_acceptance() {
    let dir = scratch("revised_ids");
    let (reports, out, accepted) = (dir.join("reports"), dir.join("out"), dir.join("已接受.csv"));
    copy_reports(&reports);
    let reports_arg = reports.to_str().unwrap().to_string();
    let o = night(&reports_arg, &out, &accepted);
    assert_eq!(o.status.code(), Some(1));
    let rows = read_csv(&out.join("findings.csv"));
    let police = find(&rows, &ACCEPTED[0]);
    let o = run(&[
        "accept",
        &police["id"],
        "--reason",
        "正文笔误，已核实",
        "--by",
        "王芳",
        "--accepted",
        accepted.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The unit adds one "。" to its prose and sends the report again.
    let page = reports.join("05_公安分局.html");
    let text = fs::read_to_string(&page).unwrap();
    let sentence = "本年度未发生政府信息公开行政复议、行政诉讼";
    assert!(text.contains(sentence));
    fs::write(&page, text.replacen(sentence, &format!("{sentence}。"), 1)).unwrap();
    let o = night(&reports_arg, &out, &accepted);
    assert_eq!(o.status.code(), Some(1));
    let rows = read_csv(&out.join("findings.csv"));
    let again = find(&rows, &ACCEPTED[0]);
    assert_eq!(again["id"], police["id"]);
    assert_eq!(again["accepted"], "正文笔误，已核实");
    let m = manifest(&out);
    assert_eq!(m["accepted"]["findings"]["warning"], 1);
    assert_eq!(m["accepted"]["stale"], serde_json::json!([]));
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(!summary.contains("已不再出现"), "{summary}");
    // The same file moved to another folder: still the same finding.
    let moved = dir.join("收集").join("2025");
    copy_dir(&reports, &moved);
    let o = night(moved.to_str().unwrap(), &dir.join("out2"), &accepted);
    assert_eq!(o.status.code(), Some(1));
    let rows = read_csv(&dir.join("out2").join("findings.csv"));
    assert_eq!(find(&rows, &ACCEPTED[0])["id"], police["id"]);
    let _ = fs::remove_dir_all(&dir);
}
