//! Stamped scans read offline (issue 20): the real 洪泽区 PDF printed, stamped, turned, dusted
//! and saved as an image-only PDF at two resolutions and in black and white (CCITT Group 4) (`scripts/scan/make_scans.py`, fixtures in
//! `tests/data/scan/`), read with Tesseract. Every number read is the printed one or the cell
//! is named as doubtful, and a report with any doubtful cell or failing identity is not summed:
//! never a wrong number. Without Tesseract, the finding says what to install.

mod common;

use common::root;
use gid_rollup::input::load::{parse_bytes, ParsedFile, Status};
use gid_rollup::value::CellValue;
use lopdf::dictionary;
use std::collections::BTreeMap;

/// Whether this machine has Tesseract with its Chinese data (CI installs it).
fn tesseract() -> bool {
    std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == "chi_sim")
        })
}

/// The printed value of every cell of the real report, by key.
fn printed() -> BTreeMap<String, String> {
    common::expected_cells("hongze-district-2024.expected")
}

fn read(name: &str) -> ParsedFile {
    let bytes = std::fs::read(root().join("tests/data/scan").join(name)).unwrap();
    parse_bytes(&bytes, "pdf", "洪泽区", name)
}

/// Each number read is the printed one, or its cell is among the doubtful ones named; a report
/// with doubts is not summed, and one summed has every cell as printed. The number of cells read
/// exactly, and of those doubtful.
fn exact_or_flagged(f: &ParsedFile) -> (usize, usize) {
    let want = printed();
    let doubtful: Vec<String> = f
        .findings
        .iter()
        .filter(|x| x.check.id() == "UNPARSEABLE")
        .flat_map(|x| x.cells.clone())
        .collect();
    let r = f
        .report
        .as_ref()
        .expect("a report: its unit and year were read");
    assert_eq!(
        (r.unit.as_str(), r.year),
        ("淮安市洪泽区人民政府", Some(2024))
    );
    let mut exact = 0;
    for (cell, entry) in r.cells() {
        let key = cell.key();
        let Some(CellValue::Number(d)) = entry.map(|e| &e.value) else {
            continue;
        };
        if doubtful.contains(&key) {
            continue;
        }
        match want.get(&key) {
            Some(v) if *v == d.to_string() => exact += 1,
            // A number where the report prints none, or another number: only ever in a report
            // that is not summed, with a finding.
            other => assert_eq!(
                f.status,
                Status::Failed,
                "{key}: read {d}, printed {other:?}, and the report would be summed"
            ),
        }
    }
    if f.status != Status::Failed {
        assert!(doubtful.is_empty());
        assert_eq!(exact, want.values().filter(|v| *v != "-").count());
    } else {
        let said: Vec<&str> = f.findings.iter().map(|x| x.check.id()).collect();
        assert_eq!(
            said.iter().filter(|c| **c == "UNPARSEABLE").count(),
            1,
            "{said:?}"
        );
        let m = f
            .findings
            .iter()
            .find(|x| x.check.id() == "UNPARSEABLE")
            .unwrap()
            .message();
        assert!(m.zh().contains("该报告未计入合计"), "{}", m.zh());
    }
    (exact, doubtful.len())
}

#[test]
fn every_number_read_from_a_scan_is_the_printed_one_or_named_doubtful() {
    if !tesseract() {
        eprintln!(
            "Tesseract with chi_sim is not installed: the scans are checked by the next test only"
        );
        return;
    }
    for name in [
        "hongze-district-2024.scan-200.pdf",
        "hongze-district-2024.scan-150.pdf",
        // Black and white, CCITT Group 4.
        "hongze-district-2024.scan-200-g4.pdf",
    ] {
        let f = read(name);
        let ids: Vec<&str> = f.findings.iter().map(|x| x.check.id()).collect();
        assert!(ids.contains(&"SCAN_READ"), "{name}: {ids:?}");
        let (exact, doubtful) = exact_or_flagged(&f);
        eprintln!(
            "{name}: {exact} cells exact, {doubtful} doubtful, status {:?}",
            f.status
        );
        // At 200 dpi most of the tables are read exactly (grey 153, black and white 133 when
        // measured).
        if name.contains("200") {
            assert!(exact >= 120, "{name}: {exact}");
        }
    }
}

#[test]
fn without_tesseract_a_scan_says_what_to_install() {
    let o = common::command()
        .env("GID_ROLLUP_TESSERACT", "none")
        .args(["check", "tests/data/scan/hongze-district-2024.scan-150.pdf"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let said = common::stdout(&o);
    assert!(
        said.contains("扫描版 PDF：没有文字层，且本机未安装文字识别程序 Tesseract，无法识别扫描件；请安装（Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim）"),
        "{said}"
    );
    assert!(said.contains("UNPARSEABLE"), "{said}");
}

/// The real text PDF with its page `page` replaced by the same page of the 200 dpi scan (a
/// half-scanned report: the unit scanned the table pages only).
fn half_scanned(page: u32) -> Vec<u8> {
    let scan =
        lopdf::Document::load(root().join("tests/data/scan/hongze-district-2024.scan-200.pdf"))
            .unwrap();
    let (res, _) = scan.get_page_resources(scan.get_pages()[&page]).unwrap();
    let image_id = res
        .unwrap()
        .get(b"XObject")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Im0")
        .unwrap()
        .as_reference()
        .unwrap();
    let image = scan
        .get_object(image_id)
        .unwrap()
        .as_stream()
        .unwrap()
        .clone();
    let text = std::fs::read(root().join("tests/data/real/hongze-district-2024.pdf")).unwrap();
    common::page_as_image(&text, page, image)
}

#[test]
fn a_half_scanned_report_is_read_page_by_page_exact_or_flagged() {
    if !tesseract() {
        return;
    }
    // Page 3: the end of table 二 and most of table 三, scanned; the rest is text.
    let f = parse_bytes(&half_scanned(3), "pdf", "洪泽区", "half.pdf");
    let ids: Vec<&str> = f.findings.iter().map(|x| x.check.id()).collect();
    assert!(ids.contains(&"SCAN_READ"), "{ids:?}");
    let (exact, doubtful) = exact_or_flagged(&f);
    eprintln!(
        "half-scanned: {exact} exact, {doubtful} doubtful, {:?}",
        f.status
    );
    // The text pages' cells and most of the scanned page's are read exactly.
    assert!(exact >= 120, "{exact}");
}

#[test]
fn the_page_shows_each_doubtful_cell_as_scanned_beside_what_was_read() {
    if !tesseract() {
        return;
    }
    let dir = common::scratch("scan-page");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(
        root().join("tests/data/scan/hongze-district-2024.scan-200.pdf"),
        reports.join("洪泽区.pdf"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = common::night(&reports, &out, &["-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let findings = common::read_csv(&out.join("findings.csv"));
    let scan = findings
        .iter()
        .find(|f| f["check"] == "UNPARSEABLE")
        .expect("the scan is not summed");
    let doubtful = scan["cells"].split(';').count();
    assert!(doubtful > 0);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let pictures: Vec<&str> = html
        .split("data:image/png;base64,")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(pictures.len(), doubtful);
    // Each a PNG of the cell: a picture a browser shows.
    use base64::Engine;
    for p in pictures {
        let png = base64::engine::general_purpose::STANDARD.decode(p).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(png.len() > 100 && png.len() < 20_000, "{}", png.len());
    }
    // Nothing of it is summed.
    let units = common::read_csv(&out.join("units.csv"));
    assert_eq!(units[0]["included"], "false");
}

#[test]
fn a_scan_in_a_compression_not_decoded_says_which_and_is_not_summed() {
    if !tesseract() {
        return;
    }
    // Page 3 of the real text PDF as a JBIG2 picture (this tool decodes none).
    let image = lopdf::Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1653, "Height" => 2339,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 1, "Filter" => "JBIG2Decode",
        },
        vec![0; 64],
    );
    let text = std::fs::read(root().join("tests/data/real/hongze-district-2024.pdf")).unwrap();
    let f = parse_bytes(
        &common::page_as_image(&text, 3, image),
        "pdf",
        "洪泽区",
        "jbig2.pdf",
    );
    assert_eq!(f.status, Status::Failed);
    let said: Vec<String> = f
        .findings
        .iter()
        .map(|x| x.message().zh().to_string())
        .collect();
    assert!(
        said.iter().any(|m| m == "第 3 页是扫描图像，未能识别：图像采用 JBIG2Decode 压缩，本工具无法解码；请另存为 JPEG 扫描件，或提供带文字层的 PDF"),
        "{said:?}"
    );
    assert!(
        said.iter().any(|m| m.starts_with("第 3 页是扫描图像")),
        "{said:?}"
    );
}
