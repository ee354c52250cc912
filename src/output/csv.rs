//! `units.csv`, `district.csv`, `findings.csv` (UTF-8 with a byte-order mark, `\n` line ends, RFC 4180 quoting, a formula-like field guarded by a leading `'`: see [`field`]).

use super::{Export, OutputError, RunRecord};
use crate::template::cell_keys;
use crate::util::csvread::field;
use std::fmt::Write as _;
use std::io::Write;

/// The UTF-8 byte-order mark each CSV begins with (polars, pandas `utf-8-sig`, DuckDB and this
/// tool's own readers all take it).
const BOM: &str = "\u{FEFF}";

/// One field as [`field`] gives it, added to `out`.
fn push_field(out: &mut String, s: &str) {
    out.push_str(&field(s));
}

fn line(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let row: Vec<String> = fields.into_iter().map(|f| field(&f)).collect();
    out.push_str(&row.join(","));
    out.push('\n');
}

/// One row per input report.
pub struct UnitsCsv;

/// Columns after the cells (beyond the contract).
const UNIT_EXTRAS: [&str; 8] = [
    "included",
    "errors",
    "warnings",
    "infos",
    "format",
    "encoding",
    "sha256",
    "roster_unit",
];

impl Export for UnitsCsv {
    fn file_name(&self) -> &'static str {
        "units.csv"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn Write) -> Result<(), OutputError> {
        // A byte-order mark first: a Chinese Excel opens the file by double-click as UTF-8.
        let mut buf = String::from(BOM);
        line(
            &mut buf,
            ["source", "unit", "year", "template", "status"]
                .into_iter()
                .map(String::from)
                .chain(cell_keys().iter().cloned())
                .chain(["published_on", "published_on_source"].map(String::from))
                .chain(UNIT_EXTRAS.iter().map(|s| s.to_string())),
        );
        let r = run.rollup;
        let counts = run.findings.counts_by_source();
        // Row by row: the file is never whole in memory.
        for u in &r.units {
            let (inc, roster_unit) = (u.summed(), r.roster_name(u));
            let c = counts.get(u.source.as_str()).copied().unwrap_or_default();
            // Written field by field into one buffer: a province's units make millions of
            // cells, and numbers need no quoting.
            push_field(&mut buf, &u.source);
            buf.push(',');
            push_field(&mut buf, &u.unit);
            buf.push(',');
            if let Some(y) = u.year {
                let _ = write!(buf, "{y}");
            }
            let _ = write!(
                buf,
                ",{},{}",
                u.template.map_or("", |t| t.name()),
                u.status.name()
            );
            for v in u.cells.numbers() {
                buf.push(',');
                if let Some(d) = v {
                    let _ = write!(buf, "{d}");
                }
            }
            match u.published {
                Some(p) => {
                    let _ = write!(buf, ",{},{}", p.on, p.source.name());
                }
                None => buf.push_str(",,"),
            }
            let _ = write!(
                buf,
                ",{inc},{},{},{},{},",
                c.errors,
                c.warnings,
                c.infos,
                u.format.map(|f| f.name()).unwrap_or("")
            );
            push_field(&mut buf, u.encoding.unwrap_or_default());
            let _ = write!(buf, ",{}", crate::input::digest::sha_text(u.sha256));
            buf.push(',');
            push_field(&mut buf, roster_unit.unwrap_or_default());
            buf.push('\n');
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
        out.write_all(buf.as_bytes())?;
        Ok(())
    }
}

/// The district totals.
pub struct DistrictCsv;

impl Export for DistrictCsv {
    fn file_name(&self) -> &'static str {
        "district.csv"
    }

    fn write(&self, run: &RunRecord, w: &mut dyn Write) -> Result<(), OutputError> {
        let r = run.rollup;
        let mut out = String::from(BOM);
        line(
            &mut out,
            ["district", "level", "parent", "year"]
                .into_iter()
                .map(String::from)
                .chain(r.totals().iter().map(|(k, _)| k.clone()))
                .chain(
                    [
                        "units_included",
                        "units_expected",
                        "units_failed",
                        "units_blank_celled",
                        "reports_read",
                    ]
                    .map(String::from),
                ),
        );
        for (n, level) in r.levels.iter().enumerate() {
            let mut row = vec![
                level.name.clone(),
                level.kind.name().to_string(),
                level.parent.clone(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
            ];
            row.extend(
                level
                    .totals
                    .iter()
                    .map(|(_, v)| v.map(|d| d.to_string()).unwrap_or_default()),
            );
            row.push(level.included.to_string());
            row.push(level.expected.map(|e| e.to_string()).unwrap_or_default());
            // Failed files and blanks are counted for the whole run, on the top row.
            if n == 0 {
                row.extend([
                    r.units_failed().to_string(),
                    r.units_blank_celled().to_string(),
                    r.units.len().to_string(),
                ]);
            } else {
                row.extend([String::new(), String::new(), String::new()]);
            }
            line(&mut out, row);
        }
        w.write_all(out.as_bytes())?;
        Ok(())
    }
}

/// Every finding, sorted by source, then check.
pub struct FindingsCsv;

impl Export for FindingsCsv {
    fn file_name(&self) -> &'static str {
        "findings.csv"
    }

    fn write(&self, run: &RunRecord, w: &mut dyn Write) -> Result<(), OutputError> {
        let mut out = String::from(BOM);
        line(
            &mut out,
            [
                "id",
                "source",
                "unit",
                "check",
                "severity",
                "cells",
                "message",
                "accepted",
                "place",
                "where",
                "message_zh",
            ]
            .map(String::from),
        );
        for f in run.findings.all() {
            let f = f.map_err(OutputError::Spill)?;
            let message = f.message();
            line(
                &mut out,
                [
                    f.id.clone(),
                    f.source.clone(),
                    f.unit.clone(),
                    f.check.id().to_string(),
                    f.severity().name().to_string(),
                    f.cells.join(";"),
                    message.line().to_string(),
                    f.accepted
                        .map(|a| a.reason_text().to_string())
                        .unwrap_or_default(),
                    f.place.clone(),
                    crate::template::wording::place_zh(&f.place, &f.cells),
                    message.zh().to_string(),
                ],
            );
            w.write_all(out.as_bytes())?;
            out.clear();
        }
        w.write_all(out.as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("平潭"), "平潭");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
