//! District findings that explain themselves: a check on a summed table that fails only because
//! unit reports fail the same check is not a new error. It names the units whose errors carry
//! into it and is said once for all the levels it reaches (`UNIT_ERROR_IN_TOTAL`, info). Only a
//! failure that no unit explains stays an error of its own.

use super::{Totals, Unit};
use crate::check::{t3_arithmetic, t4_arithmetic, Sink};
use crate::finding::{Check, Finding};
use crate::input::record::FindingSpill;
use crate::template::keys::{t3_key, t4_key, T3Col, T3Row, T4Block, T4Result};
use crate::template::{Entry, Table3, Table4, Template};
use crate::value::{CellValue, Decimal};
use std::collections::{BTreeMap, HashMap};

/// The arithmetic checks, which hold for a sum whenever they hold for every report in it.
fn additive(check: Check) -> bool {
    matches!(
        check,
        Check::T3RowSum | Check::T3ResultSum | Check::T3Balance | Check::T4Sum | Check::Unanswered
    )
}

/// Which identity a finding is about: its check and its last cell (the total of the row,
/// column or block it checks). The cells before it may differ: a total summed from reports in
/// both forms of （六） lists both.
fn identity(f: &Finding) -> (Check, String) {
    (f.check, f.cells.last().cloned().unwrap_or_default())
}

/// A failure carried from units: its check, its cells (the first level's), the units.
type Carried = (Check, Vec<String>, Vec<usize>);

/// Units named in one explanation, at most (the rest are counted).
use crate::finding::said::MAX_NAMED;

/// One level's totals, the units summed into it, and its re-check findings.
pub struct LevelCheck<'a> {
    pub name: &'a str,
    pub totals: &'a Totals,
    /// Indices of the units summed into this level, in order.
    pub units: &'a [u32],
    pub findings: Vec<Finding>,
}

/// What the explained totals are: the roll-up's levels, or a file that is itself a sum (the
/// published aggregate, at `source`) — how the finding names them and what to do.
#[derive(Debug, Clone, Copy)]
pub enum Summed<'a> {
    Levels,
    Published { source: &'a str },
}

/// The levels' re-check findings, explained where unit reports explain them: the findings to
/// keep, in level order (each explained failure once, at the first level it appears).
pub fn explain(
    levels: Vec<LevelCheck>,
    units: &[Unit],
    spill: &FindingSpill,
    summed: Summed,
) -> Vec<Finding> {
    if levels
        .iter()
        .all(|l| l.findings.iter().all(|f| !additive(f.check)))
    {
        return levels.into_iter().flat_map(|l| l.findings).collect();
    }
    // The units' own arithmetic errors, by check and cells (read back from the spill once).
    let mut failing: HashMap<(Check, String), Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if !u.summed() || u.counts.errors == 0 {
            continue;
        }
        let Ok(own) = spill.get(u.findings) else {
            // What cannot be read back explains nothing: the district finding stays an error.
            continue;
        };
        for f in own.into_iter().filter(|f| additive(f.check)) {
            failing.entry(identity(&f)).or_default().push(i);
        }
    }
    let mut kept = Vec::new();
    // (check, cells, units) → the levels it reaches and the first level's message.
    let mut carried: BTreeMap<Carried, (Vec<String>, crate::finding::Said)> = BTreeMap::new();
    let mut order = Vec::new();
    for level in &levels {
        for f in &level.findings {
            let key = identity(f);
            let culprits: Vec<usize> = match failing.get(&key) {
                Some(all) if additive(f.check) => all
                    .iter()
                    .copied()
                    .filter(|&i| level.units.binary_search(&(i as u32)).is_ok())
                    .collect(),
                _ => Vec::new(),
            };
            if culprits.is_empty() || !explained(level, &culprits, units, f) {
                kept.push(f.clone());
                continue;
            }
            let id = (f.check, f.cells.clone(), culprits);
            let entry = carried.entry(id.clone()).or_insert_with(|| {
                order.push(id);
                (Vec::new(), f.said.clone())
            });
            entry.0.push(level.name.to_string());
        }
    }
    for id in order {
        let Some((names, said)) = carried.remove(&id) else {
            continue;
        };
        let (check, cells, culprits) = id;
        kept.push(carried_finding(
            check, cells, &culprits, &names, said, units, summed,
        ));
    }
    kept
}

/// The arithmetic findings of a file that is itself a sum of the units of `level` (the
/// published aggregate): each one that the units' own errors explain becomes a
/// `UNIT_ERROR_IN_TOTAL` info on that file, naming them; the others are kept as they are.
pub fn explain_summed_file(
    r: &super::Rollup,
    spill: &FindingSpill,
    level: &super::Level,
    totals: &Totals,
    findings: Vec<Finding>,
) -> Vec<Finding> {
    let Some(first) = findings.first() else {
        return findings;
    };
    let (source, unit) = (first.source.clone(), first.unit.clone());
    let check = LevelCheck {
        name: &unit,
        totals,
        units: &level.members,
        findings,
    };
    explain(
        vec![check],
        &r.units,
        spill,
        Summed::Published { source: &source },
    )
}

/// Without the failing units, does the level's total pass this check? Then they explain it
/// wholly (the checks are sums: a total's discrepancy is its reports' discrepancies added).
fn explained(level: &LevelCheck, culprits: &[usize], units: &[Unit], f: &Finding) -> bool {
    let mut rest: Totals = level.totals.clone();
    for &i in culprits {
        for ((_, total), value) in rest.iter_mut().zip(units[i].cells.numbers()) {
            if let Some(d) = value {
                match total.and_then(|t| t.checked_sub(d)) {
                    Some(left) => *total = Some(left),
                    None => return false,
                }
            }
        }
    }
    let mut sink = Sink::new("", level.name);
    recheck(&rest, &mut sink);
    !sink.findings.iter().any(|g| identity(g) == identity(f))
}

fn carried_finding(
    check: Check,
    cells: Vec<String>,
    culprits: &[usize],
    levels: &[String],
    inner: crate::finding::Said,
    units: &[Unit],
    summed: Summed,
) -> Finding {
    let mut names: Vec<String> = culprits
        .iter()
        .take(MAX_NAMED)
        .map(|&i| units[i].unit.clone())
        .collect();
    names.dedup();
    let (source, published) = match summed {
        Summed::Levels => ("", false),
        Summed::Published { source } => (source, true),
    };
    Finding {
        source: source.to_string(),
        unit: levels.first().cloned().unwrap_or_default(),
        check: Check::UnitErrorInTotal,
        cells,
        said: crate::finding::Said::CarriedIntoTotal {
            inner: Box::new(inner),
            check,
            units: names,
            all_units: culprits.len(),
            levels: levels.to_vec(),
            published,
            // The one row of a run without a roster is the district's, by no name.
            unnamed: levels.iter().all(|l| l == super::DISTRICT),
        },
        place: String::new(),
        // What is carried, from whom: the check and the units.
        facts: std::iter::once(check.id().to_string())
            .chain(culprits.iter().map(|&i| units[i].unit.clone()))
            .collect(),
    }
}
/// Re-check the table-三 and table-四 arithmetic on summed totals.
pub(super) fn recheck(totals: &Totals, sink: &mut Sink) {
    let lookup: BTreeMap<&str, Option<Decimal>> =
        totals.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let entry = |key: &str| Entry {
        value: lookup
            .get(key)
            .copied()
            .flatten()
            .map_or(CellValue::Absent, CellValue::Number),
        ..Default::default()
    };
    let mut t3 = Table3::empty(Template::T2021);
    for row in T3Row::ALL {
        for col in T3Col::ALL {
            t3.cells[row.index()][col.index()] = entry(&t3_key(row, col));
        }
    }
    let mut t4 = Table4::default();
    for b in T4Block::ALL {
        for r in T4Result::ALL {
            t4.cells[b.index()][r.index()] = entry(&t4_key(b, r));
        }
    }
    t3_arithmetic(&t3, sink);
    t4_arithmetic(&t4, sink);
}
