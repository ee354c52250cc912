//! Extract cells: every format becomes the same [`Document`], a list of rows of cells, each cell
//! with its place in the source file. Tables become rows of grid cells (spans expanded); prose
//! becomes one-cell rows.

pub(crate) mod doc;
pub(crate) mod docx;
pub(crate) mod html;
pub(crate) mod nesting;
pub(crate) mod pdf;
pub(crate) mod scan;
pub(crate) mod text;
pub(crate) mod workbook;

use serde::Serialize;
use std::fmt;

/// Where a cell was found in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A text file line (1-based).
    Line { line: usize },
    /// An HTML or DOCX table cell: table number, grid row and column (all 1-based).
    Table {
        table: usize,
        row: usize,
        col: usize,
    },
    /// An HTML block or DOCX paragraph outside tables (1-based paragraph number).
    Paragraph { paragraph: usize },
    /// A PDF page (1-based) and the text's top-left corner, in points from the page's top left.
    Pdf { page: usize, x: u32, y: u32 },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line { line } => write!(f, "line {line}"),
            Place::Table { table, row, col } => write!(f, "table {table} row {row} col {col}"),
            Place::Paragraph { paragraph } => write!(f, "paragraph {paragraph}"),
            Place::Pdf { page, x, y } => write!(f, "page {page} x {x} y {y}"),
        }
    }
}

/// One piece of printed text: a table cell, a line, a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub place: Place,
}

/// One row: a table row's cells left to right, or one line / paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cells' texts, left to right.
    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(|c| c.text.clone()).collect()
    }
}

/// Rows (lines, paragraphs, table rows) of one file kept for the template parser, at most. A
/// report is a few hundred (a long PDF, a few thousand); the readers count the rest without
/// making them, so a file of a million short lines costs little.
pub const MAX_ROWS: usize = 20_000;

/// A report's content, format-independent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The page title (HTML `<title>` or the article-title meta), when there is one.
    pub title: Option<String>,
    /// The page's publication date as its `<meta>` gives it (`PubDate` …), unread.
    pub meta_date: Option<String>,
    pub rows: Vec<Row>,
    /// Rows past [`MAX_ROWS`], counted and not kept.
    pub more_rows: usize,
}

impl Document {
    /// Rows in all, kept or not.
    pub fn rows_in_all(&self) -> usize {
        self.rows.len() + self.more_rows
    }
}

/// Rows as a reader makes them: the first [`MAX_ROWS`] kept, the rest counted.
#[derive(Debug, Default)]
pub struct Rows {
    kept: Vec<Row>,
    more: usize,
}

impl Rows {
    /// No more rows are kept: a reader counts the next one with [`Rows::count`] instead of
    /// making it.
    pub fn full(&self) -> bool {
        self.kept.len() >= MAX_ROWS
    }

    pub fn push(&mut self, row: Row) {
        if self.full() {
            self.more += 1;
        } else {
            self.kept.push(row);
        }
    }

    /// A row not made (the rows are full).
    pub fn count(&mut self) {
        self.more += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.more == 0
    }

    pub fn into_document(self, title: Option<String>) -> Document {
        Document {
            title,
            meta_date: None,
            rows: self.kept,
            more_rows: self.more,
        }
    }
}

/// The file formats the tool recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Docx,
    Doc,
    /// A workbook: `.xlsx`, `.xls`, `.xlsb`, `.ods`.
    Workbook,
    Pdf,
    Binary,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Workbook => "workbook",
            Format::Pdf => "pdf",
            Format::Binary => "binary",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        [
            Format::Text,
            Format::Html,
            Format::Docx,
            Format::Doc,
            Format::Workbook,
            Format::Pdf,
            Format::Binary,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// What a file is, told by its content: a PDF, a zip (a Word document or a workbook by the parts
/// it holds), an OLE compound file (Word 97 or a workbook by its streams), a web page or text.
/// The extension only breaks a tie between a web page and text.
pub fn sniff(bytes: &[u8], extension: &str) -> Format {
    let ext = extension.to_ascii_lowercase();
    // A PDF's header may follow a little junk (a mail gateway's, a server's).
    if bytes.starts_with(b"%PDF")
        || memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
    {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return ole_kind(bytes);
    }
    let head = &bytes[..bytes.len().min(4096)];
    // Every pattern is lower-case ASCII starting with `<`: compared at each `<`, ignoring case.
    let has = |pat: &[u8]| {
        memchr::memchr_iter(b'<', head).any(|i| {
            head.get(i..i + pat.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(pat))
        })
    };
    if has(b"<html") || has(b"<!doctype html") || has(b"<table") || has(b"<body") || has(b"<div") {
        return Format::Html;
    }
    if matches!(ext.as_str(), "htm" | "html" | "shtml" | "xhtml" | "mhtml") && has(b"<") {
        return Format::Html;
    }
    if (has(b"<p>") || has(b"<p ") || has(b"<span") || has(b"<br")) && !ext.eq("txt") {
        return Format::Html;
    }
    Format::Text
}

/// A zip's kind by its parts: a workbook (`xl/`, an OpenDocument spreadsheet), else a Word
/// document (whose reader says so when it is none).
fn zip_kind(bytes: &[u8]) -> Format {
    let Ok(mut archive) = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Format::Docx;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let has = |p: &str| names.iter().any(|n| n.starts_with(p));
    let workbook = has("xl/")
        || (has("content.xml") && !has("word/") && {
            // An OpenDocument file says what it is in its first part (a few dozen bytes).
            let mut kind = String::new();
            if let Ok(f) = archive.by_name("mimetype") {
                let _ = std::io::Read::read_to_string(&mut std::io::Read::take(f, 100), &mut kind);
            }
            kind.contains("spreadsheet")
        });
    if workbook {
        Format::Workbook
    } else {
        Format::Docx
    }
}

/// An OLE compound file's kind by its streams: a workbook, else Word 97 (whose reader says so
/// when it holds no Word document: an old WPS, spreadsheet or presentation file).
fn ole_kind(bytes: &[u8]) -> Format {
    let Ok(cf) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return Format::Doc;
    };
    if !cf.is_stream("/WordDocument") && (cf.is_stream("/Workbook") || cf.is_stream("/Book")) {
        Format::Workbook
    } else {
        Format::Doc
    }
}

/// The format a file's name says it is, for the names units use (none for other names).
pub fn named_format(extension: &str) -> Option<Format> {
    Some(match extension.to_ascii_lowercase().as_str() {
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "doc" | "wps" => Format::Doc,
        "xlsx" | "xls" | "xlsb" | "ods" | "et" => Format::Workbook,
        "htm" | "html" | "shtml" | "xhtml" | "mhtml" => Format::Html,
        "txt" => Format::Text,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_before_extension() {
        assert_eq!(sniff(b"%PDF-1.7 ...", "txt"), Format::Pdf);
        assert_eq!(sniff(b"PK\x03\x04....", "html"), Format::Docx);
        assert_eq!(
            sniff(b"<div class=TRS_Editor><p>x</p>", "txt"),
            Format::Html
        );
        assert_eq!(
            sniff("根据《条例》\n\n一、总体情况".as_bytes(), "html"),
            Format::Text
        );
        // The name no longer decides: a plain text named .docx is text.
        assert_eq!(sniff(b"plain", "docx"), Format::Text);
        assert_eq!(sniff(b"<html><p>x</p>", "doc"), Format::Html);
        assert_eq!(
            sniff(b"<table><tr><td>1</td></tr></table>", "xls"),
            Format::Html
        );
        assert_eq!(sniff(b"<p>x</p>", "htm"), Format::Html);
        assert_eq!(sniff(b"text <BODY>", "txt"), Format::Html);
        assert_eq!(sniff(b"a <Span>b", "dat"), Format::Html);
        assert_eq!(sniff(b"a <Span>b", "txt"), Format::Text);
        assert_eq!(sniff(b"<", "dat"), Format::Text);
    }
}
