//! `merge`: read the records of earlier runs back from their `units.parquet` (one run's file
//! at a time, so memory holds one district's columns and every record, never all columns of
//! all runs), in the order one run over all their reports would have read them.
//!
//! A record is taken whole from its packed columns (`cells_packed`, `findings_json` …) and
//! checked against the file's readable cell columns: a `units.parquet` edited by hand, damaged,
//! or written by a version without these columns stops the merge — it never sums other numbers
//! than the units printed.

use super::run::{publish, roll_up_guarded, Done};
use super::Error;
use crate::cli::Config;
use crate::finding::{Check, Finding};
use crate::input::digest::{unhex, Sha256Sum};
use crate::input::load::Status;
use crate::input::record::{from_nanos, Cells, FindingSpill, Record, Stored};
use crate::ledger::Ledger;
use crate::output::parquet::{PROSE_COLUMN, PUBLISHED_COLUMNS, RECORD_COLUMNS};
use crate::output::set::OutSet;
use crate::read::decode::encoding_name;
use crate::read::extract::Format;
use crate::template::cell_keys;
use polars::prelude::{DataFrame, ParallelStrategy, ParquetReader, SerReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `merge`: the units of many runs (their `units.parquet`) rolled up again under `--roster`,
/// without reading any report: the same outputs as one run over all their reports.
pub fn run(config: Config, dirs: &[std::path::PathBuf]) -> Result<ExitCode, Error> {
    let started = crate::util::timefmt::now();
    let set = OutSet::new(&config.out);
    let lock = set.lock()?;
    set.remove_leftovers();
    set.check_owned()?;
    let notes: Vec<String> = lock.takeover_note().into_iter().collect();
    let merged = crate::cmd::merge::read(dirs, set.parent())?;
    if merged.units.is_empty() {
        return Err(Error::NoReports(crate::finding::note(
            format!(
                "{}中没有任何单位；输出未改动",
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "the runs to merge hold no unit; no output was changed",
        )));
    }
    let mut notes = notes;
    let mut ledger = Ledger::new(merged.spill, merged.findings);
    let r = roll_up_guarded(&config, &set, merged.units, &mut ledger, &mut notes)?;
    let passed_over = crate::input::discover::PassedOver::default();
    let done = Done {
        set: &set,
        started,
        notes,
        passed_over: &passed_over,
        cache: None,
        cache_counts: None,
        yoy: None,
    };
    let code = publish(&config, &r, ledger, done)?;
    drop(lock);
    Ok(code)
}

/// Why a merge cannot be done (exit 2; no output changed).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("无法读取 {path}：{message} / cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{path} 不是本工具此版本写的 units.parquet（缺少列 {column}）；请用此版本重新汇总该区 / {path} is not a units.parquet of this version of the tool (no column {column}): roll that district up again with this version")]
    Foreign { path: PathBuf, column: String },
    #[error("{path} 第 {row} 行（{source_file}）的记录已损坏或被改动（{what}）；请重新汇总该区 / {path} row {row} ({source_file}): the record is damaged or was edited ({what}); roll that district up again")]
    Damaged {
        path: PathBuf,
        row: usize,
        source_file: String,
        what: String,
    },
    #[error("cannot keep the findings in a temporary file: {0}")]
    Spill(std::io::Error),
}

/// The records of all runs, sorted as discovery sorts paths.
pub struct Merged {
    pub units: Vec<Record>,
    pub spill: FindingSpill,
    /// What the merge itself has to say (a report found in two runs).
    pub findings: Vec<Finding>,
}

/// Read the `units.parquet` of each of `dirs`.
pub fn read(dirs: &[PathBuf], spill_dir: &Path) -> Result<Merged, MergeError> {
    let mut spill = FindingSpill::new_in(spill_dir).map_err(MergeError::Spill)?;
    let mut units: Vec<Record> = Vec::new();
    for dir in dirs {
        let path = dir.join("units.parquet");
        // A damaged file can reach a panic in the Parquet reader (or in ours): it is this
        // file's error, never the end of the process.
        let read = crate::util::caught::caught(|| {
            let df = std::fs::File::open(&path)
                .map_err(|e| e.to_string())
                .and_then(|f| {
                    // Read on this thread, where a panic is caught quietly (a district's file
                    // is small; the merge reads one at a time).
                    ParquetReader::new(f)
                        .read_parallel(ParallelStrategy::None)
                        .finish()
                        .map_err(|e| e.to_string())
                })
                .map_err(|message| MergeError::Read {
                    path: path.clone(),
                    message,
                })?;
            records_of(&df, &path, &mut spill, &mut units)
        });
        match read {
            Ok(result) => result?,
            Err(panic) => {
                return Err(MergeError::Read {
                    path,
                    message: format!("文件已损坏，读取时出错 / the file is damaged: {panic}"),
                })
            }
        }
    }
    // The order of one run over all the reports: by path.
    units.sort_by(|a, b| {
        Path::new(&a.source)
            .as_os_str()
            .cmp(Path::new(&b.source).as_os_str())
    });
    // The same file in two runs is one report (as one run over both folders reads it once).
    units.dedup_by(|b, a| a.source == b.source);
    Ok(Merged {
        units,
        spill,
        findings: Vec::new(),
    })
}

fn records_of(
    df: &DataFrame,
    path: &Path,
    spill: &mut FindingSpill,
    out: &mut Vec<Record>,
) -> Result<(), MergeError> {
    let foreign = |column: &str| MergeError::Foreign {
        path: path.to_path_buf(),
        column: column.to_string(),
    };
    let text = |name: &str| -> Result<Vec<Option<String>>, MergeError> {
        let c = df.column(name).map_err(|_| foreign(name))?;
        let s = c.str().map_err(|_| foreign(name))?;
        Ok(s.iter().map(|v| v.map(String::from)).collect())
    };
    let ints = |name: &str| -> Result<Vec<Option<i64>>, MergeError> {
        let c = df.column(name).map_err(|_| foreign(name))?;
        let s = c.i64().map_err(|_| foreign(name))?;
        Ok(s.iter().collect())
    };
    let sources = text("source")?;
    let units = text("unit")?;
    let years: Vec<Option<i32>> = {
        let c = df.column("year").map_err(|_| foreign("year"))?;
        c.i32().map_err(|_| foreign("year"))?.iter().collect()
    };
    let templates = text("template")?;
    let statuses = text("status")?;
    let sizes = ints(RECORD_COLUMNS[0])?;
    let shas = text(RECORD_COLUMNS[1])?;
    let modified = ints(RECORD_COLUMNS[2])?;
    let formats = text(RECORD_COLUMNS[3])?;
    let encodings = text(RECORD_COLUMNS[4])?;
    let two: Vec<Option<bool>> = {
        let c = df
            .column(RECORD_COLUMNS[5])
            .map_err(|_| foreign(RECORD_COLUMNS[5]))?;
        c.bool()
            .map_err(|_| foreign(RECORD_COLUMNS[5]))?
            .iter()
            .collect()
    };
    // Written since the publication date was read: absent in an older file (no dates).
    let optional = |name: &str| -> Result<Vec<Option<String>>, MergeError> {
        match df.column(name) {
            Err(_) => Ok(vec![None; df.height()]),
            Ok(_) => text(name),
        }
    };
    let published_on = optional(PUBLISHED_COLUMNS[0])?;
    let published_source = optional(PUBLISHED_COLUMNS[1])?;
    let prose = optional(PROSE_COLUMN)?;
    let packed = text(RECORD_COLUMNS[6])?;
    let findings = text(RECORD_COLUMNS[7])?;
    // The readable cell columns, as text, to check the packed cells against.
    let mut shown: Vec<Vec<Option<String>>> = Vec::with_capacity(cell_keys().len());
    for key in cell_keys() {
        let c = df.column(key).map_err(|_| foreign(key))?;
        let col: Vec<Option<String>> = match c.str() {
            Ok(s) => s.iter().map(|v| v.map(String::from)).collect(),
            Err(_) => c
                .i64()
                .map_err(|_| foreign(key))?
                .iter()
                .map(|v| v.map(|i| i.to_string()))
                .collect(),
        };
        shown.push(col);
    }
    // Every column as long as the frame: a row is never looked up past a column's end.
    let height = df.height();
    let lengths = [
        sources.len(),
        units.len(),
        years.len(),
        templates.len(),
        statuses.len(),
        sizes.len(),
        shas.len(),
        modified.len(),
        formats.len(),
        encodings.len(),
        two.len(),
        packed.len(),
        findings.len(),
    ];
    let short = lengths
        .into_iter()
        .chain(shown.iter().map(Vec::len))
        .any(|n| n != height);
    if short {
        return Err(MergeError::Damaged {
            path: path.to_path_buf(),
            row: 0,
            source_file: String::new(),
            what: "column lengths".into(),
        });
    }
    let amounts: Vec<bool> = cell_keys()
        .iter()
        .map(|k| crate::output::parquet::is_amount(k))
        .collect();
    for row in 0..df.height() {
        let source = sources[row].clone().unwrap_or_default();
        let damaged = |what: &str| MergeError::Damaged {
            path: path.to_path_buf(),
            row: row + 1,
            source_file: source.clone(),
            what: what.to_string(),
        };
        let cells = packed[row]
            .as_deref()
            .and_then(unhex)
            .and_then(|b| Cells::from_bytes(&b))
            .ok_or_else(|| damaged("cells_packed"))?;
        for (k, number) in cells.numbers().enumerate() {
            // As the writer put it: amounts as exact text, counts as integers.
            let readable = if amounts[k] {
                number.map(|d| d.to_string())
            } else {
                number
                    .and_then(|d| d.as_int())
                    .and_then(|i| i64::try_from(i).ok())
                    .map(|i| i.to_string())
            };
            if shown.get(k).and_then(|c| c.get(row)) != Some(&readable) {
                return Err(damaged(&cell_keys()[k]));
            }
        }
        let own: Vec<Finding> = match findings[row].as_deref() {
            None | Some("") => Vec::new(),
            // Findings of the version before this one said their words, not their facts: that
            // run is rolled up again, as any of another version.
            Some(json) if json.contains("\"message\":") && !json.contains("\"said\":") => {
                return Err(MergeError::Foreign {
                    path: path.to_path_buf(),
                    column: "findings_json.said".into(),
                })
            }
            Some(json) => serde_json::from_str(json).map_err(|_| damaged("findings_json"))?,
        };
        if own.iter().any(|f| f.source != source) {
            return Err(damaged("findings_json"));
        }
        let template = match templates[row].as_deref() {
            None => None,
            Some(name) => Some(
                crate::template::TemplateUsed::from_name(name)
                    .ok_or_else(|| damaged("template"))?,
            ),
        };
        let format = match formats[row].as_deref() {
            None => None,
            Some(f) => Some(Format::from_name(f).ok_or_else(|| damaged("format"))?),
        };
        let status = statuses[row]
            .as_deref()
            .and_then(Status::from_name)
            .ok_or_else(|| damaged("status"))?;
        let mut record = Record {
            source: source.clone(),
            size: sizes[row]
                .and_then(|s| u64::try_from(s).ok())
                .ok_or_else(|| damaged("size"))?,
            sha256: match shas[row].as_deref() {
                None | Some("") => None,
                Some(s) => Some(Sha256Sum::from_hex(s).ok_or_else(|| damaged("sha256"))?),
            },
            modified: from_nanos(modified[row]),
            stamp: Default::default(),
            format,
            encoding: match encodings[row].as_deref() {
                None => None,
                Some(e) => Some(encoding_name(e).ok_or_else(|| damaged("encoding"))?),
            },
            status,
            unit: units[row].clone().unwrap_or_default(),
            year: years[row],
            template,
            two_reports: two[row].unwrap_or(false),
            cells,
            counts: crate::finding::Counts::of(&own),
            blank_celled: own.iter().any(|f| f.check == Check::BlankCells),
            published: crate::input::cache::published_of(
                published_on[row].as_deref(),
                published_source[row].as_deref(),
            )
            .ok_or_else(|| damaged("published_on"))?,
            prose: match prose[row].as_deref() {
                None | Some("") => None,
                Some(h) => Some(
                    crate::template::likeness::ProsePrint::from_hex(h)
                        .ok_or_else(|| damaged(PROSE_COLUMN))?,
                ),
            },
            findings: Stored::default(),
        };
        record.findings = spill.put(&own).map_err(MergeError::Spill)?;
        out.push(record);
    }
    Ok(())
}
