//! Why each report is in or out of the totals, on records made here.

use super::*;
use crate::finding::Check;
use crate::input::record::sample;
use crate::value::CellValue;

fn roll(records: Vec<Record>, choice: YearChoice) -> (tempfile::TempDir, Rollup, Ledger) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spill = crate::input::record::FindingSpill::new_in(tmp.path()).expect("spill");
    let mut ledger = Ledger::new(spill, Vec::new());
    let r = rollup(records, &mut ledger, choice, None);
    (tmp, r, ledger)
}

fn inclusion(r: &Rollup, source: &str) -> Inclusion {
    r.units
        .iter()
        .find(|u| u.source == source)
        .map(|u| u.inclusion)
        .expect(source)
}

#[test]
fn every_unit_says_why_it_is_summed_or_not() {
    let new = "t3.new_received.total";
    let mut unread = sample("a/unread.txt", "甲局", 2025, &[]);
    unread.status = Status::Failed;
    let mut two = sample("a/two.txt", "乙局", 2025, &[(new, 100)]);
    two.two_reports = true;
    let records = vec![
        sample("a/old.txt", "丙局", 2024, &[(new, 1000)]),
        sample("a/ok.txt", "丁局", 2025, &[(new, 3)]),
        sample("b/copy.txt", "戊局", 2025, &[(new, 10)]),
        sample("c/copy.txt", "戊局", 2025, &[(new, 20)]),
        two,
        unread,
    ];
    let (_tmp, r, ledger) = roll(records, YearChoice::Majority);
    assert_eq!(r.year, Some(2025));
    assert_eq!(inclusion(&r, "a/ok.txt"), Inclusion::Summed);
    assert_eq!(inclusion(&r, "a/old.txt"), Inclusion::OtherYear);
    assert_eq!(inclusion(&r, "a/two.txt"), Inclusion::TwoReports);
    assert_eq!(inclusion(&r, "a/unread.txt"), Inclusion::Unread);
    // Of two copies of one unit's report with no times, the later path counts.
    assert_eq!(inclusion(&r, "b/copy.txt"), Inclusion::Duplicate);
    assert_eq!(inclusion(&r, "c/copy.txt"), Inclusion::Summed);
    assert_eq!(r.units_included(), 2);
    assert_eq!(r.total(new), Some(Decimal::new(23, 0)));
    // The decisions are findings about those units, beside their own.
    let checks = |source: &str| -> Vec<Check> {
        let i = r
            .units
            .iter()
            .position(|u| u.source == source)
            .expect(source);
        ledger
            .unit_findings(&r.units[i].record, &r.units[i].decided)
            .expect("spill")
            .iter()
            .map(|f| f.check)
            .collect()
    };
    assert_eq!(checks("a/old.txt"), vec![Check::YearMismatch]);
    assert_eq!(checks("b/copy.txt"), vec![Check::DuplicateReport]);
    assert_eq!(checks("c/copy.txt"), vec![Check::DuplicateReport]);
    assert_eq!(checks("a/ok.txt"), Vec::<Check>::new());
    // Without a roster, no unit has a roster body.
    assert!(r.units.iter().all(|u| r.roster_name(u).is_none()));
}

#[test]
fn totals_are_exact_whatever_order_the_records_come_in() {
    // Fees printed with two decimals by some units and none by others: the total takes the
    // finest scale whichever comes first.
    let fees = crate::template::cell_index("t2.fees_10k_yuan").expect("key");
    let records: Vec<Record> = (0..50)
        .map(|i| {
            let mut r = sample(&format!("u/{i:02}.txt"), &format!("单位{i:02}"), 2025, &[]);
            let fee = if i % 2 == 0 {
                Decimal::new(425, 2)
            } else {
                Decimal::new(3, 0)
            };
            r.cells = crate::input::record::Cells::from_values(r.cells.values().enumerate().map(
                |(k, v)| {
                    if k == fees {
                        CellValue::Number(fee)
                    } else {
                        v
                    }
                },
            ));
            r
        })
        .collect();
    let mut reversed = records.clone();
    reversed.reverse();
    let (_a, forward, _) = roll(records, YearChoice::Given(2025));
    let (_b, backward, _) = roll(reversed, YearChoice::Given(2025));
    assert_eq!(
        forward.total("t2.fees_10k_yuan"),
        Some(Decimal::new(18125, 2))
    );
    assert_eq!(forward.totals(), backward.totals());
}
