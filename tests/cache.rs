//! The record cache (incremental nights): an unchanged file is not read again and changes no
//! output; a changed file, a damaged entry or an entry of another build means reading the file
//! again — never a wrong number.

mod common;

use common::{copy_dir, read_csv, run, scratch, DATA_FILES};
use std::path::{Path, PathBuf};

fn rollup(reports: &Path, out: &Path) {
    let o = run(&[
        "run",
        reports.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
}

/// (records reused, files read) from the manifest.
fn cache_counts(out: &Path) -> (u64, u64) {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    (
        m["cache"]["records_reused"].as_u64().unwrap(),
        m["cache"]["files_read"].as_u64().unwrap(),
    )
}

/// The outputs, without the views' "since the last run" part (which the first night has not
/// and the next nights have): what must not depend on the cache.
fn files(out: &Path) -> Vec<Vec<u8>> {
    DATA_FILES
        .iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(f)).unwrap();
            match *f {
                // What changed since the last night (and the notices to send) differs.
                "summary.md" => String::from_utf8(cut(&bytes, "## 与上次运行相比", "## 待办"))
                    .unwrap()
                    .lines()
                    .filter(|l| !l.starts_with("通知："))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes(),
                "report.html" => cut(
                    &cut(&bytes, "<li><a href=\"#since\">", "<li><a href=\"#todo\">"),
                    "<h2 id=\"since\">",
                    "<h2 id=\"todo\">",
                ),
                _ => bytes,
            }
        })
        .collect()
}

/// `bytes` without the part from `from` up to `to` (when it has one).
fn cut(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    match (text.find(from), text.find(to)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &text[..a], &text[b..]).into_bytes(),
        _ => text.into_bytes(),
    }
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(cache.join("entries")).unwrap() {
        for e in std::fs::read_dir(sub.unwrap().path()).unwrap() {
            out.push(e.unwrap().path());
        }
    }
    out.sort();
    out
}

#[test]
fn unchanged_files_come_from_the_cache_and_anything_doubtful_is_read_again() {
    let s = scratch("cache");
    let reports = s.join("reports");
    copy_dir(&common::root().join("data/reports"), &reports);
    let n = std::fs::read_dir(&reports).unwrap().count() as u64;
    let out = s.join("out");
    let cache = s.join("out.cache");

    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (0, n));
    let cold = files(&out);

    // The next night, nothing changed: every record is reused, every output is the same.
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (n, 0));
    assert!(files(&out) == cold, "outputs from cached records differ");

    // A damaged entry is read again.
    let all = entries(&cache);
    assert_eq!(all.len() as u64, n, "one entry per file");
    let bytes = std::fs::read(&all[0]).unwrap();
    std::fs::write(&all[0], &bytes[..bytes.len() / 2]).unwrap();
    // An entry whose packed cells are cut is refused, not read as other numbers.
    let text = std::fs::read_to_string(&all[1]).unwrap();
    let cut = regex_free_cut_cells(&text);
    std::fs::write(&all[1], cut).unwrap();
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (n - 2, 2));
    assert!(files(&out) == cold);

    // Entries of another build of the tool are never used.
    for e in entries(&cache) {
        let text = std::fs::read_to_string(&e).unwrap();
        let other = text.replacen("\"build\":\"", "\"build\":\"0.0.0+another-", 1);
        assert_ne!(text, other);
        std::fs::write(&e, other).unwrap();
    }
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (0, n));
    assert!(files(&out) == cold);

    // A file changed since: read again, and its new number is summed.
    let district = read_csv(&out.join("district.csv"));
    let total_before = district[0]["t3.new_received.total"].clone();
    let natural_before: i64 = district[0]["t3.new_received.natural"].parse().unwrap();
    let page_path = reports.join("01_人民政府办公室.html");
    let units = read_csv(&out.join("units.csv"));
    let row = units
        .iter()
        .find(|u| u["source"].ends_with("01_人民政府办公室.html"))
        .unwrap();
    assert_eq!(row["included"], "true");
    let was: i64 = row["t3.new_received.natural"].parse().unwrap();
    let page = std::fs::read_to_string(&page_path).unwrap();
    std::fs::write(&page_path, change_new_natural(&page, was, was + 1000)).unwrap();
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (n - 1, 1));
    let district = read_csv(&out.join("district.csv"));
    // The natural column grew by exactly 1000; the unit's printed total did not change (its
    // T3_ROW_SUM error says so), so neither did the district's total column.
    assert_eq!(
        district[0]["t3.new_received.natural"],
        (natural_before + 1000).to_string()
    );
    assert_eq!(district[0]["t3.new_received.total"], total_before);
}

/// The entry with its `cells` hex cut short by one byte pair.
fn regex_free_cut_cells(text: &str) -> String {
    let at = text.find("\"cells\":\"").unwrap() + "\"cells\":\"".len();
    let end = at + text[at..].find('"').unwrap();
    format!("{}{}", &text[..end - 2], &text[end..])
}

/// The page with the natural column of 本年新收 changed from `was` to `now`.
fn change_new_natural(page: &str, was: i64, now: i64) -> String {
    let row = page.find("本年新收政府").unwrap();
    let cell = format!(">{was}&nbsp;<");
    let at = row + page[row..].find(&cell).unwrap();
    format!("{}>{now}&nbsp;<{}", &page[..at], &page[at + cell.len()..])
}

/// (entries repaired, whether the index was repaired) from the manifest.
fn repaired(out: &Path) -> (u64, bool) {
    let m = common::manifest(out);
    (
        m["cache"]["entries_repaired"].as_u64().unwrap(),
        m["cache"]["index_repaired"].as_bool().unwrap(),
    )
}

#[test]
fn a_changed_digit_in_an_entry_or_the_index_never_reaches_the_total() {
    let s = scratch("cache-digit");
    let reports = s.join("reports");
    copy_dir(&common::root().join("data/reports"), &reports);
    let n = std::fs::read_dir(&reports).unwrap().count() as u64;
    let (out, cache) = (s.join("out"), s.join("out.cache"));
    rollup(&reports, &out);
    let cold = files(&out);

    // One hex digit of every entry's packed cells changed: each still decodes to numbers.
    for e in entries(&cache) {
        let mut bytes = std::fs::read(&e).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let at = text.find("\"cells\":\"").unwrap() + "\"cells\":\"".len();
        let digit = at
            + text[at..]
                .find(|c: char| c.is_ascii_digit() && c != '0')
                .unwrap();
        bytes[digit] = if bytes[digit] == b'1' { b'2' } else { b'1' };
        std::fs::write(&e, bytes).unwrap();
    }
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (0, n), "every damaged entry read again");
    assert_eq!(repaired(&out), (n, false));
    assert!(files(&out) == cold, "a damaged entry changed an output");

    // The entries were written anew: the next night reuses them all.
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (n, 0));
    assert_eq!(repaired(&out), (0, false));

    // The index with a changed size: not used, said, and written anew.
    let index = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("index-")
        })
        .unwrap();
    let text = std::fs::read_to_string(&index).unwrap();
    let line = text.lines().nth(1).unwrap();
    let size = line.split('\t').nth(1).unwrap();
    let bad = text.replacen(
        &format!("\t{size}\t"),
        &format!("\t{}\t", size.parse::<u64>().unwrap() + 1),
        1,
    );
    std::fs::write(&index, bad).unwrap();
    rollup(&reports, &out);
    assert_eq!(cache_counts(&out), (0, n));
    assert_eq!(repaired(&out), (0, true));
    assert!(files(&out) == cold);
}

#[test]
fn a_report_edited_in_place_with_its_time_put_back_is_read_again() {
    let s = scratch("cache-in-place");
    let reports = s.join("reports");
    copy_dir(&common::root().join("data/reports"), &reports);
    let (out, page_path) = (s.join("out"), reports.join("01_人民政府办公室.html"));
    rollup(&reports, &out);
    let natural = |out: &Path| -> i64 {
        read_csv(&out.join("district.csv"))[0]["t3.new_received.natural"]
            .parse()
            .unwrap()
    };
    let before = natural(&out);
    let row = read_csv(&out.join("units.csv"))
        .into_iter()
        .find(|u| u["source"].ends_with("01_人民政府办公室.html"))
        .unwrap();
    let was: i64 = row["t3.new_received.natural"].parse().unwrap();
    // The same number of digits: the same size.
    let now = if was % 10 == 9 { was - 1 } else { was + 1 };
    let meta = std::fs::metadata(&page_path).unwrap();
    let page = std::fs::read_to_string(&page_path).unwrap();
    let edited = change_new_natural(&page, was, now);
    assert_eq!(edited.len(), page.len());
    std::thread::sleep(std::time::Duration::from_millis(20));
    // In place (same inode), then the modification time put back as `touch -r` does.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&page_path)
        .unwrap();
    std::io::Write::write_all(&mut f, edited.as_bytes()).unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
    drop(f);
    let after = std::fs::metadata(&page_path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (meta.len(), meta.modified().unwrap())
    );

    rollup(&reports, &out);
    assert_eq!(
        natural(&out),
        before - was + now,
        "the number the file now says"
    );
    let row = read_csv(&out.join("units.csv"))
        .into_iter()
        .find(|u| u["source"].ends_with("01_人民政府办公室.html"))
        .unwrap();
    let sha: String = <sha2::Sha256 as sha2::Digest>::digest(edited.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(row["sha256"], sha, "the file's new content hash");
}
