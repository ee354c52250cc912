//! The sums: each summed report into the top and every roster level above it, exactly; then
//! each level's totals re-checked, the failures that units' errors explain said once.

use super::explain::{self, recheck};
use super::roster::Roster;
use super::sums::Sums;
use super::{Level, Unit, DISTRICT};
use crate::check::Sink;
use crate::finding::{Check, Said};
use crate::ledger::Ledger;

/// Sum, in one pass over the records: each summed report into the top and every roster level
/// above it; then each level's totals re-checked (their findings into `findings`).
pub(super) fn sum_levels(
    units: &[Unit],
    roster: Option<&Roster>,
    ledger: &mut Ledger,
) -> Vec<Level> {
    let nodes: Vec<usize> = roster.map_or_else(Vec::new, |r| r.aggregates());
    let mut sums: Vec<Sums> = (0..nodes.len().max(1)).map(|_| Sums::new()).collect();
    // The units under each level, in order (for explaining its re-checks).
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); sums.len()];
    for (i, u) in units.iter().enumerate().filter(|(_, u)| u.summed()) {
        for (n, sum) in sums.iter_mut().enumerate() {
            let under =
                n == 0 || roster.is_some_and(|r| u.roster.is_some_and(|m| r.under(m, nodes[n])));
            if under {
                sum.add(&u.record);
                members[n].push(i);
            }
        }
    }
    let district = roster.map_or(DISTRICT.to_string(), |r| r.nodes[r.top()].name.clone());
    let mut levels = Vec::with_capacity(sums.len());
    let mut rechecks = Vec::with_capacity(sums.len());
    for (n, sum) in sums.into_iter().enumerate() {
        let (name, level, parent, expected, missing) = match roster {
            None => (
                district.clone(),
                crate::aggregate::roster::Kind::District,
                String::new(),
                None,
                0,
            ),
            Some(r) => {
                let node = nodes[n];
                (
                    r.nodes[node].name.clone(),
                    r.nodes[node].kind,
                    r.nodes[node]
                        .parent
                        .filter(|_| n > 0)
                        .map(|p| r.nodes[p].name.clone())
                        .unwrap_or_default(),
                    Some(expected_under(r, node)),
                    missing_under(r, node, units),
                )
            }
        };
        let (totals, overflow) = sum.totals();
        let mut sink = Sink::new("", &name);
        // Out-of-range totals are said once, for the top.
        for key in overflow.iter().filter(|_| n == 0) {
            sink.push(
                Check::ValueInvalid,
                vec![key.clone()],
                None,
                Said::TotalOverflow { cell: key.clone() },
            );
        }
        recheck(&totals, &mut sink);
        rechecks.push(sink.findings);
        levels.push(Level {
            name,
            kind: level,
            parent,
            totals,
            included: sum.reports,
            expected,
            missing,
            with_errors: members[n]
                .iter()
                .filter(|&&i| units[i].counts.errors + units[i].decided.counts.errors > 0)
                .count(),
            members: members[n].iter().map(|&i| i as u32).collect(),
        });
    }
    // The levels below the top first: an explained failure is named after the nearest level.
    let level_checks: Vec<explain::LevelCheck> = (1..levels.len())
        .chain([0])
        .map(|n| explain::LevelCheck {
            name: &levels[n].name,
            totals: &levels[n].totals,
            units: &levels[n].members,
            findings: std::mem::take(&mut rechecks[n]),
        })
        .collect();
    let explained = explain::explain(level_checks, units, ledger.spill(), explain::Summed::Levels);
    ledger.extend(explained);
    levels
}

/// Roster bodies at or under `node` that must report.
fn expected_under(r: &Roster, node: usize) -> usize {
    (0..r.nodes.len())
        .filter(|&i| r.nodes[i].kind.reports() && r.under(i, node))
        .count()
}

/// Roster bodies at or under `node` that must report and have no report summed.
fn missing_under(r: &Roster, node: usize, units: &[Unit]) -> usize {
    let reported = reported_bodies(r, units);
    (0..r.nodes.len())
        .filter(|&i| r.nodes[i].kind.reports() && r.under(i, node) && !reported[i])
        .count()
}

/// For each roster body: a report of it is summed.
pub(super) fn reported_bodies(r: &Roster, units: &[Unit]) -> Vec<bool> {
    let mut reported = vec![false; r.nodes.len()];
    for m in units.iter().filter(|u| u.summed()).filter_map(|u| u.roster) {
        if let Some(slot) = reported.get_mut(m) {
            *slot = true;
        }
    }
    reported
}
