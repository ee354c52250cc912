//! Load one report file: read (with a size limit), detect the format, decode, extract cells,
//! parse the template and run the in-report checks. Everything that goes wrong is a finding.

use crate::check::{check_report, Sink};
use crate::finding::{Check, Finding, Said};
use crate::read::decode::{decode, looks_binary};
use crate::read::extract::{self, Format};
use crate::template::labels::is_row_label;
use crate::template::{parse, Report};
use serde::Serialize;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

pub use crate::read::extract::MAX_ROWS;

/// Largest report file read (a saved page with images inlined stays well below).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A report's status in `units.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Partial,
    Failed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Failed => "failed",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        [Status::Ok, Status::Partial, Status::Failed]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// One loaded input.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: String,
    pub size: u64,
    pub sha256: Option<crate::input::digest::Sha256Sum>,
    pub modified: Option<SystemTime>,
    /// The file's change time, device and inode: with size and time, what the cache checks.
    pub stamp: Stamp,
    pub format: Option<Format>,
    pub encoding: Option<&'static str>,
    pub report: Option<Report>,
    pub status: Status,
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// A file not read yet: failed until it is.
    fn unread(source: &str) -> Loaded {
        Loaded {
            source: source.to_string(),
            size: 0,
            sha256: None,
            modified: None,
            stamp: Stamp::default(),
            format: None,
            encoding: None,
            report: None,
            status: Status::Failed,
            findings: Vec::new(),
        }
    }

    pub fn unit(&self) -> &str {
        self.report.as_ref().map_or("", |r| r.unit.as_str())
    }
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(crate::util::pathtext::os_text)
        .unwrap_or_default()
}

fn failed(source: &str, unit: &str, said: Said) -> Finding {
    Finding {
        source: source.to_string(),
        unit: unit.to_string(),
        check: Check::Unparseable,
        cells: vec![],
        said,
        place: String::new(),
        facts: Vec::new(),
    }
}

/// Read and parse the file at `path`; `source` is the path as the user gave it.
pub fn load(path: &Path) -> Loaded {
    let source = crate::util::pathtext::path_text(path);
    let stem = stem_of(path);
    let mut loaded = Loaded::unread(&source);
    let bytes = match read_limited(path, &mut loaded) {
        Ok(b) => b,
        Err(said) => {
            loaded.findings.push(failed(&source, &stem, said));
            return loaded;
        }
    };
    loaded.size = bytes.len() as u64;
    loaded.sha256 = Some(crate::input::digest::Sha256Sum::of(&bytes));
    let parsed = parse_bytes(&bytes, &extension_of(path), &stem, &source);
    loaded.format = Some(parsed.format);
    loaded.encoding = parsed.encoding;
    loaded.status = parsed.status;
    loaded.report = parsed.report;
    loaded.findings = parsed.findings;
    loaded
}

/// Read a file, refusing one larger than [`MAX_FILE_BYTES`] before reading it. Records the
/// size and modification time in `loaded`.
fn read_limited(path: &Path, loaded: &mut Loaded) -> Result<Vec<u8>, Said> {
    let unreadable = |e: std::io::Error| Said::CannotRead {
        error: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    loaded.size = meta.len();
    loaded.modified = meta.modified().ok();
    loaded.stamp = Stamp::of(&meta);
    if meta.len() > MAX_FILE_BYTES {
        return Err(Said::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Said::GrewWhileRead);
    }
    Ok(bytes)
}

/// What [`parse_bytes`] makes of a file's content.
pub struct ParsedFile {
    pub format: Format,
    pub encoding: Option<&'static str>,
    pub report: Option<Report>,
    pub status: Status,
    pub findings: Vec<Finding>,
}

/// A format's cells, with what the reading noticed on the way.
struct Extracted {
    doc: extract::Document,
    encoding: Option<&'static str>,
    /// Doubts about the reading itself (a wrong charset, unmapped glyphs): check, facts.
    notices: Vec<(Check, Said)>,
}

impl Extracted {
    /// Cells read with nothing to say about the reading.
    fn plain(doc: extract::Document, encoding: Option<&'static str>) -> Extracted {
        Extracted {
            doc,
            encoding,
            notices: vec![],
        }
    }
}

/// Run `f`; a panic inside it (a bug that some input reaches, in this tool or a library it reads
/// with) is caught and its message returned, so that it becomes an `INTERNAL_ERROR` finding for
/// this file instead of ending the run — and never looks like an ordinary unreadable file.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    crate::util::caught::caught(f)
}

/// An internal error while reading a `format` file.
fn internal_error(format: Format, panic: &str) -> Said {
    Said::Internal {
        format: format.name().to_string(),
        panic: panic.to_string(),
    }
}

/// Pure: bytes in, report and findings out. Never panics: a panic is caught and reported as
/// `INTERNAL_ERROR` (see [`guarded`]).
pub fn parse_bytes(bytes: &[u8], extension: &str, stem: &str, source: &str) -> ParsedFile {
    let format = extract::sniff(bytes, extension);
    let _budget = crate::read::budget::start();
    guarded(|| parse_unguarded(bytes, extension, stem, source)).unwrap_or_else(|panic| {
        let mut finding = failed(source, stem, internal_error(format, &panic));
        finding.check = Check::InternalError;
        ParsedFile {
            format,
            encoding: None,
            report: None,
            status: Status::Failed,
            findings: vec![finding],
        }
    })
}

fn parse_unguarded(bytes: &[u8], extension: &str, stem: &str, source: &str) -> ParsedFile {
    let format = extract::sniff(bytes, extension);
    let mut out = ParsedFile {
        format,
        encoding: None,
        report: None,
        status: Status::Failed,
        findings: Vec::new(),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.findings.push(failed(source, stem, Said::EmptyFile));
        return out;
    }
    let extracted = extract_any(bytes, format);
    // A name that says another format than the content: read as the content says, and said.
    let misnamed = extract::named_format(extension)
        .filter(|named| *named != format)
        .map(|_| Said::NameMismatch {
            extension: extension.to_ascii_lowercase(),
            format: format.name().to_string(),
        });
    let Extracted {
        mut doc,
        encoding,
        mut notices,
    } = match extracted {
        Ok(e) => e,
        Err(said) => {
            // A reader that gave up on its time budget says so; the file is not junk.
            let timed_out = crate::read::budget::exceeded();
            if !timed_out && (format == Format::Text || format == Format::Html) {
                out.format = Format::Binary;
            }
            let mut finding = failed(source, stem, said);
            if timed_out {
                finding.check = Check::TimeLimit;
            }
            out.findings.push(finding);
            if let Some(said) = misnamed.filter(|_| out.format != Format::Binary) {
                let mut note = failed(source, stem, said);
                note.check = Check::NameMismatch;
                out.findings.push(note);
            }
            return out;
        }
    };
    out.encoding = encoding;
    notices.extend(misnamed.map(|said| (Check::NameMismatch, said)));
    // A report is a few hundred rows (a long PDF, a few thousand): a file of a million lines
    // or paragraphs is read as far as a report can go, and says so.
    if doc.rows_in_all() > MAX_ROWS {
        let all = doc.rows_in_all();
        doc.rows.truncate(MAX_ROWS);
        notices.push((
            Check::TextUnreadable,
            Said::TooManyRows { all, max: MAX_ROWS },
        ));
    }
    let report = parse(&doc, stem);
    let mut sink = Sink::new(source, &report.unit);
    for (check, said) in notices {
        sink.push(check, vec![], None, said);
    }
    check_report(&report, &mut sink);
    let readable = report.readable_tables();
    out.status = match readable {
        3 => Status::Ok,
        0 => Status::Failed,
        _ => Status::Partial,
    };
    if readable == 0 {
        sink.findings.retain(|f| {
            matches!(
                f.check,
                Check::CharsetMismatch | Check::TextUnreadable | Check::NestingCapped
            )
        });
        sink.push(Check::Unparseable, vec![], None, Said::NoReportTable);
    }
    if let Some((pages, doubts)) = ocr_read(&sink.findings) {
        judge_scan(&report, &mut sink, &mut out, pages, &doubts, readable);
    }
    if let Some(pages) = scanned_pages(&sink.findings) {
        // Part of the PDF is scanned: what its text lacks may be on the scanned pages, so no
        // part, fee sentence or prose is said to be missing.
        sink.findings
            .retain(|f| !UNSEEN_ON_SCANS.contains(&f.check));
        // Its text pages are summed only when they hold whole, consistent tables; anything
        // less is the scan's doing, not the unit's error.
        let whole = readable == 3
            && !sink
                .findings
                .iter()
                .any(|f| f.check.severity() == crate::finding::Severity::Error);
        if !whole {
            out.status = Status::Failed;
            // The name that misleads, and why the scanned pages were not read, stay.
            sink.findings.retain(|f| {
                f.check == Check::NameMismatch
                    || matches!(
                        f.said,
                        Said::PdfNotice(
                            crate::read::extract::pdf::PdfNotice::OcrFailed { .. }
                                | crate::read::extract::pdf::PdfNotice::NoOcr { .. }
                        )
                    )
            });
            sink.push(
                Check::Unparseable,
                vec![],
                None,
                Said::ScannedTablePages { pages },
            );
        }
    }
    out.findings = sink.findings;
    out.report = Some(report);
    out
}

/// What a report's prose says or lacks, not judged when some of its pages are scanned: what
/// is missing may be on a page not read, and what Tesseract read of a heading or a sentence may
/// be misread.
const UNSEEN_ON_SCANS: [Check; 6] = [
    Check::SectionMissing,
    Check::ImprovementEmpty,
    Check::FeeNotStated,
    Check::OldFormatCited,
    Check::AssessmentNotStated,
    Check::YearStatedAsLast,
];

/// The pages Tesseract read, and the cells it doubted, if any.
fn ocr_read(findings: &[Finding]) -> Option<(Vec<usize>, Vec<crate::read::extract::scan::Doubt>)> {
    findings.iter().find_map(|f| match &f.said {
        Said::PdfNotice(crate::read::extract::pdf::PdfNotice::OcrRead {
            pages, doubts, ..
        }) => Some((pages.clone(), doubts.clone())),
        _ => None,
    })
}

/// A report read (in part) from scanned pages is summed only when its tables are whole, every
/// identity of them holds and every value was read with confidence; otherwise it is one
/// finding naming the doubtful cells by the template's labels (and the identities that fail),
/// and it is not summed. What its prose lacks (a heading Tesseract misread) is not said.
fn judge_scan(
    report: &crate::template::Report,
    sink: &mut Sink,
    out: &mut ParsedFile,
    pages: Vec<usize>,
    doubts: &[crate::read::extract::scan::Doubt],
    readable: usize,
) {
    use crate::read::extract::Place;
    sink.findings
        .retain(|f| !UNSEEN_ON_SCANS.contains(&f.check));
    let doubtful: Vec<crate::finding::said::DoubtfulCell> = report
        .cells()
        .filter_map(|(cell, entry)| {
            let place = entry?.place?;
            let Place::Pdf { page, x, y } = place else {
                return None;
            };
            let d = doubts
                .iter()
                .find(|d| d.page == page && d.x == x && d.y == y)?;
            Some(crate::finding::said::DoubtfulCell {
                key: cell.key(),
                read: d.read.clone(),
                conf: d.conf,
                picture: d.picture.clone(),
            })
        })
        .collect();
    let failing: Vec<Check> = sink
        .findings
        .iter()
        .filter(|f| f.check.severity() == crate::finding::Severity::Error)
        .map(|f| f.check)
        .collect();
    if doubtful.is_empty() && failing.is_empty() && readable == 3 {
        return;
    }
    out.status = Status::Failed;
    sink.findings
        .retain(|f| matches!(f.check, Check::NameMismatch | Check::ScanRead));
    sink.push(
        Check::Unparseable,
        doubtful.iter().map(|d| d.key.clone()).collect(),
        None,
        Said::ScanDoubtful {
            pages,
            cells: doubtful,
            failing,
            tables: readable,
        },
    );
}

/// The scanned pages a PDF's reading noticed, if any.
fn scanned_pages(findings: &[Finding]) -> Option<Vec<usize>> {
    findings.iter().find_map(|f| match &f.said {
        Said::PdfNotice(crate::read::extract::pdf::PdfNotice::Scanned { pages }) => {
            Some(pages.clone())
        }
        _ => None,
    })
}

/// Cells of any format, or why there are none (Chinese, English).
fn extract_any(bytes: &[u8], format: Format) -> Result<Extracted, Said> {
    match format {
        Format::Docx => extract::docx::extract(bytes)
            .map(|doc| Extracted::plain(doc, Some(crate::read::decode::DOCX_ENCODING)))
            .map_err(Said::Docx),
        Format::Pdf => {
            extract::pdf::extract(bytes, &is_row_label, &crate::template::labels::snap_scanned)
                .map(|pdf| Extracted {
                    doc: pdf.doc,
                    encoding: None,
                    notices: pdf
                        .notices
                        .into_iter()
                        .map(|n| {
                            // Pages read by Tesseract are a fact, not a problem (the doubtful
                            // cells are judged once the tables are parsed).
                            let check = match n {
                                crate::read::extract::pdf::PdfNotice::OcrRead { .. } => {
                                    Check::ScanRead
                                }
                                _ => Check::TextUnreadable,
                            };
                            (check, Said::PdfNotice(n))
                        })
                        .collect(),
                })
                .map_err(|e| match e {
                    // The budget ran out: a time limit, said as such.
                    crate::read::extract::pdf::PdfError::TimeLimit => {
                        Said::TimeLimit { what: "PDF".into() }
                    }
                    e => Said::Pdf(e),
                })
        }
        Format::Doc => extract::doc::extract(bytes)
            .map(|doc| Extracted::plain(doc, Some(crate::read::decode::DOC_ENCODING)))
            .map_err(Said::Doc),
        Format::Workbook => extract::workbook::extract(bytes)
            .map(|doc| Extracted::plain(doc, None))
            .map_err(Said::Workbook),
        Format::Text | Format::Html | Format::Binary => extract_text(bytes, format),
    }
}

/// The rows of cells a file's reader extracted (what the template parser sees), or why there
/// are none (one line, Chinese and English).
pub fn rows_of(path: &Path) -> Result<(Format, extract::Document), String> {
    let mut scratch = Loaded::unread(&crate::util::pathtext::path_text(path));
    let bytes = read_limited(path, &mut scratch)
        .map_err(|said| crate::finding::wording::message(&said).line().to_string())?;
    let format = extract::sniff(&bytes, &extension_of(path));
    guarded(|| extract_any(&bytes, format))
        .unwrap_or_else(|panic| Err(internal_error(format, &panic)))
        .map(|e| (format, e.doc))
        .map_err(|said| crate::finding::wording::message(&said).line().to_string())
}

/// Text and HTML: decode, then read lines or the page's blocks and tables.
fn extract_text(bytes: &[u8], format: Format) -> Result<Extracted, Said> {
    if memchr::memchr(0, bytes).is_some()
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(Said::BinaryData);
    }
    let decoded = decode(bytes, format == Format::Html);
    if looks_binary(&decoded.text) {
        return Err(Said::NotText);
    }
    let mut notices = Vec::new();
    let doc = match format {
        Format::Html => {
            let page = extract::html::extract_page(&decoded.text).map_err(|_| Said::TimeLimit {
                what: "网页 / web page".into(),
            })?;
            if page.dropped_tags > 0 {
                let cap = extract::nesting::MAX_DEPTH;
                notices.push((
                    Check::NestingCapped,
                    Said::NestingCapped {
                        cap,
                        dropped: page.dropped_tags,
                    },
                ));
            }
            if page.cut_at_tags {
                let max = extract::nesting::MAX_TAGS;
                notices.push((Check::TextUnreadable, Said::TooManyTags { max }));
            }
            page.doc
        }
        _ => extract::text::extract(&decoded.text),
    };
    if let Some(declared) = &decoded.declared_mismatch {
        notices.push((
            Check::CharsetMismatch,
            Said::CharsetDeclared {
                declared: declared.to_string(),
                actual: decoded.encoding.to_string(),
            },
        ));
    }
    if decoded.malformed > 0 {
        notices.push((
            Check::CharsetMismatch,
            Said::Undecodable {
                encoding: decoded.encoding.to_string(),
                count: decoded.malformed,
            },
        ));
    }
    Ok(Extracted {
        doc,
        encoding: Some(decoded.encoding),
        notices,
    })
}

/// What tells that a file changed besides its size and modification time, as git's index
/// keeps it: the inode's change time (moved by every write, and by `touch -r` or `cp -p` putting
/// the modification time back), the device and the inode. Zero where the system has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub changed_ns: i128,
    pub device: u64,
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                changed_ns: i128::from(meta.ctime()) * 1_000_000_000
                    + i128::from(meta.ctime_nsec()),
                device: meta.dev(),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Stamp::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_is_caught_with_its_message() {
        let got: Result<(), _> = guarded(|| panic!("a reader bug at {}", 7));
        assert_eq!(got.unwrap_err(), "a reader bug at 7");
        let got: Result<(), _> = guarded(|| panic!("static"));
        assert_eq!(got.unwrap_err(), "static");
        assert_eq!(guarded(|| 7), Ok(7));
        let m =
            crate::finding::wording::message(&internal_error(Format::Pdf, "index out of bounds"));
        let (zh, en) = (m.zh(), m.en());
        assert!(zh.starts_with("内部错误"), "{zh}");
        assert_eq!(
            en,
            "internal error: the tool failed while reading this pdf file (index out of bounds); not read — please send the file to the maintainers"
        );
    }

    #[test]
    fn a_page_of_far_more_tags_than_a_report_says_so() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<td>1</td>".repeat(crate::read::extract::nesting::MAX_TAGS * 2)
        );
        let parsed = parse_bytes(page.as_bytes(), "html", "cells", "cells.html");
        let said: Vec<String> = parsed
            .findings
            .iter()
            .filter(|f| f.check == Check::TextUnreadable)
            .map(|f| f.message().line().to_string())
            .collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("网页有超过 25000 个标签"), "{}", said[0]);
        assert_eq!(parsed.status, Status::Failed);
    }
}
