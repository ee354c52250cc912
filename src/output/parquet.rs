//! `units.parquet`: the rows of `units.csv` with types: counts as `Int64`, amounts (which may
//! carry decimals) as exact decimal strings.

use super::{Export, OutputError, RunRecord};
use crate::template::cell_keys;
use crate::template::keys::{T2_2019, T2_2021};
use crate::value::FieldKind;
use polars::prelude::{Column, DataFrame, ParquetWriter, StatisticsOptions};

pub struct UnitsParquet;

/// A cell written as exact decimal text (an amount), not as an integer.
pub fn is_amount(key: &str) -> bool {
    T2_2021
        .iter()
        .chain(T2_2019.iter())
        .any(|f| f.key == key && matches!(f.kind, FieldKind::Money10kYuan | FieldKind::Amount))
}

impl Export for UnitsParquet {
    fn file_name(&self) -> &'static str {
        "units.parquet"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        let mut out = Remembering { out, failed: None };
        let result = self.write_to(run, &mut out);
        // The Parquet writer words a failed write as its own ("Invalid thrift: transport
        // error"): the file system's own error (a full disk) is what the office must read.
        match (result, out.failed) {
            (Err(_), Some(e)) => Err(OutputError::Io(e)),
            (result, _) => result,
        }
    }
}

/// A writer that keeps the first error the file system gave.
struct Remembering<'a> {
    out: &'a mut dyn std::io::Write,
    failed: Option<std::io::Error>,
}

impl std::io::Write for Remembering<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).inspect_err(|e| self.note(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().inspect_err(|e| self.note(e))
    }
}

impl Remembering<'_> {
    fn note(&mut self, e: &std::io::Error) {
        if self.failed.is_none() {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
    }
}

impl UnitsParquet {
    fn write_to(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        let err = |e: polars::prelude::PolarsError| OutputError::Render {
            name: "units.parquet",
            message: e.to_string(),
        };
        let r = run.rollup;
        let n = r.units.len();
        // In row groups of a fixed size, whatever the number of units: memory stays flat and
        // the same units give the same bytes.
        let mut writer = None;
        let mut start = 0;
        while start < n || (n == 0 && writer.is_none()) {
            let end = (start + ROW_GROUP).min(n);
            let mut df = batch(r, run.findings, start, end)?;
            df.rechunk_mut();
            if writer.is_none() {
                writer = Some(
                    ParquetWriter::new(&mut *out)
                        .with_statistics(statistics())
                        .batched(df.schema())
                        .map_err(err)?,
                );
            }
            if let Some(w) = writer.as_mut() {
                w.write_batch(&df).map_err(err)?;
            }
            start = end;
            if n == 0 {
                break;
            }
        }
        if let Some(w) = writer {
            w.finish().map_err(err)?;
        }
        Ok(())
    }
}

/// Min/max statistics as usual, but text ones cut short: the writer keeps every page's
/// statistics until the file ends, and whole paths and findings there would make its memory
/// grow with the number of units (180 MB at 216,000).
fn statistics() -> StatisticsOptions {
    StatisticsOptions {
        binary_statistics_truncate_length: Some(64),
        ..StatisticsOptions::default()
    }
}

/// Units per row group of `units.parquet`.
const ROW_GROUP: usize = 8192;

/// The rows `start..end` of `units.parquet`.
fn batch(
    r: &crate::aggregate::Rollup,
    findings: &crate::ledger::Findings,
    start: usize,
    end: usize,
) -> Result<DataFrame, OutputError> {
    let err = |e: polars::prelude::PolarsError| OutputError::Render {
        name: "units.parquet",
        message: e.to_string(),
    };
    let units = &r.units[start..end];
    let text = |name: &str, v: Vec<Option<String>>| Column::new(name.into(), v);
    let mut columns = vec![
        text(
            "source",
            units.iter().map(|u| Some(u.source.clone())).collect(),
        ),
        text("unit", units.iter().map(|u| Some(u.unit.clone())).collect()),
        Column::new(
            "year".into(),
            units.iter().map(|u| u.year).collect::<Vec<Option<i32>>>(),
        ),
        text(
            "template",
            units
                .iter()
                .map(|u| u.template.map(|t| t.name().to_string()))
                .collect(),
        ),
        text(
            "status",
            units
                .iter()
                .map(|u| Some(u.status.name().to_string()))
                .collect(),
        ),
        Column::new(
            "included".into(),
            units.iter().map(|u| u.summed()).collect::<Vec<bool>>(),
        ),
        text(
            "roster_unit",
            units
                .iter()
                .map(|u| r.roster_name(u).map(String::from))
                .collect(),
        ),
    ];
    // Column by column, filled row by row: each unit's cells are unpacked once, and nothing
    // wider than the columns themselves is held.
    enum Builder {
        Amount(Vec<Option<String>>),
        Count(Vec<Option<i64>>),
    }
    let mut builders: Vec<Builder> = cell_keys()
        .iter()
        .map(|key| {
            if is_amount(key) {
                Builder::Amount(Vec::with_capacity(units.len()))
            } else {
                Builder::Count(Vec::with_capacity(units.len()))
            }
        })
        .collect();
    for u in units {
        for (b, v) in builders.iter_mut().zip(u.cells.numbers()) {
            match b {
                Builder::Amount(col) => col.push(v.map(|d| d.to_string())),
                Builder::Count(col) => col.push(
                    v.and_then(|d| d.as_int())
                        .and_then(|i| i64::try_from(i).ok()),
                ),
            }
        }
    }
    for (key, b) in cell_keys().iter().zip(builders) {
        columns.push(match b {
            Builder::Amount(col) => text(key, col),
            Builder::Count(col) => Column::new(key.as_str().into(), col),
        });
    }
    // The publication date, as `units.csv` has it.
    columns.push(text(
        PUBLISHED_COLUMNS[0],
        units
            .iter()
            .map(|u| u.published.map(|p| p.on.to_string()))
            .collect(),
    ));
    columns.push(text(
        PUBLISHED_COLUMNS[1],
        units
            .iter()
            .map(|u| u.published.map(|p| p.source.name().to_string()))
            .collect(),
    ));
    // The rest of each record, so that `merge` can roll these units up again without their
    // files: exactly what a run over the files would have.
    columns.push(Column::new(
        RECORD_COLUMNS[0].into(),
        units.iter().map(|u| u.size as i64).collect::<Vec<i64>>(),
    ));
    columns.push(text(
        RECORD_COLUMNS[1],
        units
            .iter()
            .map(|u| Some(crate::input::digest::sha_text(u.sha256)))
            .collect(),
    ));
    columns.push(Column::new(
        RECORD_COLUMNS[2].into(),
        units
            .iter()
            .map(|u| crate::input::record::nanos(u.modified))
            .collect::<Vec<Option<i64>>>(),
    ));
    columns.push(text(
        RECORD_COLUMNS[3],
        units
            .iter()
            .map(|u| u.format.map(|f| f.name().to_string()))
            .collect(),
    ));
    columns.push(text(
        RECORD_COLUMNS[4],
        units.iter().map(|u| u.encoding.map(String::from)).collect(),
    ));
    columns.push(Column::new(
        RECORD_COLUMNS[5].into(),
        units.iter().map(|u| u.two_reports).collect::<Vec<bool>>(),
    ));
    columns.push(text(
        RECORD_COLUMNS[6],
        units
            .iter()
            .map(|u| Some(crate::input::digest::hex(u.cells.as_bytes())))
            .collect(),
    ));
    let findings = units
        .iter()
        .map(|u| {
            findings
                .stored_raw(u.findings)
                .map(|b| Some(String::from_utf8_lossy(&b).into_owned()))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(OutputError::Spill)?;
    columns.push(text(RECORD_COLUMNS[7], findings));
    columns.push(text(
        PROSE_COLUMN,
        units
            .iter()
            .map(|u| u.prose.as_ref().map(|p| p.to_hex()))
            .collect(),
    ));
    DataFrame::new(units.len(), columns).map_err(err)
}

/// The prose fingerprint (for `merge` with `--previous`); a file written before it has none.
pub const PROSE_COLUMN: &str = "prose_print";

/// The publication date's columns (`units.csv`'s too); a file written before them has none.
pub const PUBLISHED_COLUMNS: [&str; 2] = ["published_on", "published_on_source"];

/// The columns after the cells that carry the rest of a record (for `merge`).
pub const RECORD_COLUMNS: [&str; 8] = [
    "size",
    "sha256",
    "modified_ns",
    "format",
    "encoding",
    "two_reports",
    "cells_packed",
    "findings_json",
];
