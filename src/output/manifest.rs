//! `manifest.json`: the run's record.

use super::{Export, OutputError, RunRecord};
use crate::discover::Skip;
use crate::findings::Severity;
use serde_json::{json, Value};

pub struct Manifest;

impl Export for Manifest {
    fn file_name(&self) -> &'static str {
        "manifest.json"
    }

    fn render(&self, run: &RunRecord) -> Result<Vec<u8>, OutputError> {
        let r = run.rollup;
        let counts = r.counts();
        let inputs: Vec<Value> = r
            .units
            .iter()
            .zip(&r.included)
            .map(|(u, inc)| {
                let c = counts.get(u.source.as_str()).copied().unwrap_or_default();
                json!({
                    "path": u.source,
                    "size": u.size,
                    "sha256": u.sha256,
                    "format": u.format.map(|f| f.name()),
                    "encoding": u.encoding,
                    "unit": u.unit(),
                    "year": u.report.as_ref().and_then(|r| r.year),
                    "status": u.status.name(),
                    "included": inc,
                    "findings": {
                        "error": c[0],
                        "warning": c[1],
                        "info": c[2],
                    },
                })
            })
            .collect();
        let sev = |s: Severity| r.count(s);
        let counts = run.passed_over.counts();
        let passed_over: serde_json::Map<String, Value> = Skip::ALL
            .iter()
            .map(|k| {
                (
                    k.key().to_string(),
                    json!(counts.get(k).copied().unwrap_or(0)),
                )
            })
            .collect();
        let passed_over_paths: Vec<Value> = run
            .passed_over
            .entries
            .iter()
            .map(|(p, k)| json!({"path": p.display().to_string(), "kind": k.key()}))
            .collect();
        let doc = json!({
            "tool": "gid-rollup",
            "version": run.version,
            "arguments": run.arguments,
            "started": run.started,
            "finished": run.finished,
            "year": r.year,
            "year_inferred": r.year_inferred,
            "district": r.district(),
            "reports_read": r.units.len(),
            // What the next run compares its own count with (under half: it refuses to replace
            // this set unless told to).
            "units_included": r.units_included(),
            "units_failed": r.units_failed(),
            "findings": {
                "error": sev(Severity::Error),
                "warning": sev(Severity::Warning),
                "info": sev(Severity::Info),
            },
            "notes": run.notes,
            "passed_over": passed_over,
            "passed_over_paths": passed_over_paths,
            "inputs": inputs,
        });
        let mut bytes = serde_json::to_vec_pretty(&doc).map_err(|e| OutputError::Render {
            name: "manifest.json",
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
