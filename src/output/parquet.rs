//! `units.parquet`: the rows of `units.csv` with types: counts as `Int64`, amounts (which may
//! carry decimals) as exact decimal strings.

use super::{Export, OutputError, RunRecord};
use crate::template::cell_keys;
use crate::template::keys::{T2_2019, T2_2021};
use crate::value::FieldKind;
use polars::prelude::{Column, DataFrame, ParquetWriter, PolarsResult};

pub struct UnitsParquet;

fn is_amount(key: &str) -> bool {
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
            let mut df = batch(r, start, end).map_err(err)?;
            df.rechunk_mut();
            if writer.is_none() {
                writer = Some(
                    ParquetWriter::new(&mut *out)
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

/// Units per row group of `units.parquet`.
const ROW_GROUP: usize = 8192;

/// The rows `start..end` of `units.parquet`.
fn batch(r: &crate::aggregate::Rollup, start: usize, end: usize) -> PolarsResult<DataFrame> {
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
            units.iter().map(|u| u.template.map(String::from)).collect(),
        ),
        text(
            "status",
            units
                .iter()
                .map(|u| Some(u.status.name().to_string()))
                .collect(),
        ),
        Column::new("included".into(), r.included[start..end].to_vec()),
        text("roster_unit", r.roster_names[start..end].to_vec()),
    ];
    let cells: Vec<Vec<Option<crate::value::Decimal>>> =
        units.iter().map(|u| u.cells.numbers().collect()).collect();
    for (k, key) in cell_keys().iter().enumerate() {
        let values = cells.iter().map(|c| c[k]);
        if is_amount(key) {
            columns.push(text(
                key,
                values.map(|v| v.map(|d| d.to_string())).collect(),
            ));
        } else {
            let ints: Vec<Option<i64>> = values
                .map(|v| {
                    v.and_then(|d| d.as_int())
                        .and_then(|i| i64::try_from(i).ok())
                })
                .collect();
            columns.push(Column::new(key.as_str().into(), ints));
        }
    }
    DataFrame::new(units.len(), columns)
}
