//! The roll-up's decisions about each report: the roll-up year, its roster body, one report
//! per unit and year (and which one, when the office chose) — each a finding about that unit.

use super::roster::{Match, Roster};
use super::{Inclusion, Prefer, Unit};
use crate::finding::said::{ChosenBy, DuplicateRole, NotSummed, Said, MAX_NAMED};
use crate::finding::{Check, Finding};
use crate::input::load::Status;
use crate::input::record::Record;
use crate::ledger::Ledger;
use std::collections::BTreeMap;
use std::time::Duration;

/// Majority year of the readable reports (ties: the later year).
pub(super) fn infer_year(units: &[Unit]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for u in units.iter().filter(|u| u.status != Status::Failed) {
        if let Some(y) = u.year {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

fn unit_finding(u: &Record, check: Check, said: Said) -> Finding {
    Finding {
        source: u.source.clone(),
        unit: u.unit.clone(),
        check,
        cells: vec![],
        said,
        place: String::new(),
        facts: Vec::new(),
    }
}

/// The roll-up's stages so far: the units, and the ledger the findings about them go to.
pub(super) struct Decisions<'l> {
    pub(super) units: Vec<Unit>,
    pub(super) ledger: &'l mut Ledger,
}

impl Decisions<'_> {
    /// A finding about unit `i`, put with it on disk at once.
    fn decide(&mut self, i: usize, f: Finding) {
        self.ledger.decide(&mut self.units[i].decided, f);
    }

    /// Reports of another year are not this year's figures.
    pub(super) fn hold_to_year(&mut self, year: Option<i32>, inferred: bool) {
        for i in 0..self.units.len() {
            let u = &self.units[i];
            let ry = u.year;
            if let (Some(want), Some(got)) = (year, ry) {
                if got != want && u.summed() {
                    self.units[i].inclusion = Inclusion::OtherYear;
                    let u = &self.units[i];
                    let f = unit_finding(
                        u,
                        Check::YearMismatch,
                        Said::OtherYear {
                            got,
                            want,
                            inferred,
                        },
                    )
                    .with_facts([got, want]);
                    self.decide(i, f);
                }
            }
        }
    }

    /// The roster body of each summed report; a report on no body, or on several, is summed
    /// into the top only.
    pub(super) fn match_roster(&mut self, r: &Roster) {
        let mut unknown: Vec<(usize, Finding)> = Vec::new();
        let mut unknown_names: Vec<usize> = Vec::new();
        let matched: Vec<Option<usize>> = self
            .units
            .iter()
            .enumerate()
            .map(|(ui, u)| {
                if !u.summed() {
                    // Not summed (unreadable, another year, two reports): matched without a
                    // finding, so that a missing body can name the file it sent.
                    return match r.find(&u.name()) {
                        Match::Unit(i) => Some(i),
                        _ => None,
                    };
                }
                match r.find(&u.unit) {
                    Match::Unit(i) => Some(i),
                    Match::Unknown => {
                        // Said once the bodies with no report are known ("did you mean").
                        unknown_names.push(ui);
                        None
                    }
                    Match::Ambiguous(many) => {
                        let names: Vec<&str> =
                            many.iter().map(|&i| r.nodes[i].name.as_str()).collect();
                        unknown.push((
                            ui,
                            unit_finding(
                                u,
                                Check::UnknownUnit,
                                Said::FitsSeveral {
                                    unit: u.unit.clone(),
                                    bodies: names.iter().map(|n| n.to_string()).collect(),
                                    top: r.nodes[r.top()].name.clone(),
                                },
                            )
                            .with_facts(names.iter().map(|n| n.to_string())),
                        ));
                        None
                    }
                }
            })
            .collect();
        // A report on no body and a body with no report that are probably the same are one
        // finding: the report's, naming the body ("did you mean").
        let mut reported = vec![false; r.nodes.len()];
        for (u, m) in self.units.iter().zip(&matched) {
            if let (true, Some(m)) = (u.summed(), m) {
                reported[*m] = true;
            }
        }
        let top = &r.nodes[r.top()].name;
        for ui in unknown_names {
            let guess = r.closest(&self.units[ui].unit, |b| {
                r.nodes[b].kind.reports() && !reported[b]
            });
            self.units[ui].maybe_body = guess;
            let u = &self.units[ui];
            let facts = [
                u.unit.clone(),
                guess.map_or(String::new(), |b| r.nodes[b].name.clone()),
            ];
            let f = unit_finding(
                u,
                Check::UnknownUnit,
                Said::NotOnRoster {
                    unit: u.unit.clone(),
                    maybe: guess.map(|b| r.nodes[b].name.clone()),
                    top: top.clone(),
                },
            );
            unknown.push((ui, f.with_facts(facts)));
        }
        unknown.sort_by_key(|(i, _)| *i);
        for (i, f) in unknown {
            self.decide(i, f);
        }
        for (u, m) in self.units.iter_mut().zip(matched) {
            u.roster = m;
        }
    }

    /// One report per unit and year (per roster body when there is a roster): the newest file
    /// counts.
    pub(super) fn one_per_unit(&mut self, roster: Option<&Roster>, prefer: Option<Prefer>) {
        let mut groups: BTreeMap<(String, Option<i32>), Vec<usize>> = BTreeMap::new();
        for (i, u) in self.units.iter().enumerate() {
            if u.summed() {
                let who = match (roster, u.roster) {
                    (Some(r), Some(m)) => r.nodes[m].name.clone(),
                    _ => u.unit.clone(),
                };
                let key = (who, u.year);
                groups.entry(key).or_default().push(i);
            }
        }
        for ((unit, ry), idx) in groups.into_iter().filter(|(_, v)| v.len() > 1) {
            // The roster's `file` for the body, else `--prefer`: a choice the office made.
            let named = roster.and_then(|r| {
                let body = self.units[idx[0]].roster?;
                let file = r.nodes[body].file.as_deref()?;
                idx.iter()
                    .copied()
                    .find(|&i| names_file(&self.units[i].source, file))
            });
            let chosen_by = match (named, prefer) {
                (Some(i), _) => Some((i, ChosenBy::RosterFile)),
                (None, Some(Prefer::Newest)) => {
                    Some((pick_newest(&self.units, &idx), ChosenBy::Newest))
                }
                (None, Some(Prefer::Path)) => Some((
                    *idx.iter()
                        .max_by(|a, b| self.units[**a].source.cmp(&self.units[**b].source))
                        .unwrap_or(&idx[0]),
                    ChosenBy::LastPath,
                )),
                (None, None) => None,
            };
            if let Some((chosen, chosen_by)) = chosen_by {
                // The office chose: the summed file gets no finding, each other an info.
                for &i in idx.iter().filter(|&&i| i != chosen) {
                    self.units[i].inclusion = Inclusion::Duplicate;
                    let used = self.units[chosen].source.clone();
                    let f = unit_finding(
                        &self.units[i],
                        Check::OtherVersion,
                        Said::OtherVersion {
                            unit: unit.clone(),
                            year: ry,
                            used: used.clone(),
                            chosen_by,
                        },
                    )
                    .with_facts([file_name(&used)]);
                    self.decide(i, f);
                }
                continue;
            }
            let chosen = pick_newest(&self.units, &idx);
            // The others by name, a few of them: a folder of many copies must not make a message
            // (and a spreadsheet cell) that grows with their number.
            let others: Vec<String> = idx
                .iter()
                .filter(|i| **i != chosen)
                .map(|i| self.units[*i].source.clone())
                .take(MAX_NAMED)
                .collect();
            let unnamed = idx.len() - 1 - others.len();
            for &i in &idx {
                let role = if i == chosen {
                    DuplicateRole::Newest {
                        reports: idx.len(),
                        others: others.clone(),
                        unnamed,
                    }
                } else {
                    self.units[i].inclusion = Inclusion::Duplicate;
                    DuplicateRole::Older {
                        newer: self.units[chosen].source.clone(),
                    }
                };
                let chosen_file = file_name(&self.units[chosen].source);
                let said = Said::Duplicate {
                    unit: unit.clone(),
                    year: ry,
                    role,
                };
                let f = unit_finding(&self.units[i], Check::DuplicateReport, said)
                    .with_facts([chosen_file, (i == chosen).to_string()]);
                self.decide(i, f);
            }
        }
    }
}

/// A path's last part (what a finding's id names a file by: moving the folder keeps it).
pub(super) fn file_name(source: &str) -> String {
    std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Does `source` name the file `file` (a file name, or the end of a path)?
fn names_file(source: &str, file: &str) -> bool {
    let norm = |s: &str| s.replace('\\', "/");
    let (source, file) = (norm(source), norm(file.trim()));
    !file.is_empty() && (source == file || source.ends_with(&format!("/{file}")))
}

/// Why a unit's file is not summed (`None`: it is).
pub fn not_summed(u: &Unit) -> Option<NotSummed> {
    match u.inclusion {
        Inclusion::Summed => None,
        Inclusion::Unread => Some(NotSummed::Unread),
        Inclusion::TwoReports => Some(NotSummed::TwoReports),
        Inclusion::OtherYear => Some(NotSummed::OtherYear(u.year)),
        Inclusion::Duplicate => Some(NotSummed::Duplicate),
    }
}

/// The newest file by modification time; within two seconds (a fresh checkout), the last path.
fn pick_newest(units: &[Unit], idx: &[usize]) -> usize {
    let mut best = idx[0];
    for &i in &idx[1..] {
        let (a, b) = (units[best].modified, units[i].modified);
        // `i` comes later in path order: it wins unless `best` is clearly newer.
        let newer = match (a, b) {
            (Some(a), Some(b)) => a
                .duration_since(b)
                .map_or(true, |older_by| older_by <= Duration::from_secs(2)),
            _ => true,
        };
        if newer {
            best = i;
        }
    }
    best
}
