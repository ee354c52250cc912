//! Truncated and corrupted versions of real reports never panic: every one ends as a report
//! with findings or as a failed file — and never as a caught internal error, which is a bug
//! (the reader catches panics at the file boundary; these tests must still see them).

mod common;

use gid_rollup::finding::{Check, Said};
use gid_rollup::input::load::{parse_bytes, ParsedFile, Status};
use std::path::Path;

/// A real report's bytes.
fn real(rel: &str) -> Vec<u8> {
    std::fs::read(common::corpus().join(rel)).unwrap()
}

/// Parse, and fail the test on a caught panic.
fn parse(bytes: &[u8], ext: &str, what: &str) -> ParsedFile {
    let p = parse_bytes(bytes, ext, "x", "x");
    if let Some(f) = p.findings.iter().find(|f| f.check == Check::InternalError) {
        panic!("{what}: a reader bug was caught: {}", f.message());
    }
    p
}

fn prefixes_and_flips(bytes: &[u8], ext: &str) -> usize {
    // The whole file reads: the cut and corrupted versions are measured against a working reader.
    assert_eq!(
        parse(bytes, ext, "the whole file").status,
        Status::Ok,
        "the whole {ext} file reads"
    );
    let mut failed_or_partial = 0;
    let step = (bytes.len() / 150).max(1);
    for cut in (0..bytes.len()).step_by(step) {
        let p = parse(&bytes[..cut], ext, &format!("{ext} cut at {cut}"));
        if p.status != Status::Ok {
            failed_or_partial += 1;
            assert!(
                !p.findings.is_empty(),
                "a report that is not ok says why (cut at {cut})"
            );
        }
    }
    let mut x: u64 = 0x9E3779B97F4A7C15;
    for round in 0..60 {
        let mut b = bytes.to_vec();
        for _ in 0..20 {
            x ^= x << 7;
            x ^= x >> 9;
            let i = (x as usize) % b.len();
            b[i] = (x >> 32) as u8;
        }
        parse(&b, ext, &format!("{ext} corrupted, round {round}"));
    }
    failed_or_partial
}

#[test]
fn truncated_and_corrupted_text_reports() {
    let n = prefixes_and_flips(&real("000_49a35c6be02d9886.txt"), "txt");
    assert!(n > 100, "most prefixes lack a table: {n}");
}

#[test]
fn truncated_and_corrupted_html_reports() {
    let n = prefixes_and_flips(&real("pingtan-2023/jjp_jinjingpianqu.html"), "html");
    assert!(n > 100, "{n}");
}

#[test]
fn truncated_and_corrupted_pdf_reports() {
    let n = prefixes_and_flips(&real("hongze-district-2024.pdf"), "pdf");
    assert!(n > 100, "{n}");
}

#[test]
fn truncated_and_corrupted_docx_reports() {
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports/08_财政局.docx"))
            .unwrap();
    let n = prefixes_and_flips(&bytes, "docx");
    assert!(n > 100, "{n}");
}

#[test]
fn truncated_and_corrupted_word_97_reports() {
    let bytes = std::fs::read(
        common::root().join("tests/data/doc/libreoffice_gwh_guanweihuibangongshi.doc"),
    )
    .unwrap();
    let n = prefixes_and_flips(&bytes, "doc");
    assert!(n > 100, "{n}");
}

#[test]
fn truncated_and_corrupted_workbooks() {
    for file in [
        "tests/data/workbook/libreoffice_gwh_guanweihuibangongshi.xlsx",
        "tests/data/workbook/libreoffice_gwh_guanweihuibangongshi.xls",
    ] {
        let bytes = std::fs::read(common::root().join(file)).unwrap();
        let ext = file.rsplit('.').next().unwrap_or("");
        let n = prefixes_and_flips(&bytes, ext);
        assert!(n > 100, "{file}: {n}");
    }
}

/// Nesting that would make the tree builder quadratic (200,000 unclosed `<div>`s after a real
/// report: minutes before the caps) reads like the page without it, with warnings.
#[test]
fn deep_nesting_after_a_real_page_is_capped_and_the_report_still_reads() {
    let page = real("pingtan-2023/jjf_jingjifazhan.html");
    let plain = parse(&page, "html", "the real page");
    let mut hostile = page.clone();
    hostile.extend("<div>".repeat(200_000).as_bytes());
    let capped = parse(&hostile, "html", "the page with deep nesting after it");
    assert_eq!(capped.status, Status::Ok);
    let cells = |p: &ParsedFile| {
        p.report
            .as_ref()
            .unwrap()
            .cells()
            .map(|(k, e)| (k.key(), e.map(|e| e.value.clone())))
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&capped), cells(&plain));
    assert!(!plain
        .findings
        .iter()
        .any(|f| f.check == Check::NestingCapped));
    let warning = capped
        .findings
        .iter()
        .find(|f| f.check == Check::NestingCapped)
        .expect("a NESTING_CAPPED warning");
    // The tags past the depth cap are counted up to the page's tag cap (25,000 start tags),
    // after which the rest of the page is left out, and said so.
    let ignored: usize = match &warning.said {
        Said::NestingCapped { dropped, .. } => *dropped,
        other => panic!("the number of tags ignored, not {other:?}"),
    };
    assert!(
        ignored > 20_000 && ignored < 25_000,
        "{}",
        warning.message()
    );
    let cut = capped
        .findings
        .iter()
        .find(|f| f.check == Check::TextUnreadable)
        .expect("a TEXT_UNREADABLE warning for the tags past the cap");
    assert!(
        cut.message().contains("网页有超过 25000 个标签"),
        "{}",
        cut.message()
    );
}
