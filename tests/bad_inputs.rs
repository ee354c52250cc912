//! Bad input is normal input: each bad file ends as a finding with a clear message, the run
//! finishes, writes every output and still sums the good units.

mod common;

use common::{night, read_csv, root, scratch};
use std::fs;

fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 2463534242;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn bad_files_become_findings_and_good_units_are_still_summed() {
    let dir = scratch("bad");
    let reports = dir.join("reports");
    fs::create_dir_all(reports.join("sub")).unwrap();
    let data = root().join("data/reports");
    fs::copy(
        data.join("01_人民政府办公室.html"),
        reports.join("good.html"),
    )
    .unwrap();
    // A page that declares UTF-8 but is GBK.
    fs::copy(
        data.join("07_司法局.html"),
        reports.join("wrong_charset.html"),
    )
    .unwrap();
    // A report cut off after table 三, and one cut in the middle of a table-三 row.
    let text = fs::read_to_string(data.join("02_发展和改革局.txt")).unwrap();
    let cut = text.find("四、政府信息公开行政复议").unwrap();
    fs::write(reports.join("truncated.txt"), &text[..cut]).unwrap();
    let other = fs::read_to_string(data.join("06_民政局.txt")).unwrap();
    let mid = other.find("3.危及").unwrap() + "3.危及“三安全一稳定”\n\n0\n\n0".len();
    fs::write(reports.join("truncated_mid.txt"), &other[..mid]).unwrap();
    fs::write(reports.join("empty.txt"), "").unwrap();
    fs::write(reports.join("noise.html"), noise(50_000)).unwrap();
    fs::write(reports.join("noise.txt"), noise(50_000)).unwrap();
    // 100 MB: refused by size before it is read.
    let big = fs::File::create(reports.join("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    drop(big);
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", reports.join("sub/loop")).unwrap();

    let out = dir.join("out");
    let o = night(&reports, &out, &["--year", "2025"]);
    let stderr = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for f in [
        "units.csv",
        "district.csv",
        "findings.csv",
        "units.parquet",
        "summary.md",
        "manifest.json",
        "district.xlsx",
        "report.html",
    ] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    let findings = read_csv(&out.join("findings.csv"));
    let has = |file: &str, check: &str, words: &str| {
        findings.iter().any(|f| {
            f["source"].ends_with(file) && f["check"] == check && f["message"].contains(words)
        })
    };
    assert!(has("empty.txt", "UNPARSEABLE", "empty file"));
    assert!(has("noise.html", "UNPARSEABLE", "binary"));
    assert!(has("noise.txt", "UNPARSEABLE", "binary"));
    assert!(has("huge.txt", "UNPARSEABLE", "too large"));
    assert!(has(
        "wrong_charset.html",
        "CHARSET_MISMATCH",
        "declares charset UTF-8 but its content is GBK"
    ));
    assert!(has("truncated.txt", "TABLE_MISSING", "table 4 not found"));
    assert!(has(
        "truncated_mid.txt",
        "TABLE_MISSING",
        "table 4 not found"
    ));
    assert!(has(
        "truncated_mid.txt",
        "VALUE_INVALID",
        "row has 2 cells where 7 expected"
    ));
    assert!(has("truncated_mid.txt", "BLANK_CELLS", "rows not printed"));
    #[cfg(unix)]
    assert!(findings
        .iter()
        .any(|f| f["source"].ends_with("sub/loop") && f["message"].contains("directory loop")));
    for f in &findings {
        assert!(
            f["message"].contains(" / "),
            "Chinese and English: {}",
            f["message"]
        );
    }

    let units = read_csv(&out.join("units.csv"));
    let status = |file: &str| {
        units
            .iter()
            .find(|u| u["source"].ends_with(file))
            .map(|u| u["status"].clone())
    };
    assert_eq!(status("good.html").as_deref(), Some("ok"));
    assert_eq!(status("wrong_charset.html").as_deref(), Some("ok"));
    assert_eq!(status("truncated.txt").as_deref(), Some("partial"));
    assert_eq!(status("truncated_mid.txt").as_deref(), Some("partial"));
    for bad in ["empty.txt", "noise.html", "noise.txt", "huge.txt"] {
        assert_eq!(status(bad).as_deref(), Some("failed"), "{bad}");
    }

    // The good units are summed: compare with the generator's record of their cells.
    let want: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("data/expected/units.json")).unwrap())
            .unwrap();
    let cell = |src: &str, key: &str| -> i64 {
        want[src]["cells"][key].as_str().unwrap().parse().unwrap()
    };
    let district = &read_csv(&out.join("district.csv"))[0];
    assert_eq!(district["units_included"], "4");
    assert_eq!(district["units_failed"], "4");
    let key = "t4.review.total";
    let expected =
        cell("data/reports/01_人民政府办公室.html", key) + cell("data/reports/07_司法局.html", key);
    assert_eq!(
        district[key],
        expected.to_string(),
        "table 四 from the two complete units"
    );
    let key = "t2.normative.in_force";
    let expected = cell("data/reports/01_人民政府办公室.html", key)
        + cell("data/reports/07_司法局.html", key)
        + cell("data/reports/02_发展和改革局.txt", key)
        + cell("data/reports/06_民政局.txt", key);
    assert_eq!(district[key], expected.to_string());
    fs::remove_dir_all(&dir).unwrap();
}

/// A minimal .docx whose body is `body` (WordprocessingML inside `<w:body>`).
fn docx(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn encrypted(pdf: &[u8], owner: &str, user: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::string_literal(b"0123456789abcdef".to_vec()),
            lopdf::Object::string_literal(b"fedcba9876543210".to_vec()),
        ]),
    );
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: owner,
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn bad_word_and_pdf_files_become_findings() {
    let dir = scratch("bad_office");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    let data = root().join("data/reports");
    fs::copy(data.join("08_财政局.docx"), reports.join("good.docx")).unwrap();
    let pdf = fs::read(data.join("13_交通运输局.pdf")).unwrap();
    fs::write(reports.join("good.pdf"), &pdf).unwrap();
    // Locked for reading: a user password is needed.
    fs::write(
        reports.join("encrypted.pdf"),
        encrypted(&pdf, "owner", "secret"),
    )
    .unwrap();
    // Only an owner password (printing and copying rules): it opens without one, and is read.
    let other = fs::read(data.join("19_应急管理局.pdf")).unwrap();
    fs::write(
        reports.join("owner_only.pdf"),
        encrypted(&other, "owner", ""),
    )
    .unwrap();
    // Cut inside the last pages' content (table 四 is lost), and cut before any page's
    // content. (Another unit: one unit's two files would be duplicates.)
    let landscape = fs::read(data.join("23_城市管理局.pdf")).unwrap();
    let cut = landscape.len() * 2 / 3;
    fs::write(reports.join("truncated.pdf"), &landscape[..cut]).unwrap();
    fs::write(
        reports.join("cut_early.pdf"),
        &landscape[..landscape.len() / 4],
    )
    .unwrap();
    fs::write(
        reports.join("header_only.pdf"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    )
    .unwrap();
    fs::copy(data.join("33_档案馆.pdf"), reports.join("scanned.pdf")).unwrap();
    // 80 MiB of spaces in about 80 KiB: refused by the archive's declared sizes.
    fs::write(
        reports.join("bomb.docx"),
        docx(&[("word/document.xml", vec![b' '; 80 << 20])]),
    )
    .unwrap();
    let prose = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
        <w:p><w:r><w:t>临江区某局2025年政府信息公开工作年度报告</w:t></w:r></w:p>\
        <w:p><w:r><w:t>本年度未发生依申请公开事项。</w:t></w:r></w:p></w:body></w:document>";
    fs::write(
        reports.join("no_tables.docx"),
        docx(&[("word/document.xml", prose.as_bytes().to_vec())]),
    )
    .unwrap();
    fs::write(
        reports.join("workbook.docx"),
        docx(&[("xl/workbook.xml", b"<workbook/>".to_vec())]),
    )
    .unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(noise(4096));
    fs::write(reports.join("old.wps"), &ole).unwrap();

    let out = dir.join("out");
    let o = night(&reports, &out, &["--year", "2025"]);
    let stderr = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let findings = read_csv(&out.join("findings.csv"));
    let has = |file: &str, check: &str, words: &str| {
        findings.iter().any(|f| {
            f["source"].ends_with(file) && f["check"] == check && f["message"].contains(words)
        })
    };
    let units = read_csv(&out.join("units.csv"));
    let status = |file: &str| {
        units
            .iter()
            .find(|u| u["source"].ends_with(file))
            .map(|u| u["status"].clone())
            .unwrap_or_default()
    };
    assert!(has("encrypted.pdf", "UNPARSEABLE", "encrypted PDF"));
    // Why it was not read: its picture too small to be a scanned page, or no Tesseract.
    assert!(has("scanned.pdf", "UNPARSEABLE", "scanned PDF"));
    assert_eq!(status("scanned.pdf"), "failed");
    assert!(has("bomb.docx", "UNPARSEABLE", "zip bomb"));
    assert!(has(
        "no_tables.docx",
        "UNPARSEABLE",
        "no readable report table"
    ));
    // The content decides: a (broken) workbook named .docx is read as a workbook, and its name
    // is said not to fit.
    assert!(has(
        "workbook.docx",
        "UNPARSEABLE",
        "not a readable workbook"
    ));
    assert!(has(
        "workbook.docx",
        "NAME_MISMATCH",
        "named .docx but holds a workbook"
    ));
    assert!(has("old.wps", "UNPARSEABLE", "save it as .docx"));
    assert!(has(
        "header_only.pdf",
        "UNPARSEABLE",
        "damaged or incomplete PDF"
    ));
    for bad in [
        "encrypted.pdf",
        "scanned.pdf",
        "bomb.docx",
        "no_tables.docx",
        "workbook.docx",
        "old.wps",
        "header_only.pdf",
    ] {
        assert_eq!(status(bad), "failed", "{bad}");
    }
    // A PDF cut short: what survives is read, and the file is said to be incomplete.
    assert_eq!(status("truncated.pdf"), "partial");
    assert!(has("truncated.pdf", "TEXT_UNREADABLE", "incomplete PDF"));
    assert!(has("truncated.pdf", "TABLE_MISSING", "table 4 not found"));
    assert!(has("cut_early.pdf", "UNPARSEABLE", "incomplete PDF"));
    assert_eq!(status("cut_early.pdf"), "failed");
    for f in &findings {
        assert!(f["message"].contains(" / "), "{}", f["message"]);
    }

    // The good Word and PDF files and the owner-password PDF are read and summed (tables 三
    // and 四 of these three only).
    for good in ["good.docx", "good.pdf", "owner_only.pdf"] {
        assert_eq!(status(good), "ok", "{good}");
    }
    let district = &read_csv(&out.join("district.csv"))[0];
    // The truncated PDF's table 二 survived and is summed too; its tables 三 and 四 did not.
    assert_eq!(district["units_included"], "4");
    let want: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("data/expected/units.json")).unwrap())
            .unwrap();
    let cell = |src: &str, key: &str| -> i64 {
        want[src]["cells"][key].as_str().unwrap().parse().unwrap()
    };
    for key in [
        "t3.new_received.total",
        "t3.granted.natural",
        "t4.review.total",
    ] {
        let sum = cell("data/reports/08_财政局.docx", key)
            + cell("data/reports/13_交通运输局.pdf", key)
            + cell("data/reports/19_应急管理局.pdf", key);
        assert_eq!(district[key], sum.to_string(), "{key}");
    }
    fs::remove_dir_all(&dir).unwrap();
}
