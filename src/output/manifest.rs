//! `manifest.json`: the run's record.

use super::{Export, OutputError, RunRecord};
use crate::finding::Severity;
use crate::input::discover::Skip;
use serde_json::{json, Value};

pub struct Manifest;

impl Export for Manifest {
    fn file_name(&self) -> &'static str {
        "manifest.json"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        write_manifest(run, out)
    }
}

fn write_manifest(run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
    let r = run.rollup;
    let finding_counts = run.findings.counts_by_source();
    // One input, its fields in the manifest's order.
    #[derive(serde::Serialize)]
    struct Input<'a> {
        path: &'a str,
        size: u64,
        sha256: String,
        format: Option<&'a str>,
        encoding: Option<&'a str>,
        unit: &'a str,
        year: Option<i32>,
        status: &'a str,
        included: bool,
        findings: Counts,
    }
    #[derive(serde::Serialize)]
    struct Counts {
        error: u32,
        warning: u32,
        info: u32,
    }
    fn input<'a>(u: &'a crate::aggregate::Unit, c: crate::finding::Counts) -> Input<'a> {
        Input {
            path: &u.source,
            size: u.size,
            sha256: crate::input::digest::sha_text(u.sha256),
            format: u.format.map(|f| f.name()),
            encoding: u.encoding,
            unit: &u.unit,
            year: u.year,
            status: u.status.name(),
            included: u.summed(),
            findings: Counts {
                error: c.errors,
                warning: c.warnings,
                info: c.infos,
            },
        }
    }
    let sev = |s: Severity| run.findings.count(s);
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
        "cache": run.cache.map(|c| json!({
            "records_reused": c.reused,
            "files_read": c.read,
            // Damaged entries found: their files were read again and the entries rewritten.
            "entries_repaired": c.repaired,
            "index_repaired": c.index_repaired,
        })),
        // The office's accepted findings: how many matched (by severity; they do not count
        // toward --fail-on), and the ids that matched nothing any more.
        "accepted": run.findings.accepted().path.as_ref().map(|p| json!({
            "file": p.display().to_string(),
            "findings": {
                "error": run.findings.review().counts.errors,
                "warning": run.findings.review().counts.warnings,
                "info": run.findings.review().counts.infos,
            },
            "stale": run.findings.stale_acceptances().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        })),
    });
    let render = |e: serde_json::Error| OutputError::Render {
        name: "manifest.json",
        message: e.to_string(),
    };
    // The inputs last, one at a time (as `to_vec_pretty` of the whole would lay them out):
    // a province's inputs are never one value in memory.
    let head = serde_json::to_string_pretty(&doc).map_err(render)?;
    let head = head.strip_suffix("\n}").unwrap_or(&head);
    out.write_all(head.as_bytes())?;
    if r.units.is_empty() {
        out.write_all(b",\n  \"inputs\": []\n}\n")?;
        return Ok(());
    }
    out.write_all(b",\n  \"inputs\": [\n")?;
    let mut text = Vec::new();
    for (i, item) in r.units.iter().enumerate() {
        text.clear();
        let c = finding_counts
            .get(item.source.as_str())
            .copied()
            .unwrap_or_default();
        serde_json::to_writer_pretty(&mut text, &input(item, c)).map_err(render)?;
        if i > 0 {
            out.write_all(b",\n")?;
        }
        for (k, line) in text.split(|b| *b == b'\n').enumerate() {
            if k > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"    ")?;
            out.write_all(line)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")?;
    Ok(())
}
