//! `gid-rollup show FILE`: the parsed report as JSON, every cell with its state and place; with
//! `--rows`, the rows of cells the file's reader extracted, before the template is applied.

use super::{exit, Error};
use crate::cli::Config;
use crate::input::load::{load, rows_of};
use crate::template::keys::{t3_key, t4_key, T3Col, T4Block, T4Result};
use crate::template::{Entry, Report};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `show FILE`: every cell with its state and place (JSON), or with `--rows`, the rows the
/// reader saw.
pub fn show(a: &crate::cli::ShowArgs, arguments: Vec<String>) -> Result<ExitCode, Error> {
    let config = Config::new(
        vec![a.file.clone()],
        "out".into(),
        &Default::default(),
        true,
        arguments,
    )?;
    let mut out = std::io::stdout().lock();
    if a.rows {
        return match show_rows(&config.inputs[0]) {
            Ok(text) => {
                write!(out, "{text}")?;
                Ok(ExitCode::from(exit::CLEAN))
            }
            Err(message) => {
                writeln!(out, "{message}")?;
                Ok(ExitCode::from(exit::FINDINGS))
            }
        };
    }
    writeln!(out, "{}", show_json(&config.inputs[0]))?;
    Ok(ExitCode::from(exit::CLEAN))
}

fn cell(key: &str, e: &Entry) -> Value {
    json!({
        "key": key,
        "state": e.value.state_name(),
        "value": e.number().map(|d| d.to_string()),
        "raw": e.raw,
        "place": e.place,
        "note": e.note.as_ref().map(|n| n.to_string()),
    })
}

/// The report's tables as JSON (cells in template order).
pub fn report_json(r: &Report) -> Value {
    let t2 = r.t2.as_ref().map(|t| {
        json!({
            "template": t.template,
            "place": t.place,
            "cells": t.fields().iter().zip(&t.cells).map(|(f, e)| cell(f.key, e)).collect::<Vec<_>>(),
        })
    });
    let t3 = r.t3.as_ref().map(|t| {
        let cells: Vec<Value> = t
            .rows()
            .flat_map(|row| T3Col::ALL.map(|col| cell(&t3_key(row, col), t.get(row, col))))
            .collect();
        json!({ "template": t.template, "place": t.place, "cells": cells })
    });
    let t4 = r.t4.as_ref().map(|t| {
        let cells: Vec<Value> = T4Block::ALL
            .iter()
            .flat_map(|b| T4Result::ALL.map(|x| cell(&t4_key(*b, x), t.get(*b, x))))
            .collect();
        json!({ "place": t.place, "cells": cells })
    });
    json!({
        "unit": r.unit,
        "unit_from": r.unit_origin,
        "year": r.year,
        "year_from": r.year_origin,
        "template": r.template_used().map(|t| t.name()),
        "fee_statement": r.fee_statement,
        "t2": t2,
        "t3": t3,
        "t4": t4,
    })
}

/// Load `path` and describe it as pretty JSON.
pub fn show_json(path: &Path) -> String {
    let l = load(path);
    let doc = json!({
        "source": l.source,
        "size": l.size,
        "sha256": crate::input::digest::sha_text(l.sha256),
        "format": l.format.map(|f| f.name()),
        "encoding": l.encoding,
        "status": l.status.name(),
        "report": l.report.as_ref().map(report_json),
        "findings": l.findings,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The rows a file's reader extracted, one line per row: the first cell's place, a tab, then
/// the cells separated by ` | ` (a line break inside a cell shown as `⏎`).
pub fn show_rows(path: &Path) -> Result<String, String> {
    let (format, doc) = rows_of(path)?;
    let mut out = format!("# {} ({})\n", path.display(), format.name());
    if let Some(title) = &doc.title {
        out.push_str(&format!("# title: {title}\n"));
    }
    for row in &doc.rows {
        let place = row
            .cells
            .first()
            .map(|c| c.place.to_string())
            .unwrap_or_default();
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| c.text.trim().replace(['\r', '\n'], "⏎"))
            .collect();
        out.push_str(&format!("{place}\t{}\n", cells.join(" | ")));
    }
    Ok(out)
}
