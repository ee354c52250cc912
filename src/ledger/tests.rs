//! The ledger on records made here: held findings read as the spill's, and ids made from what
//! a finding is about.

use super::*;
use crate::aggregate::{rollup, YearChoice};
use crate::finding::{Check, Said};
use crate::input::record::{sample, Record};

/// A unit's row-sum error on `t3.partial`, saying `said` (its words, made from it, change when
/// a version words it otherwise), at `place`.
fn row_sum(source: &str, unit: &str, said: &str, place: &str) -> Finding {
    let said = match said {
        "总计1，但各类申请人之和为2" => Said::RowSum {
            row: crate::template::keys::T3Row::Partial,
            total: 1,
            parts: vec![2],
        },
        // Other words for the same facts (the six applicant columns spelled out).
        _ => Said::RowSum {
            row: crate::template::keys::T3Row::Partial,
            total: 1,
            parts: vec![2, 0, 0, 0, 0, 0],
        },
    };
    Finding {
        source: source.into(),
        unit: unit.into(),
        check: Check::T3RowSum,
        cells: vec!["t3.partial.natural".into(), "t3.partial.total".into()],
        said,
        place: place.into(),
        facts: Vec::new(),
    }
}

/// Roll up `units` (a record and its own findings each); the ids of the units' findings in
/// order, and whether each is accepted.
fn ids_of(units: Vec<(Record, Vec<Finding>)>, accepted: Accepted) -> Vec<(String, bool)> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut spill = FindingSpill::new_in(tmp.path()).expect("spill");
    let records: Vec<Record> = units
        .into_iter()
        .map(|(mut r, own)| {
            r.counts = Counts::of(&own);
            r.findings = spill.put(&own).expect("put");
            r
        })
        .collect();
    let mut ledger = Ledger::new(spill, Vec::new());
    let r = rollup(records, &mut ledger, YearChoice::Given(2025), None);
    let f = ledger.finish(&r, accepted, None).expect("finished");
    f.all()
        .map(|l| l.expect("spill"))
        .filter(|l| l.unit_index.is_some())
        .map(|l| (l.id.clone(), l.accepted.is_some()))
        .collect()
}

#[test]
fn held_findings_are_the_spills() {
    let new = "t3.new_received.total";
    let records = vec![
        sample("a/old.txt", "丙局", 2024, &[(new, 1000)]),
        sample("b/copy.txt", "戊局", 2025, &[(new, 10)]),
        sample("c/copy.txt", "戊局", 2025, &[(new, 20)]),
    ];
    let tmp = tempfile::tempdir().expect("tempdir");
    let spill = FindingSpill::new_in(tmp.path()).expect("spill");
    let mut ledger = Ledger::new(spill, Vec::new());
    let r = rollup(records, &mut ledger, YearChoice::Majority, None);
    let read: Vec<Vec<Finding>> = r
        .units
        .iter()
        .map(|u| ledger.unit_findings(&u.record, &u.decided).expect("spill"))
        .collect();
    assert!(read.iter().any(|f| !f.is_empty()));
    let f = ledger
        .finish(&r, Accepted::default(), None)
        .expect("finished");
    assert!(f.held.is_some());
    for (i, want) in read.iter().enumerate() {
        assert_eq!(&f.unit_findings(i).expect("held"), want);
    }
    let listed: Vec<String> = f.all().map(|l| l.expect("held").id).collect();
    assert_eq!(listed.len(), f.count_all(), "{listed:?}");
    assert!(listed.iter().all(|id| id::is_id(id)), "{listed:?}");
}

#[test]
fn an_id_is_what_the_finding_is_about_not_its_wording_or_place() {
    let cells = [("t3.partial.natural", 2), ("t3.partial.total", 1)];
    let one = |wording: &str, place: &str, file: &str| {
        ids_of(
            vec![(
                sample(file, "临江区教育局", 2025, &cells),
                vec![row_sum(file, "临江区教育局", wording, place)],
            )],
            Accepted::default(),
        )[0]
        .0
        .clone()
    };
    let first = one("总计1，但各类申请人之和为2", "line 12", "r/教育局.txt");
    // Reworded, moved, or the file renamed: the same finding.
    assert_eq!(
        one("表三（二）部分公开行不符", "line 13", "r/教育局.txt"),
        first
    );
    assert_eq!(
        one(
            "总计1，但各类申请人之和为2",
            "table 3 row 4 col 7",
            "r/教育局_修订.txt"
        ),
        first
    );
    // Other values in its cells: another finding.
    let other = ids_of(
        vec![(
            sample(
                "r/教育局.txt",
                "临江区教育局",
                2025,
                &[("t3.partial.natural", 3), ("t3.partial.total", 1)],
            ),
            vec![row_sum(
                "r/教育局.txt",
                "临江区教育局",
                "总计1，但各类申请人之和为3",
                "line 12",
            )],
        )],
        Accepted::default(),
    );
    assert_ne!(other[0].0, first);
    // Another unit's same finding: another id.
    let elsewhere = ids_of(
        vec![(
            sample("r/财政局.txt", "临江区财政局", 2025, &cells),
            vec![row_sum("r/财政局.txt", "临江区财政局", "x", "line 12")],
        )],
        Accepted::default(),
    );
    assert_ne!(elsewhere[0].0, first);
}

#[test]
fn facts_beyond_the_cells_make_another_id_and_twins_get_their_own() {
    let file = "r/公安分局.txt";
    let narrative = |prose: &str| Finding {
        source: file.into(),
        unit: "公安分局".into(),
        check: Check::NarrativeMismatch,
        cells: vec!["t3.new_received.total".into()],
        said: Said::Prose {
            quote: format!("正文称收到{prose}件"),
            claim: crate::finding::said::ProseClaim::Received {
                said: prose.parse().unwrap_or(0),
                table: 3,
                carried: 0,
            },
        },
        place: "line 3".into(),
        facts: vec![prose.to_string()],
    };
    let record = || sample(file, "公安分局", 2025, &[("t3.new_received.total", 3)]);
    let zero = ids_of(vec![(record(), vec![narrative("0")])], Accepted::default());
    let five = ids_of(vec![(record(), vec![narrative("5")])], Accepted::default());
    assert_ne!(zero[0].0, five[0].0);
    // Two findings of one meaning (the prose says 0 twice): two ids, each stable.
    let twice = ids_of(
        vec![(record(), vec![narrative("0"), narrative("0")])],
        Accepted::default(),
    );
    assert_eq!(twice[0].0, zero[0].0);
    assert_ne!(twice[1].0, twice[0].0);
    // Accepted by its id: the acceptance is found whatever the wording.
    let accepted = Accepted::parse(&format!(
        "id,reason,accepted_by,accepted_on\n{},口径不同,王,2026-12-06\n",
        zero[0].0
    ))
    .expect("accepted");
    let again = ids_of(vec![(record(), vec![narrative("0")])], accepted);
    assert_eq!(again, vec![(zero[0].0.clone(), true)]);
}
