//! The marks this tool leaves in what it writes, so that a later run never reads its own outputs
//! back as reports: `report.html` carries `<meta name="generator" content="gid-rollup …">`,
//! `summary.md` opens with `<!-- generator: gid-rollup … -->`, `district.xlsx` names gid-rollup
//! as its creator in its document properties, `manifest.json` says `"tool": "gid-rollup"`, the
//! CSV files open with this tool's own header line (the contract's column names, which no report
//! has), and `units.parquet` carries those column names in its schema.
//!
//! A file is recognised by its content, whatever its name: a clerk's renamed copy of last night's
//! `report.html` among the reports is still passed over.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The generator name written into the outputs.
pub const GENERATOR: &str = "gid-rollup";

/// `<meta>` tag in `report.html`.
pub fn html_meta(version: &str) -> String {
    format!("<meta name=\"generator\" content=\"{GENERATOR} {version}\">")
}

/// First line of `summary.md` (an HTML comment: Markdown viewers do not show it).
pub fn markdown_comment(version: &str) -> String {
    format!("<!-- generator: {GENERATOR} {version} -->")
}

/// The opening of each CSV file this tool writes.
const CSV_HEADS: [&str; 5] = [
    // 通知/清单.csv.
    super::notice::LIST_HEAD,
    "source,unit,year,template,status,t3.",
    "district,level,parent,year,",
    "id,source,unit,check,severity,cells,message,accepted",
    // findings.csv before it had ids (an older night's set).
    "source,unit,check,severity,cells,message",
];

/// How much of a file's start is looked at.
const HEAD: usize = 4096;
/// How much of a parquet file's end (its schema) is looked at.
const TAIL: u64 = 256 * 1024;
/// The largest `.xlsx` opened to look at its properties.
const MAX_XLSX: u64 = 64 * 1024 * 1024;

/// Did this tool write the file at `path`? Reads at most its first 4 KiB (and, for a parquet
/// file or a workbook, its schema or properties). Unreadable files are not ours: loading them
/// says why they cannot be read.
pub fn is_own_output(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(HEAD);
    if file
        .by_ref()
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .is_err()
    {
        return false;
    }
    if head.starts_with(b"PAR1") {
        return parquet_is_ours(&mut file);
    }
    if head.starts_with(b"PK\x03\x04") {
        return is_xlsx_name(path) && xlsx_is_ours(path);
    }
    head_is_ours(&head)
}

/// The text checks on a file's first bytes (HTML, Markdown, CSV, JSON, the run lock).
pub fn head_is_ours(head: &[u8]) -> bool {
    let head = &head[..head.len().min(HEAD)];
    // Every mark below holds the tool's name or starts with a CSV head, all ASCII (which
    // reading the bytes as text keeps as they are): a report, which holds none, is passed at
    // once — discovery asks this of every file.
    let has = |needle: &str| memchr::memmem::find(head, needle.as_bytes()).is_some();
    if !has(GENERATOR) && !CSV_HEADS.iter().any(|h| has(h)) {
        return false;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    text.contains(&format!("name=\"generator\" content=\"{GENERATOR}"))
        || text.starts_with(super::notice::HEAD)
        || text.starts_with(&format!("<!-- generator: {GENERATOR}"))
        || CSV_HEADS.iter().any(|h| text.starts_with(h))
        || (text.trim_start().starts_with('{')
            && (text.contains(&format!("\"tool\": \"{GENERATOR}\""))
                || text.contains(&format!("\"tool\":\"{GENERATOR}\""))))
}

/// Is the folder at `path` a set of this tool's outputs? (It holds a `manifest.json` this tool
/// wrote.)
pub fn is_output_dir(path: &Path) -> bool {
    let manifest = path.join("manifest.json");
    manifest.is_file() && (is_own_output(&manifest) || manifest_says_ours(&manifest))
}

/// A manifest of an earlier version (its `"tool"` key came late in the file): read it whole.
fn manifest_says_ours(manifest: &Path) -> bool {
    const MAX: u64 = 64 * 1024 * 1024;
    if std::fs::metadata(manifest).map_or(true, |m| m.len() > MAX) {
        return false;
    }
    std::fs::read(manifest)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|m| m["tool"] == GENERATOR)
}

fn is_xlsx_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn parquet_is_ours(file: &mut std::fs::File) -> bool {
    let Ok(len) = file.seek(SeekFrom::End(0)) else {
        return false;
    };
    let from = len.saturating_sub(TAIL);
    let mut tail = Vec::new();
    if file.seek(SeekFrom::Start(from)).is_err() || file.read_to_end(&mut tail).is_err() {
        return false;
    }
    // The schema is in the footer, uncompressed: this tool's column names are in it.
    let has = |needle: &[u8]| tail.windows(needle.len()).any(|w| w == needle);
    has(b"t3.new_received.total") && has(b"roster_unit")
}

fn xlsx_is_ours(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map_or(true, |m| m.len() > MAX_XLSX) {
        return false;
    }
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    let Ok(entry) = zip.by_name("docProps/core.xml") else {
        return false;
    };
    let mut xml = Vec::new();
    if entry.take(64 * 1024).read_to_end(&mut xml).is_err() {
        return false;
    }
    String::from_utf8_lossy(&xml).contains(&format!("<dc:creator>{GENERATOR}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marks_are_recognised_and_reports_are_not() {
        assert!(head_is_ours(
            format!("<!DOCTYPE html>\n<html><head>{}", html_meta("0.1.0")).as_bytes()
        ));
        assert!(head_is_ours(
            format!("{}\n# 汇总", markdown_comment("0.1.0")).as_bytes()
        ));
        assert!(head_is_ours(
            b"source,unit,year,template,status,t3.new_received.natural"
        ));
        assert!(head_is_ours(b"district,level,parent,year,t3.x"));
        assert!(head_is_ours(
            b"source,unit,check,severity,cells,message,place\n"
        ));
        assert!(head_is_ours(
            b"id,source,unit,check,severity,cells,message,accepted,place\n"
        ));
        assert!(head_is_ours(b"{\n  \"tool\": \"gid-rollup\",\n"));
        // Reports, and pages that merely mention the tool, are not outputs.
        assert!(!head_is_ours(
            "<html><head><title>临江区2025年政府信息公开工作年度报告</title>".as_bytes()
        ));
        assert!(!head_is_ours(
            "本报告由gid-rollup汇总 generator gid-rollup".as_bytes()
        ));
        assert!(!head_is_ours(b"unit,year\n"));
    }
}
