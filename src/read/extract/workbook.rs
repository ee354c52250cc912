//! Workbooks — `.xlsx`, `.xls`, `.xlsb`, `.ods` (and WPS `.et` saved as one of them) — through
//! [`calamine`]: each sheet a grid, each row of it one row of cells with its place (`table` is
//! the sheet's number). A number is the value the sheet shows (a formula's cached value); a text
//! cell is its text, so a text "0" reads as 0 and an empty cell as blank. A cell covered by a
//! merged region other than its first is left out, as a `.docx`'s merged cells are; tables 二–四
//! are then found by their labels in whatever sheet holds them, and the unit from the titles.

use super::{Cell, Document, Place, Row, Rows};
use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, Sheets};
use std::io::Cursor;

/// Why a workbook could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WorkbookError {
    #[error("not a readable workbook: {0}")]
    Unreadable(String),
    #[error("the workbook has no sheet with anything in it")]
    Empty,
}

impl WorkbookError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        let zh = match self {
            WorkbookError::Unreadable(e) => format!("表格文件无法读取：{e}"),
            WorkbookError::Empty => "表格文件中没有任何内容".to_string(),
        };
        (
            format!("{zh}；请另存为 .xlsx 或 .docx 后重新提交"),
            format!("{self}: save it as .xlsx or .docx and submit it again"),
        )
    }
}

/// Cells of one sheet read, at most (a report's tables are a few hundred).
const MAX_CELLS: usize = 1_000_000;

/// Read every sheet's rows. The workbook readers stop on some damaged files by panicking: that
/// is said as a damaged file, not as this tool's error.
pub fn extract(bytes: &[u8]) -> Result<Document, WorkbookError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes))).unwrap_or_else(|_| {
        Err(WorkbookError::Unreadable(
            "the file is damaged (the workbook reader stopped on it)".into(),
        ))
    })
}

fn read(bytes: &[u8]) -> Result<Document, WorkbookError> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let mut rows = Rows::default();
    // calamine keeps no merged regions of an OpenDocument sheet: they are read from its XML.
    let ods_merged = match &wb {
        Sheets::Ods(_) => ods_merges(bytes),
        _ => Default::default(),
    };
    for (n, name) in wb.sheet_names().into_iter().enumerate() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| WorkbookError::Unreadable(format!("{name}: {e}")))?;
        let merged = match &wb {
            Sheets::Ods(_) => ods_merged.get(&name).cloned().unwrap_or_default(),
            _ => merged_regions(&mut wb, &name),
        };
        let Some((top, left)) = range.start() else {
            continue;
        };
        let mut seen = 0usize;
        for (r, cells) in range.rows().enumerate() {
            let row = top + r as u32;
            let mut out: Vec<Cell> = Vec::new();
            for (c, value) in cells.iter().enumerate() {
                seen += 1;
                if seen > MAX_CELLS {
                    break;
                }
                let col = left + c as u32;
                if covered(&merged, row, col) {
                    continue;
                }
                out.push(Cell {
                    text: shown(value),
                    place: Place::Table {
                        table: n + 1,
                        row: row as usize + 1,
                        col: col as usize + 1,
                    },
                });
            }
            // Empty cells after the last printed one are the sheet's margin, not the row's.
            while out.last().is_some_and(|c| c.text.is_empty()) {
                out.pop();
            }
            if out.is_empty() {
                continue;
            }
            if rows.full() {
                rows.count();
            } else {
                rows.push(Row { cells: out });
            }
        }
    }
    if rows.is_empty() {
        return Err(WorkbookError::Empty);
    }
    Ok(rows.into_document(None))
}

/// A sheet's merged regions (none for a format that keeps none).
fn merged_regions(wb: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<Dimensions> {
    match wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// An OpenDocument spreadsheet's merged regions, by sheet: cells with
/// `table:number-columns-spanned` / `table:number-rows-spanned` in `content.xml` (rows and cells
/// repeated by `number-rows-repeated` / `number-columns-repeated` counted as such).
fn ods_merges(bytes: &[u8]) -> std::collections::HashMap<String, Vec<Dimensions>> {
    use quick_xml::events::Event;
    let mut out: std::collections::HashMap<String, Vec<Dimensions>> = Default::default();
    let Ok(mut zip) = ::zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut xml = String::new();
    match zip.by_name("content.xml") {
        Ok(f) => {
            // A spreadsheet's content is bounded by the file's limit; more is not read.
            let _ = std::io::Read::read_to_string(
                &mut std::io::Read::take(f, 64 * 1024 * 1024),
                &mut xml,
            );
        }
        Err(_) => return out,
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut sheet, mut row, mut col) = (String::new(), 0u32, 0u32);
    let mut row_repeat = 1u32;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.into_owned())
    };
    let number = |v: Option<String>| v.and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet = attr(&e, "table:name").unwrap_or_default();
                    row = 0;
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = number(attr(&e, "table:number-rows-repeated"));
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let cols = number(attr(&e, "table:number-columns-spanned"));
                    let rows_spanned = number(attr(&e, "table:number-rows-spanned"));
                    if cols > 1 || rows_spanned > 1 {
                        out.entry(sheet.clone()).or_default().push(Dimensions {
                            start: (row, col),
                            end: (row + rows_spanned - 1, col + cols - 1),
                        });
                    }
                    col = col.saturating_add(number(attr(&e, "table:number-columns-repeated")));
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            _ => {}
        }
    }
    out
}

/// Is the cell at (row, col) covered by a merged region it does not start?
fn covered(merged: &[Dimensions], row: u32, col: u32) -> bool {
    merged.iter().any(|d| {
        (d.start.0..=d.end.0).contains(&row)
            && (d.start.1..=d.end.1).contains(&col)
            && (row, col) != d.start
    })
}

/// A cell as the sheet shows it.
fn shown(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        // The shortest text that reads back as the same number: 21 for 21.0, 5949.088667.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_show_what_the_sheet_shows() {
        assert_eq!(shown(&Data::Float(21.0)), "21");
        assert_eq!(shown(&Data::Float(5949.088667)), "5949.088667");
        assert_eq!(shown(&Data::String(" 0 ".into())), "0");
        assert_eq!(shown(&Data::Empty), "");
        let merged = [Dimensions {
            start: (2, 0),
            end: (4, 1),
        }];
        assert!(!covered(&merged, 2, 0));
        assert!(covered(&merged, 3, 0) && covered(&merged, 2, 1));
        assert!(!covered(&merged, 5, 0));
    }

    #[test]
    fn what_is_not_a_workbook_says_so() {
        assert!(matches!(
            extract(b"not a workbook"),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
