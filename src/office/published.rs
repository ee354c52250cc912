//! `--published FILE`: the aggregate report the district (or a node below it) published, against
//! the sum of its units (`AGGREGATE_MISMATCH`).
//!
//! When units are missing (roster bodies without a report, files that could not be read), a sum
//! short of the published figure is what one expects: those cells make one finding saying the
//! comparison is incomplete, and only cells where the units already add up to *more* than
//! was published are listed one by one. When every unit is in, each differing cell is a
//! finding, naming the units whose own findings touch that cell.

use crate::aggregate::{Level, Rollup};
use crate::finding::{Check, Finding, Said};
use crate::input::load::Loaded;
use crate::ledger::Ledger;
use crate::read::normalize::label;
use crate::value::Decimal;

/// Units named as a possible cause, at most.
const MAX_CAUSES: usize = 8;

/// The node a published report is about: the one whose name its unit begins with
/// (`临江区人民政府` is 临江区's), the longest such; else the top.
pub fn level_of<'a>(r: &'a Rollup, unit: &str) -> &'a Level {
    let unit = label(unit);
    r.levels
        .iter()
        .filter(|l| unit.starts_with(&label(&l.name)))
        .max_by_key(|l| l.name.chars().count())
        .unwrap_or(&r.levels[0])
}

/// The published aggregate's own findings, those its arithmetic owes to the units' errors
/// explained (`UNIT_ERROR_IN_TOTAL`, naming them).
pub fn own_findings(r: &Rollup, ledger: &Ledger, published: &Loaded) -> Vec<Finding> {
    let Some(report) = published.report.as_ref() else {
        return published.findings.clone();
    };
    let level = level_of(r, &report.unit);
    let values: std::collections::HashMap<String, Decimal> = report
        .cells()
        .filter_map(|(c, e)| Some((c.key(), e?.number()?)))
        .collect();
    let totals: crate::aggregate::Totals = crate::template::cell_keys()
        .iter()
        .map(|k| (k.clone(), values.get(k).copied()))
        .collect();
    crate::aggregate::explain_summed_file(
        r,
        ledger.spill(),
        level,
        &totals,
        published.findings.clone(),
    )
}

/// Compare a loaded published aggregate with the roll-up.
pub fn check(r: &Rollup, ledger: &Ledger, published: &Loaded) -> std::io::Result<Vec<Finding>> {
    let index = Causes::of(r, ledger)?;
    Ok(check_with(r, published, &index))
}

fn check_with(r: &Rollup, published: &Loaded, index: &Causes) -> Vec<Finding> {
    let Some(report) = published
        .report
        .as_ref()
        .filter(|rep| rep.readable_tables() > 0)
    else {
        return vec![finding(
            published,
            r.district(),
            vec![],
            Said::PublishedUnreadable,
        )];
    };
    let level = level_of(r, &report.unit);
    // Roster bodies under the node without a report (a report from an unknown unit does not
    // stand in for one of them).
    let missing_units = level.missing;
    let failed = if std::ptr::eq(level, &r.levels[0]) {
        r.units_failed()
    } else {
        0
    };
    let incomplete = missing_units > 0 || failed > 0;
    let mut short: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (cell, entry) in report.cells() {
        let Some(told) = entry.and_then(|e| e.number()) else {
            continue;
        };
        let key = cell.key();
        let sum = level.total(&key);
        let zero = Decimal::new(0, 0);
        let have = sum.unwrap_or(zero);
        if have == told {
            continue;
        }
        let less = have.checked_sub(told).is_some_and(|d| d.is_negative());
        if incomplete && less {
            short.push(key);
            continue;
        }
        let causes = index.of_cell(&key);
        out.push(
            finding(
                published,
                &level.name,
                vec![key.clone()],
                Said::PublishedDiffers {
                    level: level.name.clone(),
                    cell: key.clone(),
                    told: told.to_string(),
                    summed: sum.map(|s| s.to_string()),
                    causes,
                },
            )
            .with_facts([told.plain(), sum.map_or("-".into(), |s| s.plain())]),
        );
    }
    if !short.is_empty() {
        out.push(finding(
            published,
            &level.name,
            short.clone(),
            Said::PublishedIncomplete {
                missing: missing_units,
                failed,
                short: short.len(),
            },
        ));
    }
    if let Some(f) = assessment(published, report, &level.name) {
        out.push(f);
    }
    out
}

/// The 本级政府's own report states how its disclosure work is assessed, reviewed and held to
/// account (考核、评议、责任追究: 《条例》第五十条); `ASSESSMENT_NOT_STATED` naming what it does not
/// state. Read from its prose, in either script.
fn assessment(published: &Loaded, report: &crate::template::Report, unit: &str) -> Option<Finding> {
    let text: String = report
        .prose
        .iter()
        .map(|(t, _)| crate::read::normalize::label(t))
        .collect();
    let missing: Vec<String> = [
        ("考核", &["考核"][..]),
        ("评议", &["评议"]),
        ("责任追究", &["责任追究", "追责", "问责"]),
    ]
    .iter()
    .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
    .map(|(name, _)| name.to_string())
    .collect();
    if missing.is_empty() {
        return None;
    }
    let mut f = finding(
        published,
        unit,
        vec![],
        Said::AssessmentNotStated {
            missing: missing.clone(),
        },
    );
    f.check = Check::AssessmentNotStated;
    f.facts = missing;
    Some(f)
}

/// For each cell, the units whose own findings name it (a doubtful or inconsistent cell); and
/// the units not summed (duplicates, another year), which may explain any cell. Made in one
/// pass over every finding.
struct Causes {
    by_cell: std::collections::HashMap<String, Vec<String>>,
    not_summed: Vec<String>,
}

impl Causes {
    fn of(r: &Rollup, ledger: &Ledger) -> std::io::Result<Causes> {
        let mut by_cell: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut not_summed = Vec::new();
        ledger.for_each(r, |f| {
            if f.source.is_empty() {
                return;
            }
            let name = format!("{}（{}）", f.unit, f.check.id());
            if matches!(f.check, Check::DuplicateReport | Check::YearMismatch) {
                not_summed.push(name);
            } else {
                for c in &f.cells {
                    by_cell.entry(c.clone()).or_default().push(name.clone());
                }
            }
        })?;
        Ok(Causes {
            by_cell,
            not_summed,
        })
    }

    /// Units whose findings may explain cell `key`, at most [`MAX_CAUSES`].
    fn of_cell(&self, key: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_cell
            .get(key)
            .into_iter()
            .flatten()
            .chain(&self.not_summed)
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names.truncate(MAX_CAUSES);
        names
    }
}

fn finding(published: &Loaded, unit: &str, cells: Vec<String>, said: Said) -> Finding {
    Finding {
        source: published.source.clone(),
        unit: unit.to_string(),
        check: Check::AggregateMismatch,
        cells,
        said,
        place: String::new(),
        facts: Vec::new(),
    }
}
