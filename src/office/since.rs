//! Since the last run: this run compared with the output set it replaces (`--out` as last night
//! left it) — reports new, revised and removed; findings new and resolved; the district's totals
//! that changed, and by how much. Read from last night's `units.csv`, `findings.csv` and
//! `district.csv` by their headers, before the new set replaces them.

use crate::aggregate::{Level, Rollup};
use crate::finding::Severity;
use crate::ledger::Findings;
use crate::util::csvread::Rows;
use crate::value::Decimal;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The largest of last night's files read for the comparison (a province's findings.csv may be
/// larger: the comparison then leaves the findings out and says so).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Names listed in each part, at most (the rest are counted).
pub const LISTED: usize = 20;

/// Findings new and resolved kept for the views, at most each (a province's first night after
/// a move may have tens of thousands; the rest are counted).
pub const KEPT: usize = 5_000;

/// A finding as the comparison names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub unit: String,
    pub check: String,
    /// The Chinese sentence.
    pub text: String,
    /// An error or a warning.
    pub error: bool,
    /// About the district's own totals or published report (no unit's file).
    pub district: bool,
}

/// What changed since the last run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Since {
    /// When the last set was made (its manifest's `finished`).
    pub when: String,
    pub new_reports: Vec<String>,
    pub revised: Vec<String>,
    pub removed: Vec<String>,
    /// Errors and warnings new since last time, and those gone (the first [`KEPT`]) with the
    /// counts of all.
    pub new_findings: Vec<Named>,
    pub new_count: usize,
    pub resolved: Vec<Named>,
    pub resolved_count: usize,
    /// False when last night's findings could not be compared (no ids, or too large).
    pub findings_compared: bool,
    /// The district's own totals that changed: key, last, now.
    pub totals: Vec<(String, Option<Decimal>, Option<Decimal>)>,
}

impl Since {
    pub fn is_quiet(&self) -> bool {
        self.new_reports.is_empty()
            && self.revised.is_empty()
            && self.removed.is_empty()
            && self.new_count == 0
            && self.resolved_count == 0
            && self.totals.is_empty()
    }

    /// The reports new, revised and gone, one line each, Chinese then English (or that
    /// nothing changed, or that the findings could not be compared); the findings and totals
    /// are grouped by [`super::changes`].
    pub fn file_lines(&self) -> Vec<String> {
        let mut v = Vec::new();
        // The first few files by name (a province's first night after a move names thousands).
        let names = |list: &[String]| {
            let mut s = list[..list.len().min(LISTED)].join("、");
            if list.len() > LISTED {
                s.push_str(&format!("等{}份", list.len()));
            }
            s
        };
        if self.is_quiet() {
            v.push("与上次运行相比没有变化 / nothing changed since the last run".to_string());
            return v;
        }
        for (list, zh, en) in [
            (&self.new_reports, "新报告", "new report(s)"),
            (&self.revised, "修改过的报告", "revised report(s)"),
            (&self.removed, "不再有的报告", "report(s) gone"),
        ] {
            if !list.is_empty() {
                v.push(format!(
                    "{zh}{}份 / {} {en}: {}",
                    list.len(),
                    list.len(),
                    names(list)
                ));
            }
        }
        if !self.findings_compared {
            v.push("上次的问题清单没有编号或过大，未比较问题 / last run's findings have no ids or are too large: not compared".into());
        }
        v
    }
}

/// A CSV file of last night's set as text, `None` when absent or too large.
fn read(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Last night's inputs, path → SHA-256: from its manifest's `inputs` (one `"path"` and one
/// `"sha256"` line each, as this tool writes them: a scan, not a parse of a province's
/// manifest), else from its `units.csv`.
fn last_inputs(last_dir: &Path) -> Option<HashMap<String, String>> {
    if let Some(text) = read(&last_dir.join("manifest.json")) {
        let mut out = HashMap::new();
        let mut path: Option<String> = None;
        let value = |line: &str, key: &str| -> Option<String> {
            let rest = line.trim_start().strip_prefix(key)?;
            serde_json::from_str::<String>(rest.trim_end().trim_end_matches(',')).ok()
        };
        let at = text.find("\n  \"inputs\": [")?;
        for line in text[at..].lines() {
            if let Some(p) = value(line, "\"path\": ") {
                path = Some(p);
            } else if let Some(sum) = value(line, "\"sha256\": ") {
                if let Some(p) = path.take() {
                    out.insert(p, sum);
                }
            }
        }
        if !out.is_empty() {
            return Some(out);
        }
    }
    let text = read(&last_dir.join("units.csv"))?;
    let mut rows = Rows::new(&text);
    let (_, uh) = rows.next()?;
    let (src, sha) = (col(&uh, "source")?, col(&uh, "sha256")?);
    let mut last = HashMap::new();
    while let Some(mut pair) = rows.pick(&[src, sha]) {
        let sum = pair.pop().unwrap_or_default();
        let source = pair.pop().unwrap_or_default();
        last.insert(source, sum);
    }
    Some(last)
}

fn col(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name)
}

/// Compare the roll-up with the set in `last_dir`; `None` when there is no last set to compare
/// with (the first night) or its `units.csv` cannot be read. `own` is the level whose totals
/// are compared (the district's own).
pub fn compare(last_dir: &Path, r: &Rollup, findings: &Findings, own: &Level) -> Option<Since> {
    let last = last_inputs(last_dir)?;
    let mut s = Since {
        when: std::fs::read_to_string(last_dir.join("manifest.json"))
            .ok()
            .and_then(|t| {
                let at = t.find("\"finished\": \"")? + "\"finished\": \"".len();
                t[at..].split('"').next().map(str::to_string)
            })
            .unwrap_or_default(),
        ..Default::default()
    };
    let mut now_sources: HashSet<&str> = HashSet::new();
    for u in &r.units {
        now_sources.insert(u.source.as_str());
        match last.get(u.source.as_str()) {
            None => s.new_reports.push(u.source.clone()),
            Some(sum) if *sum != crate::input::digest::sha_text(u.sha256) => {
                s.revised.push(u.source.clone())
            }
            Some(_) => {}
        }
    }
    let mut removed: Vec<String> = last
        .keys()
        .filter(|k| !now_sources.contains(k.as_str()))
        .cloned()
        .collect();
    removed.sort();
    s.removed = removed;
    // Errors and warnings (what the clerk acts on) by id: an id is made from what a finding is
    // about, so a revised report's finding that is still the same is not new. Last night's set
    // of the version before (whose ids were made otherwise, and which has no `message_zh`
    // column) is compared by file, check and cells instead.
    if let Some(text) = read(&last_dir.join("findings.csv")) {
        let mut rows = Rows::new(&text);
        let fh = rows.next().map(|(_, h)| h).unwrap_or_default();
        let zh = col(&fh, "message_zh");
        let older = zh.is_none();
        if let (
            Some(id),
            Some(source),
            Some(unit),
            Some(check),
            Some(sev),
            Some(cells),
            Some(said),
        ) = (
            col(&fh, "id"),
            col(&fh, "source"),
            col(&fh, "unit"),
            col(&fh, "check"),
            col(&fh, "severity"),
            col(&fh, "cells"),
            zh.or(col(&fh, "message")),
        ) {
            s.findings_compared = true;
            let key = |id: &str, source: &str, check: &str, cells: &str| {
                if older {
                    format!("{source}\u{1f}{check}\u{1f}{cells}")
                } else {
                    id.to_string()
                }
            };
            // Only the columns needed are copied out of a province's findings.csv.
            let mut then: HashMap<String, Named> = HashMap::new();
            while let Some(mut f) = rows.pick(&[sev, id, source, check, cells, unit, said]) {
                if f[0] != "error" && f[0] != "warning" {
                    continue;
                }
                let k = key(&f[1], &f[2], &f[3], &f[4]);
                then.insert(
                    k,
                    Named {
                        unit: std::mem::take(&mut f[5]),
                        check: std::mem::take(&mut f[3]),
                        text: std::mem::take(&mut f[6]),
                        error: f[0] == "error",
                        district: f[2].is_empty(),
                    },
                );
            }
            let mut now_keys: HashSet<String> = HashSet::new();
            for f in findings.all() {
                let Ok(f) = f else {
                    s.findings_compared = false;
                    break;
                };
                if f.severity() < Severity::Warning {
                    continue;
                }
                let k = key(&f.id, &f.source, f.check.id(), &f.cells.join(";"));
                if !then.contains_key(&k) {
                    s.new_count += 1;
                    if s.new_findings.len() < KEPT {
                        s.new_findings.push(Named {
                            unit: f.unit.clone(),
                            check: f.check.id().to_string(),
                            text: f.message().zh().to_string(),
                            error: f.severity() >= Severity::Error,
                            district: f.source.is_empty(),
                        });
                    }
                }
                now_keys.insert(k);
            }
            let mut gone: Vec<(&String, &Named)> = then
                .iter()
                .filter(|(k, _)| !now_keys.contains(*k))
                .collect();
            gone.sort_by(|a, b| {
                (&a.1.unit, &a.1.check, &a.1.text, a.0)
                    .cmp(&(&b.1.unit, &b.1.check, &b.1.text, b.0))
            });
            s.resolved_count = gone.len();
            s.resolved = gone.iter().take(KEPT).map(|(_, n)| (*n).clone()).collect();
        }
    }
    // The district's own totals (its row of district.csv, by name).
    if let Some(text) = read(&last_dir.join("district.csv")) {
        let mut rows = Rows::new(&text).map(|(_, r)| r);
        let dh = rows.next().unwrap_or_default();
        if let Some(name) = col(&dh, "district") {
            if let Some(row) = rows.find(|r| r.get(name) == Some(&own.name)) {
                for (key, now) in &own.totals {
                    let then = col(&dh, key)
                        .and_then(|c| row.get(c))
                        .and_then(|v| Decimal::parse_plain(v));
                    if then != *now {
                        s.totals.push((key.clone(), then, *now));
                    }
                }
            }
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_a_few_files_and_count_the_rest() {
        let s = Since {
            new_reports: (0..30).map(|i| format!("r/{i}.txt")).collect(),
            revised: vec!["r/a.txt".into()],
            findings_compared: true,
            totals: vec![(
                "t3.partial.total".into(),
                Some(Decimal::new(43, 0)),
                Some(Decimal::new(42, 0)),
            )],
            ..Default::default()
        };
        let lines = s.file_lines();
        assert!(lines[0].starts_with("新报告30份 / 30 new report(s): r/0.txt、r/1.txt、"));
        assert!(lines[0].ends_with("r/19.txt等30份"), "{}", lines[0]);
        assert_eq!(lines[1], "修改过的报告1份 / 1 revised report(s): r/a.txt");
        assert_eq!(lines.len(), 2);
        assert_eq!(
            s.totals_rows(),
            [[
                "表三“（二）部分公开”行“总计”列".to_string(),
                "43".into(),
                "42".into(),
                "-1".into()
            ]]
        );
        assert_eq!(
            Since {
                findings_compared: true,
                ..Default::default()
            }
            .file_lines(),
            ["与上次运行相比没有变化 / nothing changed since the last run"]
        );
    }
}
