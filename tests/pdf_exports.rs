//! The same report as a Word file and as another program's PDF export reads to the same cells
//! and findings. The PDFs in tests/data/pdf were exported by LibreOffice from two of the bundled
//! Word files (see the README there); the expected cells are the generator's record of those.

mod common;

use common::root;
use gid_rollup::input::load::{parse_bytes, Status};
use gid_rollup::template::Report;
use gid_rollup::value::CellValue;
use std::collections::BTreeSet;

fn cells(r: &Report) -> Vec<(String, Option<String>)> {
    r.cells()
        .map(|(cell, entry)| {
            let v = match entry.map(|e| &e.value) {
                Some(CellValue::Number(d)) => Some(d.to_string()),
                _ => None,
            };
            (cell.key(), v)
        })
        .collect()
}

fn check(pdf: &str, docx: &str) {
    let read = |path: &str| {
        let full = root().join(path);
        let bytes = std::fs::read(&full).unwrap();
        let ext = full.extension().unwrap().to_str().unwrap().to_string();
        parse_bytes(&bytes, &ext, "file-name", path)
    };
    let from_pdf = read(pdf);
    let from_docx = read(docx);
    assert_eq!(from_pdf.status, Status::Ok, "{pdf}");
    let (p, d) = (
        from_pdf.report.as_ref().unwrap(),
        from_docx.report.as_ref().unwrap(),
    );
    assert_eq!((&p.unit, p.year), (&d.unit, d.year), "{pdf}: unit and year");

    // Every cell as the generator recorded it for the Word file.
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/expected/units.json")).unwrap(),
    )
    .unwrap();
    let want = &want[docx]["cells"];
    let mut compared = 0;
    for (key, got) in cells(p) {
        let expected = want[&key].as_str().map(String::from);
        assert_eq!(got, expected, "{pdf}: {key}");
        compared += 1;
    }
    assert!(compared > 200, "{compared} cells compared");

    let ids = |f: &gid_rollup::input::load::ParsedFile| -> BTreeSet<(String, String)> {
        f.findings
            .iter()
            .map(|x| (x.check.id().to_string(), x.cells.join(";")))
            .collect()
    };
    assert_eq!(ids(&from_pdf), ids(&from_docx), "{pdf}: findings");
}

#[test]
fn libreoffice_export_of_a_clean_report() {
    check(
        "tests/data/pdf/libreoffice_08_财政局.pdf",
        "data/reports/08_财政局.docx",
    );
}

#[test]
fn libreoffice_export_with_blank_and_placeholder_cells() {
    check(
        "tests/data/pdf/libreoffice_24_退役军人事务局.pdf",
        "data/reports/24_退役军人事务局.docx",
    );
}
