//! Bad input is normal input: each bad file ends as a finding with a clear message, the run
//! finishes, writes every output and still sums the good units.

mod common;

use common::{read_csv, root, run, scratch};
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
    let o = run(&[
        "run",
        reports.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for f in [
        "units.csv",
        "district.csv",
        "findings.csv",
        "units.parquet",
        "summary.md",
        "manifest.json",
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
