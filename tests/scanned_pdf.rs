//! A PDF with some pages scanned (an image, no text layer) is never summed by half: when the
//! text pages do not hold whole, consistent tables, the report is not summed and its one
//! finding names the scanned pages — no balance errors blamed on the unit. When the scanned
//! page holds no table (a stamped last page), the tables are summed and the page is noted.
//!
//! The mutants are made here from a real report: one page's content is replaced by the drawing
//! of an image, as a scanner's page is.

mod common;

use common::root;
use gid_rollup::input::load::{parse_bytes, ParsedFile, Status};
use lopdf::{dictionary, Stream};

/// `pdf` with page `page` (1-based) replaced by a small picture: its text is gone.
fn scan_page(pdf: &[u8], page: u32) -> Vec<u8> {
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![255, 0, 0, 255],
    );
    common::page_as_image(pdf, page, image)
}

fn read(bytes: &[u8]) -> ParsedFile {
    parse_bytes(bytes, "pdf", "洪泽区", "洪泽区.pdf")
}

fn checks(f: &ParsedFile) -> Vec<&str> {
    f.findings.iter().map(|x| x.check.id()).collect()
}

const HONGZE: &str = "tests/data/real/hongze-district-2024.pdf";

#[test]
fn the_real_pdf_reads_whole_before_any_page_is_scanned() {
    let original = read(&std::fs::read(root().join(HONGZE)).unwrap());
    assert_eq!(original.status, Status::Ok);
    assert!(
        !checks(&original).contains(&"UNPARSEABLE"),
        "{:?}",
        checks(&original)
    );
}

#[test]
fn a_scanned_table_page_means_the_report_is_not_summed_and_the_finding_names_the_page() {
    let bytes = std::fs::read(root().join(HONGZE)).unwrap();
    // Page 4 holds the end of table 三 and all of table 四.
    let f = read(&scan_page(&bytes, 4));
    assert_eq!(f.status, Status::Failed, "{:?}", checks(&f));
    // One finding, no balance errors; beside it only why the page was not read (a picture too
    // small to be a scan, or no Tesseract).
    assert_eq!(
        checks(&f)
            .iter()
            .filter(|c| **c != "TEXT_UNREADABLE")
            .collect::<Vec<_>>(),
        [&"UNPARSEABLE"],
        "{:?}",
        checks(&f)
    );
    let m = f
        .findings
        .iter()
        .find(|x| x.check.id() == "UNPARSEABLE")
        .unwrap()
        .message();
    let (zh, en) = (m.zh(), m.en());
    assert!(zh.starts_with("第 4 页是扫描图像"), "{zh}");
    assert!(zh.contains("未计入汇总"), "{zh}");
    assert!(en.contains("page(s) 4"), "{en}");

    // Table 三's first page scanned: the same.
    let f = read(&scan_page(&bytes, 3));
    assert_eq!(f.status, Status::Failed);
    let unparseable: Vec<_> = f
        .findings
        .iter()
        .filter(|x| x.check.id() == "UNPARSEABLE")
        .collect();
    assert_eq!(unparseable.len(), 1, "{:?}", checks(&f));
    assert!(unparseable[0].message().zh().starts_with("第 3 页"));
}

#[test]
fn a_scanned_page_without_tables_leaves_the_tables_summed_and_says_so() {
    let bytes = std::fs::read(root().join(HONGZE)).unwrap();
    let original = read(&bytes);
    // Page 5 holds only parts 五 and 六: the tables are whole.
    let f = read(&scan_page(&bytes, 5));
    assert_eq!(f.status, Status::Ok, "{:?}", checks(&f));
    assert!(checks(&f).contains(&"TEXT_UNREADABLE"));
    assert!(!checks(&f).contains(&"UNPARSEABLE"));
    let cells = |p: &ParsedFile| {
        p.report
            .as_ref()
            .unwrap()
            .cells()
            .map(|(c, e)| (c.key(), e.map(|e| format!("{:?}", e.value))))
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&f), cells(&original), "every cell as the whole PDF's");
}
