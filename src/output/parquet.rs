//! `units.parquet`: the rows of `units.csv` with types: counts as `Int64`, amounts (which may
//! carry decimals) as exact decimal strings.

use super::{Export, OutputError, RunRecord};
use crate::template::all_cell_keys;
use crate::template::keys::{T2_2019, T2_2021};
use crate::value::FieldKind;
use polars::prelude::{Column, DataFrame, ParquetWriter};

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

    fn render(&self, run: &RunRecord) -> Result<Vec<u8>, OutputError> {
        let err = |e: polars::prelude::PolarsError| OutputError::Render {
            name: "units.parquet",
            message: e.to_string(),
        };
        let r = run.rollup;
        let n = r.units.len();
        let text = |name: &str, v: Vec<Option<String>>| Column::new(name.into(), v);
        let mut columns = vec![
            text(
                "source",
                r.units.iter().map(|u| Some(u.source.clone())).collect(),
            ),
            text(
                "unit",
                r.units.iter().map(|u| Some(u.unit().to_string())).collect(),
            ),
            Column::new(
                "year".into(),
                r.units
                    .iter()
                    .map(|u| u.report.as_ref().and_then(|r| r.year))
                    .collect::<Vec<Option<i32>>>(),
            ),
            text(
                "template",
                r.units
                    .iter()
                    .map(|u| {
                        u.report
                            .as_ref()
                            .and_then(|r| r.template_name())
                            .map(String::from)
                    })
                    .collect(),
            ),
            text(
                "status",
                r.units
                    .iter()
                    .map(|u| Some(u.status.name().to_string()))
                    .collect(),
            ),
            Column::new("included".into(), r.included.clone()),
            text("roster_unit", r.roster_names.clone()),
        ];
        let cells: Vec<Vec<Option<crate::value::Decimal>>> = r
            .units
            .iter()
            .map(|u| match &u.report {
                Some(rep) => rep
                    .cells()
                    .into_iter()
                    .map(|(_, e)| e.and_then(|e| e.number()))
                    .collect(),
                None => vec![None; all_cell_keys().len()],
            })
            .collect();
        for (k, key) in all_cell_keys().iter().enumerate() {
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
        let mut df = DataFrame::new(n, columns).map_err(err)?;
        let mut buf = Vec::new();
        ParquetWriter::new(&mut buf).finish(&mut df).map_err(err)?;
        Ok(buf)
    }
}
