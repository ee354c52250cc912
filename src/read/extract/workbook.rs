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
    #[error("not a readable workbook: the file is damaged (the workbook reader stopped on it)")]
    Damaged,
    #[error("the workbook has no sheet with anything in it")]
    Empty,
    #[error("sheet {0} spreads over more cells than a report has; not read")]
    TooLarge(String),
}

impl WorkbookError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        let zh = match self {
            WorkbookError::Unreadable(e) => format!("表格文件无法读取：{e}"),
            WorkbookError::Damaged => "表格文件已损坏（读取程序无法读完）".to_string(),
            WorkbookError::Empty => "表格文件中没有任何内容".to_string(),
            WorkbookError::TooLarge(s) => format!("工作表“{s}”的范围远大于一份报告，未读取"),
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
    crate::util::caught::caught(|| read(bytes)).unwrap_or(Err(WorkbookError::Damaged))
}

fn read(bytes: &[u8]) -> Result<Document, WorkbookError> {
    // An OpenDocument sheet is made whole when it is opened: one whose printed cells spread
    // over more than a report could is refused before that.
    let ods = ods_scan(bytes);
    if let Some(sheet) = ods.too_large {
        return Err(WorkbookError::TooLarge(sheet));
    }
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let mut rows = Rows::default();
    // calamine keeps no merged regions of an OpenDocument sheet: they are read from its XML.
    let ods_merged = ods.merged;
    for (n, name) in wb.sheet_names().into_iter().enumerate() {
        let printed = printed_cells(&mut wb, &name)?;
        let merged = match &wb {
            Sheets::Ods(_) => ods_merged.get(&name).cloned().unwrap_or_default(),
            _ => merged_regions(&mut wb, &name),
        };
        // Each printed row, from the sheet's first printed column to the row's last: the cells
        // between are blanks, as printed.
        let Some(left) = printed.keys().map(|(_, c)| *c).min() else {
            continue;
        };
        let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, &String)>> = Default::default();
        for ((r, c), text) in &printed {
            by_row.entry(*r).or_default().push((*c, text));
        }
        let mut made = 0usize;
        for (row, cells) in by_row {
            let last = cells.iter().map(|(c, _)| *c).max().unwrap_or(left);
            made += (last - left + 1) as usize;
            if made > MAX_CELLS {
                return Err(WorkbookError::TooLarge(name));
            }
            let mut out: Vec<Cell> = Vec::new();
            let mut at = cells.into_iter().peekable();
            for col in left..=last {
                let text = match at.next_if(|(c, _)| *c == col) {
                    Some((_, t)) => t.clone(),
                    None => String::new(),
                };
                if covered(&merged, row, col) {
                    continue;
                }
                out.push(Cell {
                    text,
                    place: Place::Table {
                        table: n + 1,
                        row: row as usize + 1,
                        col: col as usize + 1,
                    },
                });
            }
            if out.iter().all(|c| c.text.is_empty()) {
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

/// A sheet's printed (non-empty) cells by (row, column). A `.xlsx` sheet is streamed cell by
/// cell, so that a hostile file declaring a cell far away costs nothing; the older formats come
/// whole from their reader (a `.xls` sheet is at most 65,536 × 256).
fn printed_cells(
    wb: &mut Sheets<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<std::collections::BTreeMap<(u32, u32), String>, WorkbookError> {
    let mut out = std::collections::BTreeMap::new();
    let unreadable = |e: String| WorkbookError::Unreadable(format!("{name}: {e}"));
    if let Sheets::Xlsx(x) = wb {
        let mut cells = x
            .worksheet_cells_reader(name)
            .map_err(|e| unreadable(e.to_string()))?;
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
            let text = shown(&Data::from(cell.get_value().clone()));
            if !text.is_empty() {
                out.insert(cell.get_position(), text);
                if out.len() > MAX_CELLS {
                    return Err(WorkbookError::TooLarge(name.to_string()));
                }
            }
        }
        return Ok(out);
    }
    let range = wb
        .worksheet_range(name)
        .map_err(|e| unreadable(e.to_string()))?;
    for (r, c, value) in range.used_cells() {
        let text = shown(value);
        if !text.is_empty() {
            let (top, left) = range.start().unwrap_or((0, 0));
            out.insert((top + r as u32, left + c as u32), text);
        }
    }
    Ok(out)
}

/// A sheet's merged regions (none for a format that keeps none).
fn merged_regions(wb: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<Dimensions> {
    match wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// What an OpenDocument spreadsheet's `content.xml` says that `calamine` does not keep.
#[derive(Default)]
struct OdsScan {
    /// Merged regions by sheet.
    merged: std::collections::HashMap<String, Vec<Dimensions>>,
    /// A sheet whose printed cells spread over more than [`MAX_CELLS`].
    too_large: Option<String>,
}

/// Scan an OpenDocument spreadsheet (anything else gives nothing): cells with
/// `table:number-columns-spanned` / `table:number-rows-spanned` are merged regions, and a cell
/// with a value marks how far its sheet spreads (rows and cells repeated by
/// `number-rows-repeated` / `number-columns-repeated` counted as such).
fn ods_scan(bytes: &[u8]) -> OdsScan {
    use quick_xml::events::Event;
    let mut scan = OdsScan::default();
    let Ok(mut zip) = ::zip::ZipArchive::new(Cursor::new(bytes)) else {
        return scan;
    };
    let out = &mut scan.merged;
    let mut extent: (u64, u64) = (0, 0);
    let mut xml = String::new();
    match zip.by_name("content.xml") {
        Ok(f) => {
            // A spreadsheet's content is bounded by the file's limit; more is not read.
            let _ = std::io::Read::read_to_string(
                &mut std::io::Read::take(f, 64 * 1024 * 1024),
                &mut xml,
            );
        }
        Err(_) => return scan,
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
                    extent = (0, 0);
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
                    if attr(&e, "office:value-type").is_some() {
                        extent = (
                            extent.0.max(u64::from(row) + 1),
                            extent.1.max(u64::from(col) + 1),
                        );
                        if extent.0 * extent.1 > MAX_CELLS as u64 && scan.too_large.is_none() {
                            scan.too_large = Some(sheet.clone());
                        }
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
    scan
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

    /// A zip of these parts.
    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = ::zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Stored);
        for (name, text) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_cell_declared_far_away_costs_nothing_and_a_sheet_too_wide_is_refused() {
        // Two cells, A1 and XFD1048576: a grid of them would be seventeen billion cells.
        let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>"#;
        let xlsx = zipped(&[
            (
                "[Content_Types].xml",
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ]);
        let doc = extract(&xlsx).expect("read");
        assert_eq!(doc.rows.len(), 2);
        assert_eq!(doc.rows[1].cells.last().map(|c| c.text.as_str()), Some("2"));
        // An OpenDocument sheet whose value sits a million rows down: refused before it is
        // made whole.
        let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16000"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let ods = zipped(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
        ]);
        assert_eq!(extract(&ods), Err(WorkbookError::TooLarge("S".into())));
    }

    #[test]
    fn what_is_not_a_workbook_says_so() {
        assert!(matches!(
            extract(b"not a workbook"),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
