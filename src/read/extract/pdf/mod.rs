//! PDF with a text layer: run each page's content to get positioned glyphs and rulings
//! ([`interp`]), decode text through the fonts' ToUnicode maps or predefined CJK CMaps
//! ([`font`], [`cmap`]), then rebuild rows and cells from positions ([`layout`]).
//!
//! Built on lopdf (pure Rust). Everything lopdf cannot parse, and every limit reached, is an
//! error or a notice. (A panic inside any reader is caught where files are read, in `load`.)

mod cmap;
mod font;
mod interp;
mod layout;
mod lines;
mod obj;
mod pages;

use super::scan;
use super::Document;
use interp::Matrix;
use lopdf::{Dictionary, LoadOptions, Object};

/// Pages read from one file (an annual report has under 20).
pub const MAX_PAGES: usize = 300;
/// Most bytes one stream of the file may decompress to while loading.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// A read PDF: its rows, and doubts about the reading (check, Chinese, English).
pub struct PdfDoc {
    pub doc: Document,
    pub notices: Vec<PdfNotice>,
}

/// An error that stops the reading: Chinese, English.
/// What reading a PDF noticed: pages not read, or not in full (each a `TEXT_UNREADABLE`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PdfNotice {
    /// More pages than a report has: only the first `max` were read.
    TooManyPages { pages: usize, max: usize },
    /// No end-of-file marker: only what survives was read (`empty`: pages with nothing left).
    Truncated { empty: Vec<usize> },
    /// Pages that are scanned images with no text layer.
    Scanned { pages: Vec<usize> },
    /// Pages whose content is damaged or past the size limit.
    Cut { pages: Vec<usize> },
    /// Glyphs printed outside the page.
    OffPage { pages: Vec<usize>, glyphs: usize },
    /// Glyphs whose font has no Unicode mapping.
    Unmapped { pages: Vec<usize>, glyphs: usize },
    /// Scanned pages read by Tesseract: the value cells read (`values`) and those doubtful.
    OcrRead {
        pages: Vec<usize>,
        values: usize,
        doubts: Vec<crate::read::extract::scan::Doubt>,
    },
    /// Scanned pages left unread: no Tesseract (`chinese`: installed without its Chinese data).
    NoOcr { chinese: bool },
    /// A scanned page Tesseract could not read, and why.
    OcrFailed {
        page: usize,
        problem: crate::read::extract::scan::ScanProblem,
    },
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PdfError {
    #[error("damaged or incomplete PDF (truncated?), cannot be read: {0}")]
    Damaged(String),
    #[error("encrypted PDF: it needs a password to open; not read (send an unencrypted copy)")]
    Encrypted,
    #[error("the PDF has no pages")]
    NoPages,
    /// The per-file time budget ran out.
    #[error("{}", crate::read::budget::messages("PDF").1)]
    TimeLimit,
    #[error(
        "incomplete PDF (no end-of-file marker: truncated or partly downloaded); no text survives"
    )]
    Truncated,
    #[error(
        "scanned PDF: no text to read (send a PDF with a text layer, or the Word or web version)"
    )]
    Scanned,
    /// A scanned PDF whose pictures could not be read (the first page's reason).
    #[error("scanned PDF whose page {page} could not be read: {}", .problem.messages().1)]
    ScanUnread {
        page: usize,
        problem: crate::read::extract::scan::ScanProblem,
    },
    /// A scanned PDF, and no Tesseract to read it (`chinese`: installed without `chi_sim`).
    #[error("scanned PDF with no text layer, and Tesseract is not installed to read it: install it (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim), or send a PDF with a text layer, or the Word or web version")]
    ScannedNoOcr { chinese: bool },
    #[error("the PDF contains no text")]
    NoText,
}

impl PdfError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        let zh = match self {
            PdfError::Damaged(e) => format!("PDF 文件损坏或不完整（可能被截断），无法读取：{e}"),
            PdfError::Encrypted => {
                "PDF 已加密，需要密码才能打开，未读取（请提供未加密的版本）".into()
            }
            PdfError::NoPages => "PDF 没有页面".into(),
            PdfError::TimeLimit => crate::read::budget::messages("PDF").0,
            PdfError::Truncated => {
                "PDF 文件不完整（缺少文件结尾，可能被截断或未下载完），没有可读取的文字".into()
            }
            PdfError::Scanned => {
                "扫描版 PDF：没有可读取的文字层（请提供可复制文字的 PDF，或 Word、网页版）".into()
            }
            PdfError::NoText => "PDF 中没有文字".into(),
            PdfError::ScanUnread { page, problem } => {
                format!("扫描版 PDF，第 {page} 页未能识别：{}", problem.messages().0)
            }
            PdfError::ScannedNoOcr { chinese } => format!(
                "扫描版 PDF：没有文字层，且本机{}，无法识别扫描件；请安装（Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim），或请单位提供可复制文字的 PDF、Word 或网页版",
                if *chinese { "的 Tesseract 缺少中文识别数据 chi_sim" } else { "未安装文字识别程序 Tesseract" }
            ),
        };
        (zh, self.to_string())
    }
}

/// What the scanned pages of one PDF gave.
#[derive(Default)]
struct Ocr {
    pages: Vec<usize>,
    values: usize,
    doubts: Vec<scan::Doubt>,
    /// No Tesseract to read them with.
    missing: Option<scan::ocr::Missing>,
    failed: Vec<PdfNotice>,
}

/// Time a scanned page may take beyond the file's budget (its two readings).
const OCR_PAGE_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);
/// Scanned pages read from one file at most: a report has a dozen; a file of hundreds of
/// pictures would hold the night for an hour.
const MAX_OCR_PAGES: usize = 30;

/// Read a scanned page with Tesseract, when it is installed: its rows.
fn scan_page(
    pdf: &lopdf::Document,
    id: lopdf::ObjectId,
    no: usize,
    width: f64,
    snap: &dyn Fn(&str) -> Option<&'static str>,
    ocr: &mut Ocr,
) -> Option<scan::Reading> {
    let tess = match scan::ocr::tesseract() {
        Ok(t) => t,
        Err(m) => {
            ocr.missing = Some(m);
            return None;
        }
    };
    if ocr.pages.len() + ocr.failed.len() >= MAX_OCR_PAGES {
        ocr.failed.push(PdfNotice::OcrFailed {
            page: no,
            problem: scan::ScanProblem::TooMany { max: MAX_OCR_PAGES },
        });
        return None;
    }
    crate::read::budget::extend(OCR_PAGE_BUDGET);
    match scan::read_page(&tess, pdf, id, no, width, snap) {
        Ok(reading) => {
            ocr.pages.push(no);
            ocr.values += reading.values;
            ocr.doubts.extend(reading.doubts.iter().cloned());
            Some(reading)
        }
        Err(problem) => {
            ocr.failed.push(PdfNotice::OcrFailed { page: no, problem });
            None
        }
    }
}

/// Read a PDF's text layer into rows.
///
/// `is_label` tells whether a cell's text alone names a row of the template: it decides whether
/// a table row cut by a page break is one row or two (see [`layout::append_page`]).
pub fn extract(
    bytes: &[u8],
    is_label: &dyn Fn(&str) -> bool,
    snap: &dyn Fn(&str) -> Option<&'static str>,
) -> Result<PdfDoc, PdfError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let pdf = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|e| PdfError::Damaged(e.to_string()))?;
    if pdf.is_encrypted() && !pdf.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let mut notices = Vec::new();
    // A complete file ends with `%%EOF` (a few bytes of padding may follow).
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    let truncated = !tail.windows(5).any(|w| w == b"%%EOF");
    if pages.len() > MAX_PAGES {
        notices.push(PdfNotice::TooManyPages {
            pages: pages.len(),
            max: MAX_PAGES,
        });
    }
    let mut rows: Vec<pages::PageRow> = Vec::new();
    let mut glyphs = 0usize;
    let mut images = 0usize;
    let mut scanned_pages = Vec::new();
    let mut cut_pages = Vec::new();
    let mut unmapped_pages = Vec::new();
    let mut unmapped = 0usize;
    let mut off_pages = Vec::new();
    let mut off_page = 0usize;
    let mut empty_pages = Vec::new();
    let mut ocr = Ocr::default();
    let mut pending: Vec<(Vec<pages::PageRow>, f64)> = Vec::new();
    for (&no, &id) in pages.iter().take(MAX_PAGES) {
        if crate::read::budget::exceeded() {
            return Err(PdfError::TimeLimit);
        }
        let no = no as usize;
        let Some(page) = pdf.get_dictionary(id).ok() else {
            cut_pages.push(no);
            continue;
        };
        let (display, width, height) = display_matrix(&pdf, page);
        let (own, ids) = pdf.get_page_resources(id).unwrap_or((None, vec![]));
        let mut resources: Vec<&Dictionary> = own.into_iter().collect();
        resources.extend(ids.iter().filter_map(|&r| pdf.get_dictionary(r).ok()));
        let content = match pdf.get_page_content_with_limit(id, obj::STREAM_LIMIT) {
            Ok(c) => c,
            Err(_) => {
                cut_pages.push(no);
                continue;
            }
        };
        if content.iter().all(u8::is_ascii_whitespace) {
            empty_pages.push(no);
        }
        let shown = interp::run(&pdf, &content, &resources, display);
        if shown.truncated {
            cut_pages.push(no);
        }
        glyphs += shown.glyphs.len();
        images += shown.images;
        if shown.glyphs.is_empty() && shown.images > 0 {
            match scan_page(&pdf, id, no, width, snap, &mut ocr) {
                Some(reading) => {
                    let read = reading
                        .rows
                        .into_iter()
                        .map(|r| pages::PageRow {
                            row: r.row,
                            edges: r.edges,
                        })
                        .collect();
                    pending.push((read, 0.0));
                    continue;
                }
                None => scanned_pages.push(no),
            }
        }
        let mut notes = layout::PageNotes::default();
        let page_rows = layout::rows(no, &shown, width, height, &mut notes);
        // Appended once every page is read: the running headers and footers are known then.
        pending.push((page_rows, height));
        if notes.limited && !cut_pages.contains(&no) {
            cut_pages.push(no);
        }
        unmapped += notes.unmapped;
        if notes.unmapped > 0 {
            unmapped_pages.push(no);
        }
        off_page += notes.off_page;
        if notes.off_page > 0 {
            off_pages.push(no);
        }
    }
    pages::drop_running(&mut pending);
    for (page_rows, _) in pending {
        pages::append_page(&mut rows, page_rows, is_label);
    }
    if glyphs == 0 && ocr.pages.is_empty() {
        return Err(if truncated {
            PdfError::Truncated
        } else if images > 0 {
            match ocr.missing {
                Some(m) => PdfError::ScannedNoOcr {
                    chinese: m == scan::ocr::Missing::Chinese,
                },
                None => match ocr.failed.first() {
                    Some(PdfNotice::OcrFailed { page, problem }) => PdfError::ScanUnread {
                        page: *page,
                        problem: problem.clone(),
                    },
                    _ => PdfError::Scanned,
                },
            }
        } else {
            PdfError::NoText
        });
    }
    if !ocr.pages.is_empty() {
        notices.push(PdfNotice::OcrRead {
            pages: ocr.pages,
            values: ocr.values,
            doubts: ocr.doubts,
        });
    }
    if let Some(m) = ocr.missing {
        notices.push(PdfNotice::NoOcr {
            chinese: m == scan::ocr::Missing::Chinese,
        });
    }
    notices.extend(ocr.failed);
    if truncated {
        notices.push(PdfNotice::Truncated { empty: empty_pages });
    }
    if !scanned_pages.is_empty() {
        notices.push(PdfNotice::Scanned {
            pages: scanned_pages,
        });
    }
    if !cut_pages.is_empty() {
        notices.push(PdfNotice::Cut { pages: cut_pages });
    }
    if off_page > 0 {
        notices.push(PdfNotice::OffPage {
            pages: off_pages,
            glyphs: off_page,
        });
    }
    if unmapped > 0 {
        notices.push(PdfNotice::Unmapped {
            pages: unmapped_pages,
            glyphs: unmapped,
        });
    }
    Ok(PdfDoc {
        doc: Document {
            title: None,
            meta_date: None,
            rows: rows.into_iter().map(|r| r.row).collect(),
            more_rows: 0,
        },
        notices,
    })
}

/// A page attribute, inherited from the page tree when the page does not set it.
fn inherited<'a>(pdf: &'a lopdf::Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = obj::get(pdf, node, key) {
            return Some(o);
        }
        node = obj::get(pdf, node, b"Parent").and_then(|p| obj::dict(pdf, p))?;
    }
    None
}

/// The matrix from user space to the displayed page (points, y down from the top, the page's
/// `/Rotate` applied), and the displayed width and height.
fn display_matrix(pdf: &lopdf::Document, page: &Dictionary) -> (Matrix, f64, f64) {
    let rect = |key: &[u8]| {
        inherited(pdf, page, key)
            .and_then(|o| obj::numbers(pdf, o))
            .filter(|v| v.len() == 4 && v.iter().all(|x| x.is_finite()))
    };
    let b = rect(b"CropBox")
        .or_else(|| rect(b"MediaBox"))
        .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
    let (llx, lly) = (b[0].min(b[2]), b[1].min(b[3]));
    let (urx, ury) = (b[0].max(b[2]), b[1].max(b[3]));
    let rotate = inherited(pdf, page, b"Rotate")
        .and_then(|o| obj::as_number(pdf, o))
        .map_or(0, |r| ((r as i64 % 360 + 360) % 360 / 90) as u8);
    let (w, h) = (urx - llx, ury - lly);
    match rotate {
        1 => ([0.0, 1.0, 1.0, 0.0, -lly, -llx], h, w),
        2 => ([-1.0, 0.0, 0.0, 1.0, urx, -lly], w, h),
        3 => ([0.0, -1.0, -1.0, 0.0, ury, urx], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, -llx, ury], w, h),
    }
}
