//! Word 97–2003 `.doc` (and WPS `.wps` saved in that format): an OLE compound file ([`cfb`])
//! whose `WordDocument` stream starts with the FIB. The FIB locates, in the table stream
//! (`0Table` or `1Table`), the piece table (the CLX's PlcPcd: where each run of characters is,
//! 8-bit or UTF-16) and the paragraphs' properties (PlcBtePapx → PAPX FKPs), which say which
//! paragraphs are in a table and which one ends a row. Tables become grid rows (a cell merged into
//! the one above or before it is left out, as `.docx`'s `vMerge` and old horizontal merges are),
//! other paragraphs one-cell rows (split at tabs): the same [`Document`] as the `.docx` reader,
//! with the same places. Layout per Microsoft's [MS-DOC] (2.5 FIB, 2.8–2.9 CLX, PAPX, TAP).

use super::{Cell, Document, Place, Row, Rows};
use std::io::{Cursor, Read};

/// Why a `.doc` could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocError {
    #[error("not a readable compound (OLE) file: {0}")]
    NotOle(String),
    /// An OLE file without a Word document inside: old WPS, `.et`, `.dps` and the like.
    #[error(
        "an OLE file without a WordDocument stream (an old WPS, spreadsheet or presentation file)"
    )]
    NotWord,
    #[error("the document is encrypted (password-protected)")]
    Encrypted,
    #[error("the document was fast-saved (an incremental save Word 97 made)")]
    FastSaved,
    #[error("the Word document's structure is damaged: {0}")]
    Damaged(String),
    /// The per-file time budget ran out.
    #[error("{}", crate::read::budget::messages("Word 97").1)]
    TimeLimit,
}

impl DocError {
    /// The message in Chinese and in English, saying what to send instead.
    pub fn messages(&self) -> (String, String) {
        let (zh, en) = match self {
            DocError::NotOle(e) => (
                format!("不是可读的 Word 97–2003（.doc）文件：{e}"),
                self.to_string(),
            ),
            DocError::NotWord => (
                "文件是旧版 WPS 或表格、演示文件，不是 Word 文档，无法读取".to_string(),
                self.to_string(),
            ),
            DocError::Encrypted => (
                "文档已加密（设有密码），无法读取".to_string(),
                self.to_string(),
            ),
            DocError::FastSaved => (
                "文档是“快速保存”的，无法可靠读取".to_string(),
                self.to_string(),
            ),
            DocError::Damaged(e) => (format!("Word 文档结构损坏：{e}"), self.to_string()),
            DocError::TimeLimit => return crate::read::budget::messages("Word 97"),
        };
        (
            format!("{zh}；请另存为 .docx（或网页、PDF）后重新提交"),
            format!("{en}: save it as .docx (or a web page or PDF) and submit it again"),
        )
    }
}

/// Characters of the main text read, at most (a report is tens of thousands).
const MAX_CHARS: usize = 4_000_000;
/// Pieces in the piece table, at most.
const MAX_PIECES: usize = 100_000;
/// Tables nested in tables, at most.
const MAX_NESTING: usize = 16;

/// Read a `.doc`'s main text into rows.
pub fn extract(bytes: &[u8]) -> Result<Document, DocError> {
    let mut cf =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| DocError::NotOle(e.to_string()))?;
    if !cf.is_stream("/WordDocument") {
        return Err(DocError::NotWord);
    }
    let word = read_stream(&mut cf, "/WordDocument")?;
    let fib = Fib::parse(&word)?;
    if fib.encrypted {
        return Err(DocError::Encrypted);
    }
    if fib.complex {
        return Err(DocError::FastSaved);
    }
    let table_name = if fib.table1 { "/1Table" } else { "/0Table" };
    let table = read_stream(&mut cf, table_name)?;
    let pieces = pieces(&table, fib.fc_clx, fib.lcb_clx)?;
    let chars = text(&word, &pieces, fib.ccp_text)?;
    // Paragraph properties too large for their page are in the Data stream (sprmPHugePapx).
    let data = if cf.is_stream("/Data") {
        read_stream(&mut cf, "/Data")?
    } else {
        Vec::new()
    };
    let papx = Papx::new(&word, &table, &data, fib.fc_bte_papx, fib.lcb_bte_papx);
    build(&chars, &papx)
}

fn read_stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    name: &str,
) -> Result<Vec<u8>, DocError> {
    let mut stream = cf
        .open_stream(name)
        .map_err(|e| DocError::Damaged(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    stream
        .read_to_end(&mut out)
        .map_err(|e| DocError::Damaged(format!("{name}: {e}")))?;
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What the reader needs of the FIB.
struct Fib {
    encrypted: bool,
    complex: bool,
    table1: bool,
    ccp_text: usize,
    fc_clx: usize,
    lcb_clx: usize,
    fc_bte_papx: usize,
    lcb_bte_papx: usize,
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let short = || DocError::Damaged("the FIB is cut short".into());
        if u16_at(word, 0).ok_or_else(short)? != 0xA5EC {
            return Err(DocError::Damaged(
                "no Word FIB at the stream's start".into(),
            ));
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        // FibRgFcLcb starts after FibBase (32 bytes), FibRgW (2 + 28) and FibRgLw (2 + 88) and
        // its count (2): entry `i` is at 154 + 8 i.
        let fc = |i: usize| u32_at(word, 154 + 8 * i).map(|v| v as usize);
        let lcb = |i: usize| u32_at(word, 158 + 8 * i).map(|v| v as usize);
        Ok(Fib {
            complex: flags & 0x0004 != 0,
            encrypted: flags & 0x0100 != 0,
            table1: flags & 0x0200 != 0,
            ccp_text: u32_at(word, 0x4C).ok_or_else(short)? as usize,
            fc_bte_papx: fc(13).ok_or_else(short)?,
            lcb_bte_papx: lcb(13).ok_or_else(short)?,
            fc_clx: fc(33).ok_or_else(short)?,
            lcb_clx: lcb(33).ok_or_else(short)?,
        })
    }
}

/// One run of characters: CPs `cp..cp_end`, stored at `fc` in the WordDocument stream, one
/// byte each (`compressed`) or two.
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

/// The piece table: the CLX's Pcdt (after any Prc entries).
fn pieces(table: &[u8], fc_clx: usize, lcb_clx: usize) -> Result<Vec<Piece>, DocError> {
    let damaged = |what: &str| DocError::Damaged(format!("the piece table: {what}"));
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| damaged("outside the table stream"))?;
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| damaged("a cut Prc"))? as usize;
                at += 3 + cb;
            }
            Some(2) => break,
            _ => return Err(damaged("no Pcdt")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("a cut Pcdt"))? as usize;
    let plc = clx
        .get(at + 5..(at + 5).saturating_add(lcb))
        .ok_or_else(|| damaged("a Pcdt past the CLX"))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(damaged("a PlcPcd of the wrong size"));
    }
    let n = (plc.len() - 4) / 12;
    if n > MAX_PIECES {
        return Err(damaged("too many pieces"));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, 4 * i).ok_or_else(|| damaged("a cut CP"))? as usize;
        let cp_end = u32_at(plc, 4 * (i + 1)).ok_or_else(|| damaged("a cut CP"))? as usize;
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).ok_or_else(|| damaged("a cut Pcd"))?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = (raw & 0x3FFF_FFFF) as usize;
        out.push(Piece {
            cp,
            cp_end: cp_end.max(cp),
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// A character of the main text and where it is in the WordDocument stream.
struct Char {
    c: char,
    fc: usize,
}

/// The main text (CPs `0..ccp_text`), each character with its file position.
fn text(word: &[u8], pieces: &[Piece], ccp_text: usize) -> Result<Vec<Char>, DocError> {
    let end = ccp_text.min(MAX_CHARS);
    let mut out = Vec::with_capacity(end.min(1 << 20));
    for p in pieces {
        // Pieces in order cover the text once: a damaged table that claims more is cut there.
        if p.cp >= end || out.len() >= end {
            break;
        }
        let mut units: Vec<(u16, usize)> = Vec::new();
        let take = (p.cp_end.min(end) - p.cp).min(end - out.len());
        for cp in p.cp..p.cp + take {
            let k = cp - p.cp;
            if p.compressed {
                let fc = p.fc + k;
                let b = *word
                    .get(fc)
                    .ok_or_else(|| DocError::Damaged("text past the stream's end".into()))?;
                out.push(Char { c: cp1252(b), fc });
            } else {
                let fc = p.fc + 2 * k;
                let u = u16_at(word, fc)
                    .ok_or_else(|| DocError::Damaged("text past the stream's end".into()))?;
                units.push((u, fc));
            }
        }
        // UTF-16 with its surrogate pairs; a lone surrogate is U+FFFD.
        let decoded = char::decode_utf16(units.iter().map(|(u, _)| *u));
        let mut i = 0;
        for c in decoded {
            let fc = units.get(i).map_or(0, |(_, fc)| *fc);
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf16().max(1);
            out.push(Char { c, fc });
        }
    }
    Ok(out)
}

/// An 8-bit ("compressed") character: Windows-1252.
fn cp1252(b: u8) -> char {
    let bytes = [b];
    let (c, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    c.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// A paragraph's table properties, from its PAPX.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ParaProps {
    in_table: bool,
    /// The row-end paragraph (TTP).
    row_end: bool,
    /// Table depth (1 for a table not nested).
    depth: u32,
    /// A nested table's cell end and row end (its marks are paragraph marks).
    inner_cell: bool,
    inner_row_end: bool,
    /// Per cell of the row (on the row-end paragraph): merged into the cell above or before it.
    merged: Vec<bool>,
    /// The row's cell boundaries, left to right (twips; one more than its cells).
    bounds: Vec<i16>,
}

/// The paragraphs' properties: PlcBtePapx and its FKP pages.
struct Papx<'a> {
    word: &'a [u8],
    data: &'a [u8],
    /// (FC where the FKP's range starts, its page number), by FC.
    bte: Vec<(usize, usize)>,
}

impl<'a> Papx<'a> {
    fn new(word: &'a [u8], table: &[u8], data: &'a [u8], fc: usize, lcb: usize) -> Papx<'a> {
        let plc = table.get(fc..fc.saturating_add(lcb)).unwrap_or(&[]);
        let n = plc.len().saturating_sub(4) / 8;
        let bte = (0..n)
            .filter_map(|i| {
                let start = u32_at(plc, 4 * i)? as usize;
                let pn = (u32_at(plc, 4 * (n + 1) + 4 * i)? & 0x003F_FFFF) as usize;
                Some((start, pn))
            })
            .collect();
        Papx { word, data, bte }
    }

    /// The properties of the paragraph whose mark is at file position `fc`.
    fn at(&self, fc: usize) -> ParaProps {
        let i = self.bte.partition_point(|(start, _)| *start <= fc);
        let Some(&(_, pn)) = i.checked_sub(1).and_then(|i| self.bte.get(i)) else {
            return ParaProps::default();
        };
        let Some(page) = self.word.get(pn * 512..pn * 512 + 512) else {
            return ParaProps::default();
        };
        let crun = page[511] as usize;
        for k in 0..crun {
            let (Some(a), Some(b)) = (u32_at(page, 4 * k), u32_at(page, 4 * (k + 1))) else {
                break;
            };
            if (a as usize) <= fc && fc < b as usize {
                let bx = 4 * (crun + 1) + 13 * k;
                let offset = page.get(bx).copied().unwrap_or(0) as usize * 2;
                return props(page, offset, self.data);
            }
        }
        ParaProps::default()
    }
}

/// A PapxInFkp's table properties (`offset` 0: none); `data`, the Data stream, holds those too
/// large for the page.
fn props(page: &[u8], offset: usize, data: &[u8]) -> ParaProps {
    let mut p = ParaProps::default();
    if offset == 0 {
        return p;
    }
    let Some(&cb) = page.get(offset) else {
        return p;
    };
    let (start, len) = if cb != 0 {
        (offset + 1, 2 * cb as usize - 1)
    } else {
        let cb2 = page.get(offset + 1).copied().unwrap_or(0) as usize;
        (offset + 2, 2 * cb2)
    };
    let Some(grpprl) = page.get(start + 2..(start + len).min(page.len())) else {
        return p;
    };
    let mut all = sprms(grpprl);
    // sprmPHugePapx: the rest are a PrcData in the Data stream (a count, then the sprms).
    if let Some((_, operand)) = all.iter().find(|(s, _)| *s == 0x6646) {
        let at = u32_at(operand, 0).unwrap_or(u32::MAX) as usize;
        if let Some(cb) = u16_at(data, at) {
            if let Some(huge) = data.get(at + 2..at + 2 + cb as usize) {
                all.extend(sprms(huge));
            }
        }
    }
    for (sprm, operand) in all {
        match sprm {
            // sprmPFInTable, sprmPFTtp
            0x2416 => p.in_table = operand.first().is_some_and(|b| *b != 0),
            0x2417 => p.row_end = operand.first().is_some_and(|b| *b != 0),
            // sprmPItap, sprmPFInnerTableCell, sprmPFInnerTtp
            0x6649 => p.depth = u32_at(operand, 0).unwrap_or(0),
            0x244B => p.inner_cell = operand.first().is_some_and(|b| *b != 0),
            0x244C => p.inner_row_end = operand.first().is_some_and(|b| *b != 0),
            // sprmTDefTable: the row's cells, each with its merge flags.
            0xD608 => {
                p.merged = def_table_merges(operand);
                p.bounds = def_table_bounds(operand);
            }
            // sprmTVertMerge: one cell's vertical merge.
            0xD62B => {
                if let (Some(&itc), Some(&code)) = (operand.get(1), operand.get(2)) {
                    let itc = itc as usize;
                    if p.merged.len() <= itc {
                        p.merged.resize(itc + 1, false);
                    }
                    // Bit 0: merged with the cell above; bit 1: the first of the merged set.
                    p.merged[itc] = code & 0x01 != 0 && code & 0x02 == 0;
                }
            }
            _ => {}
        }
    }
    p
}

/// The sprms of a grpprl: (sprm, operand) each.
fn sprms(grpprl: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // sprmTDefTable (and its Word 6 form): a two-byte count, one more than the rest.
                0xD608 | 0xD606 => match u16_at(grpprl, at) {
                    Some(cb) => 2 + (cb as usize).saturating_sub(1),
                    None => break,
                },
                _ => match grpprl.get(at) {
                    Some(&cb) => 1 + cb as usize,
                    None => break,
                },
            },
        };
        let Some(operand) = grpprl.get(at..at + len) else {
            break;
        };
        out.push((sprm, operand));
        at += len;
    }
    out
}

/// sprmTDefTable's cell boundaries (rgdxaCenter).
fn def_table_bounds(operand: &[u8]) -> Vec<i16> {
    let Some(&n) = operand.get(2) else {
        return Vec::new();
    };
    (0..=n as usize)
        .map_while(|i| u16_at(operand, 3 + 2 * i).map(|v| v as i16))
        .collect()
}

/// sprmTDefTable's cells: which are merged into the cell above (vertical, not the first of its
/// set) or before (old horizontal merge, not the first).
fn def_table_merges(operand: &[u8]) -> Vec<bool> {
    let Some(&n) = operand.get(2) else {
        return Vec::new();
    };
    let n = n as usize;
    let tcs = 3 + 2 * (n + 1);
    (0..n)
        .map(|i| {
            let flags = u16_at(operand, tcs + 20 * i).unwrap_or(0);
            let horizontal = flags & 0x0002 != 0 && flags & 0x0001 == 0;
            let vertical = flags & 0x0020 != 0 && flags & 0x0040 == 0;
            horizontal || vertical
        })
        .collect()
}

/// A table being read, at one depth.
#[derive(Default)]
struct Open {
    /// The current row's cells so far.
    cells: Vec<String>,
    /// The current cell's text so far.
    text: String,
    /// Its rows so far.
    rows: usize,
    /// Its rows read, not yet placed: each cell's text and left boundary (the grid's columns
    /// are the boundaries of all its rows, known when it ends).
    pending: Vec<Vec<(String, Option<i16>)>>,
    /// A table holds another: its cells' text is read as paragraphs, and only the tables inside
    /// are grids (as the `.docx` reader does).
    holds_table: bool,
}

/// Rows as they are made: paragraphs and grid rows, numbered in reading order.
struct Out {
    rows: Rows,
    tables: usize,
    paragraphs: usize,
}

impl Out {
    /// A table's rows, placed on its grid: a cell's column is where its left boundary is among
    /// all the table's boundaries (a wide cell covers several, as `.docx`'s `gridSpan`).
    fn table(&mut self, rows: Vec<Vec<(String, Option<i16>)>>) {
        if rows.is_empty() {
            return;
        }
        let mut grid: Vec<i16> = rows
            .iter()
            .flatten()
            .filter_map(|(_, left)| *left)
            .collect();
        grid.sort_unstable();
        grid.dedup();
        self.tables += 1;
        for (r, cells) in rows.into_iter().enumerate() {
            let row: Vec<Cell> = cells
                .into_iter()
                .enumerate()
                .map(|(i, (text, left))| Cell {
                    text,
                    place: Place::Table {
                        table: self.tables,
                        row: r + 1,
                        col: left.and_then(|l| grid.binary_search(&l).ok()).unwrap_or(i) + 1,
                    },
                })
                .collect();
            if !row.is_empty() {
                self.rows.push(Row { cells: row });
            }
        }
    }

    /// A paragraph outside grids: its tab-separated parts as one row (a cell's lines, each).
    fn paragraph(&mut self, text: &str) {
        for line in text.split('\n') {
            let parts: Vec<&str> = line
                .split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            self.paragraphs += 1;
            if self.rows.full() {
                self.rows.count();
                continue;
            }
            let place = Place::Paragraph {
                paragraph: self.paragraphs,
            };
            self.rows.push(Row {
                cells: parts
                    .into_iter()
                    .map(|c| Cell {
                        text: c.to_string(),
                        place,
                    })
                    .collect(),
            });
        }
    }
}

/// A table the text left: its rows placed, what it read past its last row as paragraphs.
fn close(out: &mut Out, t: Open) {
    out.table(t.pending);
    if !t.text.trim().is_empty() {
        out.paragraph(&t.text);
    }
}

/// A cell's text as the `.docx` reader gives it: its paragraphs on their lines, tabs as
/// spaces, the whole trimmed.
fn cell_text(t: &str) -> String {
    t.replace('\t', " ").trim().to_string()
}

/// The rows of the text. A paragraph ends at a paragraph mark (0x0D) or, in a table, a cell
/// mark (0x07); its properties say whether it is in a table, how deep, and whether it ends a
/// cell or a row (a table's row ends with a further mark in a row-end paragraph).
fn build(chars: &[Char], papx: &Papx) -> Result<Document, DocError> {
    let mut out = Out {
        rows: Rows::default(),
        tables: 0,
        paragraphs: 0,
    };
    // The open tables, outermost first.
    let mut open: Vec<Open> = Vec::new();
    let mut text = String::new();
    // Field codes (0x13 … 0x14) are left out, their results (… 0x15) kept.
    let mut fields: Vec<bool> = Vec::new();
    for (k, ch) in chars.iter().enumerate() {
        // The per-file time budget (a damaged file must not hold the night).
        if k % 65_536 == 0 && crate::read::budget::exceeded() {
            return Err(DocError::TimeLimit);
        }
        match ch.c {
            '\u{13}' => {
                fields.push(true);
                continue;
            }
            '\u{14}' => {
                if let Some(code) = fields.last_mut() {
                    *code = false;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ if fields.last() == Some(&true) => continue,
            '\r' | '\u{7}' => {}
            '\u{b}' | '\u{c}' => {
                text.push('\n');
                continue;
            }
            '\u{1e}' => {
                text.push('-');
                continue;
            }
            '\u{1f}' | '\u{0}'..='\u{6}' | '\u{8}' => continue,
            c => {
                text.push(c);
                continue;
            }
        }
        // A paragraph ends here: at which depth, and does it end a cell or a row?
        let props = papx.at(ch.fc);
        // Tables nest a few deep; a damaged depth is held to that.
        let depth = if props.in_table {
            (props.depth as usize).clamp(1, MAX_NESTING)
        } else {
            0
        };
        let (cell_end, row_end) = match depth {
            0 => (false, false),
            1 => (
                ch.c == '\u{7}' && !props.row_end,
                ch.c == '\u{7}' && props.row_end,
            ),
            _ => (
                props.inner_cell && !props.inner_row_end,
                props.inner_row_end,
            ),
        };
        // Tables closed (the text left them) and opened (it went deeper).
        while open.len() > depth {
            if let Some(t) = open.pop() {
                close(&mut out, t);
            }
        }
        while open.len() < depth {
            if let Some(outer) = open.last_mut() {
                // A table inside a cell: the outer table is no grid; what it read so far is
                // paragraphs, before the inner table's rows.
                if !outer.holds_table {
                    outer.holds_table = true;
                    for c in std::mem::take(&mut outer.cells) {
                        out.paragraph(&c);
                    }
                }
                let so_far = std::mem::take(&mut outer.text);
                out.paragraph(&so_far);
            }
            open.push(Open::default());
        }
        let Some(table) = open.last_mut() else {
            let line = std::mem::take(&mut text);
            out.paragraph(&line);
            continue;
        };
        let para = std::mem::take(&mut text);
        if !table.text.is_empty() {
            table.text.push('\n');
        }
        table.text.push_str(&para);
        if row_end {
            table.rows += 1;
            let cells = std::mem::take(&mut table.cells);
            table.text.clear();
            if table.holds_table {
                continue;
            }
            let row: Vec<(String, Option<i16>)> = cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !props.merged.get(*i).copied().unwrap_or(false))
                .map(|(i, t)| (t, props.bounds.get(i).copied()))
                .collect();
            table.pending.push(row);
        } else if cell_end {
            let t = cell_text(&std::mem::take(&mut table.text));
            if table.holds_table {
                out.paragraph(&t);
            } else {
                table.cells.push(t);
            }
        }
    }
    for t in open.into_iter().rev() {
        close(&mut out, t);
    }
    if !text.trim().is_empty() {
        out.paragraph(&text);
    }
    Ok(out.rows.into_document(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_are_walked_by_their_operand_sizes() {
        // sprmPFInTable 1, sprmPItap 1, sprmPFTtp 1, then a variable one (size 2).
        let grpprl = [
            0x16, 0x24, 1, 0x49, 0x66, 1, 0, 0, 0, 0x17, 0x24, 1, 0x2B, 0xD6, 2, 3, 1,
        ];
        let s = sprms(&grpprl);
        let codes: Vec<u16> = s.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, [0x2416, 0x6649, 0x2417, 0xD62B]);
        assert_eq!(s[3].1, [2, 3, 1]);
        // Cut short: what is whole is read, and no more.
        assert_eq!(sprms(&grpprl[..10]).len(), 2);
    }

    /// A real `.doc` (LibreOffice's) with its `WordDocument` stream changed by `edit`.
    fn edited(edit: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/doc/libreoffice_hzs_xingzhengshenpi.doc"
        );
        let bytes = std::fs::read(path).expect("the fixture");
        let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).expect("OLE");
        let mut word = read_stream(&mut cf, "/WordDocument").expect("stream");
        edit(&mut word);
        {
            use std::io::Write;
            let mut s = cf.create_stream("/WordDocument").expect("stream");
            s.write_all(&word).expect("written");
        }
        cf.flush().expect("flushed");
        cf.into_inner().into_inner()
    }

    #[test]
    fn encrypted_fast_saved_and_other_ole_files_say_what_to_send() {
        let doc = extract(&edited(|_| {})).expect("reads as it is");
        assert!(doc
            .rows
            .iter()
            .any(|r| r.texts()[0] == "一、本年新收政府信息公开申请数量"));
        assert_eq!(
            extract(&edited(|w| w[0x0B] |= 0x01)),
            Err(DocError::Encrypted)
        );
        assert_eq!(
            extract(&edited(|w| w[0x0A] |= 0x04)),
            Err(DocError::FastSaved)
        );
        assert!(matches!(
            extract(&edited(|w| w.truncate(40))),
            Err(DocError::Damaged(_))
        ));
        // The piece table pointed past its stream: damaged, not a panic.
        assert!(matches!(
            extract(&edited(
                |w| w[0x1A2..0x1A6].copy_from_slice(&u32::MAX.to_le_bytes())
            )),
            Err(DocError::Damaged(_))
        ));
        // An OLE file without a Word document (an old WPS file, say).
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("OLE");
        cf.create_stream("/WpsContent").expect("stream");
        cf.flush().expect("flushed");
        let wps = cf.into_inner().into_inner();
        assert_eq!(extract(&wps), Err(DocError::NotWord));
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        assert!(matches!(extract(b"not ole"), Err(DocError::NotOle(_))));
        let (zh, en) = DocError::NotWord.messages();
        assert!(zh.contains("请另存为 .docx"), "{zh}");
        assert!(en.contains("save it as .docx"), "{en}");
    }
}
