//! The compact record of one report: what the roll-up, the outputs, the cache and `merge` need
//! of a file once it has been read and checked. The document (its text, places, prose) is
//! dropped as soon as the record is made; a record is a few hundred bytes, so a province's
//! year fits in memory. Its findings live in a [`FindingSpill`] on disk until an output needs them.

use crate::finding::{Check, Finding};
use crate::input::digest::Sha256Sum;
use crate::input::load::{Loaded, Status};
use crate::read::extract::Format;
use crate::template::{cell_refs, Report};
use crate::value::{CellValue, Decimal};
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;
use std::time::SystemTime;

/// Every cell of a report in [`cell_refs`] order, packed: one tag byte per cell (absent,
/// blank, placeholder, invalid, a whole number from 0 to 127 in the tag itself, or a number's
/// scale followed by its mantissa as a zig-zag varint). Most cells of a report are small whole
/// numbers or absent, so a record's cells take about one byte each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cells(Box<[u8]>);

const ABSENT: u8 = 0;
const BLANK: u8 = 1;
const PLACEHOLDER: u8 = 2;
const INVALID: u8 = 3;
/// `NUMBER + scale` (scales up to [`crate::value::MAX_SCALE`], far below `SMALL`).
const NUMBER: u8 = 4;
/// `SMALL + n`: the whole number `n`, 0 to 127.
const SMALL: u8 = 128;

impl Cells {
    /// No report: every cell absent.
    pub fn absent() -> Cells {
        Cells(vec![ABSENT; cell_refs().len()].into_boxed_slice())
    }

    pub fn from_values(values: impl IntoIterator<Item = CellValue>) -> Cells {
        let mut out = Vec::with_capacity(300);
        for v in values {
            match v {
                CellValue::Absent => out.push(ABSENT),
                CellValue::Blank => out.push(BLANK),
                CellValue::Placeholder => out.push(PLACEHOLDER),
                CellValue::Invalid => out.push(INVALID),
                CellValue::Number(d) => match u8::try_from(d.mantissa()) {
                    Ok(n) if d.scale() == 0 && n < SMALL => out.push(SMALL + n),
                    // Scales are small (a report prints a few decimals); larger is invalid.
                    _ => match NUMBER.checked_add(d.scale()).filter(|t| *t < SMALL) {
                        Some(tag) => {
                            out.push(tag);
                            put_varint(&mut out, zigzag(d.mantissa()));
                        }
                        None => out.push(INVALID),
                    },
                },
            }
        }
        Cells(out.into_boxed_slice())
    }

    pub fn of_report(report: &Report) -> Cells {
        Cells::from_values(
            report
                .cells()
                .map(|(_, e)| e.map_or(CellValue::Absent, |e| e.value.clone())),
        )
    }

    /// The values in [`cell_refs`] order.
    pub fn values(&self) -> CellIter<'_> {
        CellIter { bytes: &self.0 }
    }

    /// The printed numbers in [`cell_refs`] order (`None` for anything else).
    pub fn numbers(&self) -> impl Iterator<Item = Option<Decimal>> + '_ {
        self.values().map(|v| v.number())
    }

    /// The packed bytes (for the cache).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Cells from packed bytes, checked: `None` unless they decode to exactly one value per cell.
    pub fn from_bytes(bytes: &[u8]) -> Option<Cells> {
        let mut it = CellIter { bytes };
        let mut n = 0;
        while !it.bytes.is_empty() {
            it.next_checked()?;
            n += 1;
        }
        (n == cell_refs().len()).then(|| Cells(bytes.into()))
    }
}

/// Decodes [`Cells`].
pub struct CellIter<'a> {
    bytes: &'a [u8],
}

impl CellIter<'_> {
    fn next_checked(&mut self) -> Option<CellValue> {
        let (&tag, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(match tag {
            ABSENT => CellValue::Absent,
            BLANK => CellValue::Blank,
            PLACEHOLDER => CellValue::Placeholder,
            INVALID => CellValue::Invalid,
            t if t >= SMALL => CellValue::Number(Decimal::new(i128::from(t - SMALL), 0)),
            t => {
                let (v, used) = get_varint(self.bytes)?;
                self.bytes = &self.bytes[used..];
                CellValue::Number(Decimal::new(unzigzag(v), t - NUMBER))
            }
        })
    }
}

impl Iterator for CellIter<'_> {
    type Item = CellValue;
    fn next(&mut self) -> Option<CellValue> {
        self.next_checked()
    }
}

fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

fn unzigzag(v: u128) -> i128 {
    ((v >> 1) as i128) ^ -((v & 1) as i128)
}

fn put_varint(out: &mut Vec<u8>, mut v: u128) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8]) -> Option<(u128, usize)> {
    let mut v: u128 = 0;
    for (i, b) in bytes.iter().enumerate().take(19) {
        v |= u128::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// One report file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub source: String,
    pub size: u64,
    /// `None` when the file could not be read.
    pub sha256: Option<Sha256Sum>,
    pub modified: Option<SystemTime>,
    /// The file's change time, device and inode when it was read (for the cache's index).
    pub stamp: crate::input::load::Stamp,
    pub format: Option<Format>,
    pub encoding: Option<&'static str>,
    pub status: Status,
    /// The unit's name as read (simplified script); the file name when none was read.
    pub unit: String,
    pub year: Option<i32>,
    /// `2021`, `2019` or `mixed`.
    pub template: Option<crate::template::TemplateUsed>,
    /// The file holds two different reports (TWO_REPORTS): never summed.
    pub two_reports: bool,
    pub cells: Cells,
    /// Its own findings (from reading and checking it): errors, warnings, infos.
    pub counts: crate::finding::Counts,
    /// Some of its cells are blank where the template wants a number (BLANK_CELLS).
    pub blank_celled: bool,
    /// The day the page says it was published.
    pub published: Option<crate::template::dated::Published>,
    /// The fingerprint of its parts 一 and 五 (to tell them copied from last year's).
    pub prose: Option<crate::template::likeness::ProsePrint>,
    /// Where its findings are in the run's spill.
    pub findings: Stored,
}

/// A unit's findings in the spill: byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stored {
    pub offset: u64,
    pub len: u32,
}

impl Record {
    /// The record of a loaded file, and its findings (sorted) to store.
    pub fn of_loaded(loaded: Loaded) -> (Record, Vec<Finding>) {
        let report = loaded.report.as_ref();
        let mut findings = loaded.findings;
        findings.sort_by(|a, b| a.order(b));
        let record = Record {
            unit: report.map_or(String::new(), |r| r.unit.clone()),
            year: report.and_then(|r| r.year),
            template: report.and_then(Report::template_used),
            two_reports: report.is_some_and(Report::holds_two_reports),
            cells: report.map_or_else(Cells::absent, Cells::of_report),
            counts: crate::finding::Counts::of(&findings),
            blank_celled: findings.iter().any(|f| f.check == Check::BlankCells),
            published: report.and_then(|r| r.published),
            prose: report.and_then(|r| {
                crate::template::likeness::ProsePrint::of(
                    r.sections.overview.as_deref(),
                    r.sections.improvement.as_deref(),
                )
            }),
            source: loaded.source,
            size: loaded.size,
            sha256: loaded.sha256,
            modified: loaded.modified,
            stamp: loaded.stamp,
            format: loaded.format,
            encoding: loaded.encoding,
            status: loaded.status,
            findings: Stored::default(),
        };
        (record, findings)
    }

    /// The printed number of a cell.
    pub fn number_of(&self, cell: crate::template::CellRef) -> Option<Decimal> {
        self.number(&cell.key())
    }

    /// The printed number of the cell with this key.
    pub fn number(&self, key: &str) -> Option<Decimal> {
        let i = crate::template::cell_index(key)?;
        self.cells.values().nth(i).and_then(|v| v.number())
    }
}

/// A time as nanoseconds since 1970 (what `units.parquet` keeps of a file's modification).
pub fn nanos(t: Option<SystemTime>) -> Option<i64> {
    let d = t?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    i64::try_from(d.as_nanos()).ok()
}

/// The time [`nanos`] gave.
pub fn from_nanos(n: Option<i64>) -> Option<SystemTime> {
    let n = u64::try_from(n?).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(std::time::Duration::from_nanos(n))
}

/// The findings of every record, on disk (an unnamed temporary file beside the outputs), read
/// back unit by unit when an output lists them. Memory holds only each unit's byte range.
pub struct FindingSpill {
    file: Mutex<std::fs::File>,
    len: u64,
}

impl FindingSpill {
    /// A spill in `dir` (deleted by the system when the run ends, however it ends).
    pub fn new_in(dir: &std::path::Path) -> std::io::Result<FindingSpill> {
        Ok(FindingSpill {
            file: Mutex::new(tempfile::tempfile_in(dir)?),
            len: 0,
        })
    }

    /// Store a unit's findings; where they are.
    pub fn put(&mut self, findings: &[Finding]) -> std::io::Result<Stored> {
        if findings.is_empty() {
            return Ok(Stored::default());
        }
        let bytes = serde_json::to_vec(findings).map_err(std::io::Error::other)?;
        let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
        let offset = self.len;
        let mut f = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("spill lock"))?;
        f.seek(SeekFrom::Start(offset))?;
        f.write_all(&bytes)?;
        self.len += u64::from(len);
        Ok(Stored { offset, len })
    }

    /// A unit's findings, as stored.
    pub fn get(&self, at: Stored) -> std::io::Result<Vec<Finding>> {
        if at.len == 0 {
            return Ok(Vec::new());
        }
        serde_json::from_slice(&self.get_raw(at)?).map_err(std::io::Error::other)
    }

    /// A unit's findings as stored: a JSON array, or nothing when it has none.
    pub fn get_raw(&self, at: Stored) -> std::io::Result<Vec<u8>> {
        let mut bytes = vec![0u8; at.len as usize];
        if at.len > 0 {
            let mut f = self
                .file
                .lock()
                .map_err(|_| std::io::Error::other("spill lock"))?;
            f.seek(SeekFrom::Start(at.offset))?;
            f.read_exact(&mut bytes)?;
        }
        Ok(bytes)
    }
}

/// A record made in a test: a readable 2021 report of `unit` for `year`, printing `numbers`
/// (key, whole number) and nothing else.
#[cfg(test)]
pub(crate) fn sample(source: &str, unit: &str, year: i32, numbers: &[(&str, i128)]) -> Record {
    let index: Vec<(usize, i128)> = numbers
        .iter()
        .map(|(k, n)| (crate::template::cell_index(k).expect("a cell key"), *n))
        .collect();
    let cells = Cells::from_values((0..cell_refs().len()).map(|i| {
        index
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(CellValue::Absent, |(_, n)| {
                CellValue::Number(Decimal::new(*n, 0))
            })
    }));
    Record {
        source: source.to_string(),
        size: 10,
        sha256: Some(Sha256Sum::of(source.as_bytes())),
        modified: None,
        stamp: Default::default(),
        format: Some(Format::Text),
        encoding: Some("UTF-8"),
        status: Status::Ok,
        unit: unit.to_string(),
        year: Some(year),
        template: Some(crate::template::TemplateUsed::One(
            crate::template::Template::T2021,
        )),
        two_reports: false,
        cells,
        counts: Default::default(),
        blank_celled: false,
        published: None,
        prose: None,
        findings: Stored::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_pack_and_unpack_every_state_exactly() {
        let n = cell_refs().len();
        let mut values = vec![CellValue::Absent; n];
        values[0] = CellValue::Number(Decimal::new(0, 0));
        values[1] = CellValue::Number(Decimal::new(-12_345_678_901_234_567_890, 3));
        values[2] = CellValue::Blank;
        values[3] = CellValue::Placeholder;
        values[4] = CellValue::Invalid;
        values[5] = CellValue::Number(Decimal::new(i128::MAX, 0));
        values[6] = CellValue::Number(Decimal::new(i128::MIN, 2));
        values[7] = CellValue::Number(Decimal::new(425, 2));
        values[8] = CellValue::Number(Decimal::new(127, 0));
        values[9] = CellValue::Number(Decimal::new(128, 0));
        values[10] = CellValue::Number(Decimal::new(-1, 0));
        values[11] = CellValue::Number(Decimal::new(5, 1));
        let cells = Cells::from_values(values.clone());
        assert_eq!(cells.values().collect::<Vec<_>>(), values);
        assert_eq!(Cells::from_bytes(cells.as_bytes()), Some(cells.clone()));
        // A cut or a short record is refused, never read as other numbers.
        assert_eq!(
            Cells::from_bytes(&cells.as_bytes()[..cells.as_bytes().len() - 1]),
            None
        );
        assert_eq!(Cells::from_bytes(&cells.as_bytes()[..20]), None);
        assert!(cells.as_bytes().len() < n + 60);
        // Absent cells and whole numbers below 128 take one byte each.
        let small = Cells::from_values(
            (0..n).map(|i| CellValue::Number(Decimal::new((i % 128) as i128, 0))),
        );
        assert_eq!(small.as_bytes().len(), n);
        assert_eq!(
            small.values().nth(127),
            Some(CellValue::Number(Decimal::new(127, 0)))
        );
    }
}
