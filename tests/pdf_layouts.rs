//! PDFs from browsers, in every layout (issue 20): real pages printed by headless Chromium with
//! its running header and footer (date, title, file address, page count) on A4, Letter and A4
//! landscape paper and at 80 % and 125 % scale (`scripts/layouts/make_prints.py`, committed in
//! `tests/data/prints/`). Every cell of tables 二–四 reads as the page prints it, the unit's name
//! is read, and the browser's header and footer are never a cell.

mod common;

use common::{expected_cells, notation, read_expected, root};
use gid_rollup::input::load::{parse_bytes, Status};

#[test]
fn every_layout_of_every_printed_page_reads_every_cell_as_printed() {
    let dir = root().join("tests/data/prints");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{}", files.len());
    let mut cells = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // `<page>.<layout>.pdf`
        let page = name.rsplitn(3, '.').nth(2).unwrap().to_string();
        let want = expected_cells(&format!("{page}.expected"));
        let e = read_expected(&format!("{page}.expected"));
        let f = parse_bytes(&std::fs::read(&path).unwrap(), "pdf", &page, &name);
        assert_eq!(f.status, Status::Ok, "{name}");
        let r = f.report.as_ref().unwrap();
        assert_eq!(r.unit, e.unit, "{name}: unit");
        assert_eq!(r.year, Some(e.year), "{name}: year");
        let got: std::collections::BTreeMap<String, String> = r
            .cells()
            .map(|(c, entry)| (c.key(), notation(entry)))
            .filter(|(k, _)| want.contains_key(k))
            .collect();
        for (k, v) in &want {
            assert_eq!(got.get(k), Some(v), "{name}: {k}");
            cells += 1;
        }
        // The browser's running lines are not read as the report's.
        let findings: Vec<String> = f
            .findings
            .iter()
            .map(|x| x.message().line().to_string())
            .collect();
        assert!(
            findings.iter().all(|m| !m.contains("file:")),
            "{name}: {findings:?}"
        );
    }
    assert!(cells > 2_500, "{cells}");
}
