//! The publishing rules that real districts rarely reach: a view that cannot be made, and
//! views that list only part of a province's units and findings. Built from records made here
//! (no files to read), so thousands of units cost little.

use super::*;
use crate::aggregate::{rollup, YearChoice};
use crate::finding::{Check, Finding, Said};
use crate::input::record::{FindingSpill, Record};
use crate::value::Decimal;

/// Unit `i`: one licensing decision (`t2.licensing` = 1), and one warning of its own.
fn units(n: usize, dir: &std::path::Path) -> (Vec<Record>, FindingSpill) {
    let mut spill = FindingSpill::new_in(dir).expect("spill");
    let records = (0..n)
        .map(|i| {
            let source = format!("reports/{i:05}.txt");
            let warning = Finding {
                source: source.clone(),
                unit: format!("单位{i:05}"),
                check: Check::CarriedForward,
                cells: vec!["t3.carried_forward.total".to_string()],
                said: Said::CarriedForward { n: i as i128 },
                place: "line 9".to_string(),
                facts: Vec::new(),
            };
            let mut record = crate::input::record::sample(
                &source,
                &format!("单位{i:05}"),
                2025,
                &[("t2.licensing", 1)],
            );
            record.counts = crate::finding::Counts {
                errors: 0,
                warnings: 1,
                infos: 0,
            };
            record.findings = spill.put(&[warning]).expect("put");
            record
        })
        .collect::<Vec<_>>();
    (records, spill)
}

/// A view that always fails to render, under the workbook's name.
struct Failing;

impl Export for Failing {
    fn file_name(&self) -> &'static str {
        "district.xlsx"
    }
    fn write(&self, _: &RunRecord, _: &mut dyn std::io::Write) -> Result<(), OutputError> {
        Err(OutputError::Render {
            name: "district.xlsx",
            message: "the disk of views is full".to_string(),
        })
    }
    fn optional(&self) -> bool {
        true
    }
}

fn publish_units(
    n: usize,
    exports: &[Box<dyn Export>],
) -> (tempfile::TempDir, Vec<String>, Rollup, usize) {
    let (tmp, notes, r, published) = try_publish(n, exports);
    (tmp, notes, r, published.expect("published"))
}

/// Publish `n` units made here with `exports`: the notes, the roll-up, and the errors found
/// (or why the set was not published).
fn try_publish(
    n: usize,
    exports: &[Box<dyn Export>],
) -> (
    tempfile::TempDir,
    Vec<String>,
    Rollup,
    Result<usize, OutputError>,
) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (records, spill) = units(n, tmp.path());
    let mut ledger = crate::ledger::Ledger::new(spill, Vec::new());
    let r = rollup(records, &mut ledger, YearChoice::Given(2025), None);
    let passed_over = crate::input::discover::PassedOver::default();
    let info = RunInfo {
        version: "test",
        arguments: Vec::new(),
        started: "2026-01-01T00:00:00Z".to_string(),
        passed_over: &passed_over,
        cache: None,
        since: None,
        yoy: None,
        contact: None,
    };
    let set = set::OutSet::new(&tmp.path().join("out"));
    let mut notes = Vec::new();
    let findings = ledger
        .finish(&r, Default::default(), None)
        .expect("finished");
    let published = publish(&set, &r, findings, &info, &mut notes, exports)
        .map(|(findings, _)| findings.count(crate::finding::Severity::Error));
    (tmp, notes, r, published)
}

fn read(tmp: &tempfile::TempDir, name: &str) -> String {
    std::fs::read_to_string(tmp.path().join("out").join(name)).expect(name)
}

#[test]
fn a_view_that_cannot_be_made_is_a_finding_and_every_other_output_is_written() {
    let exports: Vec<Box<dyn Export>> = all_exports()
        .into_iter()
        .map(|e| -> Box<dyn Export> {
            if e.file_name() == "district.xlsx" {
                Box::new(Failing)
            } else {
                e
            }
        })
        .collect();
    let (tmp, notes, r, errors) = publish_units(3, &exports);
    let out = tmp.path().join("out");
    assert!(!out.join("district.xlsx").exists());
    for name in output_names().into_iter().filter(|n| *n != "district.xlsx") {
        assert!(out.join(name).is_file(), "{name} was not written");
    }
    // Said in the findings, the manifest's notes and the summary, with the reason.
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("district.xlsx 无法生成"), "{}", notes[0]);
    assert!(
        notes[0].contains("the disk of views is full"),
        "{}",
        notes[0]
    );
    let findings = read(&tmp, "findings.csv");
    let failed: Vec<&str> = findings
        .lines()
        .filter(|l| l.contains("OUTPUT_FAILED"))
        .collect();
    assert_eq!(failed.len(), 1, "{findings}");
    assert!(failed[0].contains("error"), "{}", failed[0]);
    assert_eq!(errors, 1);
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&tmp, "manifest.json")).expect("manifest");
    assert!(manifest["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("district.xlsx")));
    assert!(read(&tmp, "summary.md").contains("district.xlsx 无法生成"));
    // The data are all there: three units, three licensing decisions.
    assert_eq!(read(&tmp, "units.csv").lines().count(), 4);
    assert!(read(&tmp, "district.csv").contains("t2.licensing"));
    assert_eq!(r.total("t2.licensing"), Some(Decimal::new(3, 0)));
}

#[test]
fn views_list_a_bounded_part_and_say_where_the_rest_is() {
    let n = VIEW_FINDINGS.max(VIEW_UNITS) + 1;
    let (tmp, notes, r, _) = publish_units(n, &all_exports());
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(r.total("t2.licensing"), Some(Decimal::new(n as i128, 0)));
    // The data files list everything: every unit, every finding (one warning per unit, and the
    // info that the views are limited).
    assert_eq!(read(&tmp, "units.csv").lines().count(), n + 1);
    let findings = read(&tmp, "findings.csv");
    assert_eq!(findings.lines().count(), n + 2);
    assert_eq!(
        findings
            .lines()
            .filter(|l| l.contains("OUTPUT_LIMITED"))
            .count(),
        1
    );
    // The summary: the first 2,000 units and 5,000 findings, and where the rest are.
    let summary = read(&tmp, "summary.md");
    assert!(summary.contains(&format!(
        "此处只列出前 {VIEW_UNITS} 项（共 {n} 项），全部见 units.csv"
    )));
    assert!(summary.contains(&format!(
        "此处只列出前 {VIEW_FINDINGS} 项（共 {} 项），全部见 findings.csv",
        n + 1
    )));
    let unit_rows: Vec<&str> = summary.lines().filter(|l| l.contains("是 yes")).collect();
    assert_eq!(unit_rows.len(), VIEW_UNITS);
    assert!(unit_rows[VIEW_UNITS - 1].contains("reports/01999.txt"));
    let page = read(&tmp, "report.html");
    assert!(page.contains(&format!(
        "此处只列出前 {VIEW_FINDINGS} 项（共 {} 项），全部见 findings.csv",
        n + 1
    )));
    // The workbook: 5,000 unit rows under two header rows, then the line saying where the rest
    // are.
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(tmp.path().join("out/district.xlsx")).expect("xlsx");
    let sheet = wb.worksheet_range("单位").expect("单位");
    let first_column: Vec<String> = sheet
        .rows()
        .map(|row| match row.first() {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect();
    let listed = first_column
        .iter()
        .filter(|s| s.starts_with("reports/"))
        .count();
    assert_eq!(listed, VIEW_UNITS);
    assert!(first_column.iter().any(|s| s.contains(&format!(
        "此处只列出前 {} 项（共 {n} 项），全部见 units.csv",
        VIEW_UNITS
    ))));
}

/// `units.parquet` written to a disk that fills up after `room` bytes.
struct FullDisk {
    room: usize,
}

struct Full<'a> {
    out: &'a mut dyn std::io::Write,
    room: usize,
}

impl std::io::Write for Full<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        self.room -= buf.len();
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl Export for FullDisk {
    fn file_name(&self) -> &'static str {
        "units.parquet"
    }
    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        let mut full = Full {
            out,
            room: self.room,
        };
        super::parquet::UnitsParquet.write(run, &mut full)
    }
}

#[test]
fn a_full_disk_while_writing_parquet_says_so() {
    let exports: Vec<Box<dyn Export>> = vec![Box::new(FullDisk { room: 2000 })];
    let (_tmp, _, _, published) = try_publish(50, &exports);
    let said = published
        .expect_err("a full disk fails the night")
        .to_string();
    assert!(said.contains("No space left on device"), "{said}");
    assert!(!said.contains("thrift"), "{said}");
}
