//! District totals: decide for each report whether it counts ([`Inclusion`]: readable, the
//! roll-up year, one per unit, its roster body), sum every cell exactly as the records come
//! ([`Sums`]), and re-check the arithmetic on the totals.

use crate::aggregate::roster::{Match, Roster};
use crate::check::{t3_arithmetic, t4_arithmetic, Sink};
use crate::finding::said::{ChosenBy, DuplicateRole, NotSummed, Said};
use crate::finding::{Check, Finding};
use crate::input::load::Status;
use crate::input::record::Record;
use crate::ledger::{Decided, Ledger, Subjects};
use crate::template::keys::{t3_key, t4_key, T3Col, T3Row, T4Block, T4Result};
use crate::template::{Entry, Table3, Table4, Template};
use crate::value::{CellValue, Decimal};
use std::collections::BTreeMap;

mod explain;
pub mod roster;
pub use explain::explain_summed_file;
mod sums;
use std::time::Duration;
pub use sums::Sums;

/// The name of the district row when there is no roster.
pub const DISTRICT: &str = "district";

/// The result of a roll-up.
pub struct Rollup {
    /// The year rolled up, and whether it was inferred from the reports.
    pub year: Option<i32>,
    pub year_inferred: bool,
    /// Every input, in path order: its record, and whether (and why not) it is summed.
    pub units: Vec<Unit>,
    /// The roster bodies' names (what [`Unit::roster`] points into); empty without a roster.
    pub roster_nodes: Vec<String>,
    /// The roster bodies that must report and have no report summed, in roster order (indices
    /// into `roster_nodes`).
    pub missing: Vec<usize>,
    /// One row per adding-up node of the roster (the top first), or the one district row;
    /// never empty.
    pub levels: Vec<Level>,
}

/// Why a report is summed into the totals, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inclusion {
    Summed,
    /// The file could not be read: nothing to sum.
    Unread,
    /// The file holds two different reports (TWO_REPORTS): which one counts is unknown.
    TwoReports,
    /// A report of another year than the roll-up's (YEAR_MISMATCH).
    OtherYear,
    /// Another report of the same unit and year is summed (DUPLICATE_REPORT).
    Duplicate,
}

/// One input of the roll-up: its record (what reading it gave), whether it is summed, the
/// roster body it belongs to, and where the roll-up's findings about it are.
#[derive(Debug, Clone)]
pub struct Unit {
    pub record: Record,
    pub inclusion: Inclusion,
    /// The roster body it was matched to (an index into [`Rollup::roster_nodes`]); `None`
    /// without a roster, off the roster, or when it was out before matching.
    pub roster: Option<usize>,
    /// The roll-up's findings about it in the spill (another year, a duplicate, not on the
    /// roster …), kept apart from its own so that its record stays what reading it gave.
    pub decided: Decided,
    /// A report on no roster body that is probably this body's (which has no report).
    pub maybe_body: Option<usize>,
}

impl Unit {
    /// A unit before the roll-up decides on it: summed unless it has nothing to sum.
    pub fn new(record: Record) -> Unit {
        let inclusion = if record.status == Status::Failed {
            Inclusion::Unread
        } else if record.two_reports {
            Inclusion::TwoReports
        } else {
            Inclusion::Summed
        };
        Unit {
            record,
            inclusion,
            roster: None,
            decided: Decided::default(),
            maybe_body: None,
        }
    }

    pub fn summed(&self) -> bool {
        self.inclusion == Inclusion::Summed
    }

    /// Its unit's name, or for a file that could not be read (no name inside), the file's
    /// name without its extension, as its findings give it.
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        if self.unit.is_empty() {
            crate::input::load::stem_of(std::path::Path::new(&self.source)).into()
        } else {
            std::borrow::Cow::Borrowed(&self.unit)
        }
    }
}

/// A unit is read as its record (source, unit name, cells …).
impl std::ops::Deref for Unit {
    type Target = Record;
    fn deref(&self) -> &Record {
        &self.record
    }
}

/// What the ledger needs of the roll-up: its units, their roster bodies, its levels' totals.
impl Subjects for Rollup {
    fn unit_count(&self) -> usize {
        self.units.len()
    }

    fn record(&self, i: usize) -> &Record {
        &self.units[i].record
    }

    fn decided(&self, i: usize) -> &Decided {
        &self.units[i].decided
    }

    fn body(&self, i: usize) -> Option<&str> {
        self.roster_name(&self.units[i])
    }

    fn level_total(&self, level: &str, key: &str) -> Option<Option<Decimal>> {
        self.levels
            .iter()
            .find(|l| l.name == level)
            .map(|l| l.total(key))
    }
}

/// A node of the roll-up tree (district.csv row): the sum of the reports under it.
#[derive(Debug, Clone)]
pub struct Level {
    pub name: String,
    /// What it is: the district (also the one row without a roster), the city above it, or a
    /// body that has bodies under it.
    pub kind: crate::aggregate::roster::Kind,
    pub parent: String,
    /// Totals in `all_cell_keys()` order; `None` where no unit printed a number.
    pub totals: Totals,
    pub included: usize,
    /// Roster bodies under it that must report; `None` without a roster.
    pub expected: Option<usize>,
    /// Of those, the ones with no report summed.
    pub missing: usize,
    /// Summed reports under it that have errors of their own: its totals are provisional
    /// until they are corrected.
    pub with_errors: usize,
    /// The units summed into it (indices into [`Rollup::units`], in order).
    pub members: Vec<u32>,
}

impl Level {
    /// How the views name its totals: `临江区合计`, or `合计` for the district of a run without
    /// a roster (whose row is named `district`).
    pub fn totals_zh(&self) -> String {
        if self.name == DISTRICT {
            "合计".to_string()
        } else {
            format!("{}合计", self.name)
        }
    }

    /// [`Level::totals_zh`] in English.
    pub fn totals_en(&self) -> String {
        if self.name == DISTRICT {
            "the district totals".to_string()
        } else {
            format!("{} totals", self.name)
        }
    }

    /// Its total of a cell.
    pub fn total_of(&self, cell: crate::template::CellRef) -> Option<Decimal> {
        self.total(&cell.key())
    }

    pub fn total(&self, key: &str) -> Option<Decimal> {
        self.totals
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| *v)
    }
}

impl Rollup {
    /// The top node: the district (or the city above it).
    pub fn top(&self) -> &Level {
        &self.levels[0]
    }

    /// The top node's name (`district` without a roster).
    pub fn district(&self) -> &str {
        &self.top().name
    }

    /// The top node's totals.
    pub fn totals(&self) -> &Totals {
        &self.top().totals
    }

    /// The top node's total of cell `key`.
    pub fn total(&self, key: &str) -> Option<Decimal> {
        self.top().total(key)
    }

    pub fn units_included(&self) -> usize {
        self.units.iter().filter(|u| u.summed()).count()
    }

    /// The name of the roster body a unit belongs to.
    pub fn roster_name(&self, u: &Unit) -> Option<&str> {
        u.roster
            .and_then(|i| self.roster_nodes.get(i))
            .map(String::as_str)
    }

    pub fn units_failed(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.status == Status::Failed)
            .count()
    }

    pub fn units_blank_celled(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.summed() && u.blank_celled)
            .count()
    }

    /// The roster bodies with no report summed, in roster order.
    pub fn missing_units(&self) -> Vec<&str> {
        self.missing
            .iter()
            .map(|&i| self.roster_nodes[i].as_str())
            .collect()
    }
}

/// Majority year of the readable reports (ties: the later year).
fn infer_year(units: &[Unit]) -> Option<i32> {
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

/// How the roll-up year is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearChoice {
    /// `--year`.
    Given(i32),
    /// The year most reports give.
    Majority,
    /// No year: no report is held to one (`check` without `--year`).
    Unchecked,
}

/// Roll up the records of the units (their own findings in `ledger`'s spill), putting the
/// roll-up's findings in `ledger`.
pub fn rollup(
    records: Vec<Record>,
    ledger: &mut Ledger,
    choice: YearChoice,
    roster: Option<&Roster>,
) -> Rollup {
    rollup_with(records, ledger, choice, roster, None)
}

/// How to choose between two versions of one unit's report (`--prefer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    /// The file changed last.
    Newest,
    /// The file last in path order (`财政局_修订.docx` after `财政局.docx`).
    Path,
}

/// [`rollup`], choosing between versions of a unit's report by `prefer` (and the roster's
/// `file` column) instead of reporting them as duplicates.
pub fn rollup_with(
    records: Vec<Record>,
    ledger: &mut Ledger,
    choice: YearChoice,
    roster: Option<&Roster>,
    prefer: Option<Prefer>,
) -> Rollup {
    // A failed file has nothing to sum; a file holding two different reports cannot say which
    // one counts (TWO_REPORTS): see `Unit::new`.
    let mut d = Decisions {
        units: records.into_iter().map(Unit::new).collect(),
        ledger,
    };
    let year_inferred = choice == YearChoice::Majority;
    let year = match choice {
        YearChoice::Given(y) => Some(y),
        YearChoice::Majority => infer_year(&d.units),
        YearChoice::Unchecked => None,
    };
    d.hold_to_year(year, year_inferred);
    if let Some(r) = roster {
        d.match_roster(r);
    }
    d.one_per_unit(roster, prefer);
    let Decisions { mut units, ledger } = d;
    if let Some(r) = roster {
        roster_checks(r, &units, year, ledger);
    }
    let levels = sum_levels(&units, roster, ledger);
    // The roll-up's findings about single units go beside their own, on disk: a province's
    // duplicates or reports of another year never make memory grow.
    ledger.set_aside(
        units
            .iter_mut()
            .map(|u| (u.record.source.as_str(), &mut u.decided)),
    );
    let roster_nodes = roster.map_or_else(Vec::new, |r| {
        r.nodes.iter().map(|n| n.name.clone()).collect()
    });
    let missing = roster.map_or_else(Vec::new, |r| {
        let reported = reported_bodies(r, &units);
        (0..r.nodes.len())
            .filter(|&i| r.nodes[i].kind.reports() && !reported[i])
            .collect()
    });
    Rollup {
        year,
        year_inferred,
        units,
        roster_nodes,
        missing,
        levels,
    }
}

/// The roll-up's stages so far: the units, and the ledger the findings about them go to.
struct Decisions<'l> {
    units: Vec<Unit>,
    ledger: &'l mut Ledger,
}

impl Decisions<'_> {
    /// A finding about unit `i`, put with it on disk at once.
    fn decide(&mut self, i: usize, f: Finding) {
        self.ledger.decide(&mut self.units[i].decided, f);
    }

    /// Reports of another year are not this year's figures.
    fn hold_to_year(&mut self, year: Option<i32>, inferred: bool) {
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
    fn match_roster(&mut self, r: &Roster) {
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
    fn one_per_unit(&mut self, roster: Option<&Roster>, prefer: Option<Prefer>) {
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
fn file_name(source: &str) -> String {
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

/// Sum, in one pass over the records: each summed report into the top and every roster level
/// above it; then each level's totals re-checked (their findings into `findings`).
fn sum_levels(units: &[Unit], roster: Option<&Roster>, ledger: &mut Ledger) -> Vec<Level> {
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
use crate::finding::said::MAX_NAMED;

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
fn reported_bodies(r: &Roster, units: &[Unit]) -> Vec<bool> {
    let mut reported = vec![false; r.nodes.len()];
    for m in units.iter().filter(|u| u.summed()).filter_map(|u| u.roster) {
        if let Some(slot) = reported.get_mut(m) {
            *slot = true;
        }
    }
    reported
}

/// Re-check the table-三 and table-四 arithmetic on summed totals.
fn recheck(totals: &Totals, sink: &mut Sink) {
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

/// Findings that need the roster: missing reports, and 规章 from bodies that cannot make them.
fn roster_checks(r: &Roster, units: &[Unit], year: Option<i32>, findings: &mut Ledger) {
    let year_txt = year.map_or(String::new(), |y| y.to_string());
    let reported = reported_bodies(r, units);
    for (i, node) in r.nodes.iter().enumerate() {
        if !node.kind.reports() || reported[i] {
            continue;
        }
        // A report on no body that names this one as its likely body is the one finding.
        if units.iter().any(|u| u.maybe_body == Some(i)) {
            continue;
        }
        let sent: Vec<&Unit> = units.iter().filter(|u| u.roster == Some(i)).collect();
        // A file that could not be read is that body's one finding (UNPARSEABLE …), not a
        // second one saying its report is missing.
        if sent.iter().any(|u| u.inclusion == Inclusion::Unread) {
            continue;
        }
        let sent_file = sent.first().map_or(String::new(), |u| file_name(&u.source));
        let sent_said = sent
            .first()
            .and_then(|u| Some((u.source.clone(), not_summed(u)?)));
        findings.push(Finding {
            source: String::new(),
            unit: node.name.clone(),
            check: Check::MissingReport,
            cells: vec![],
            said: Said::Missing {
                body: node.name.clone(),
                year,
                sent: sent_said,
            },
            place: String::new(),
            facts: vec![year_txt.clone(), sent_file],
        });
    }
    // 规章 are made by provinces and cities with districts: a body at district level or below
    // has none to make, repeal or keep in force.
    for u in units.iter().filter(|u| u.summed()) {
        let Some(m) = u.roster else {
            continue;
        };
        if r.nodes[m].kind == crate::aggregate::roster::Kind::City {
            continue;
        }
        use crate::template::cells::{RULES_IN_FORCE, RULES_ISSUED, RULES_REPEALED};
        let rules: Vec<(String, Decimal)> = [RULES_ISSUED, RULES_REPEALED, RULES_IN_FORCE]
            .into_iter()
            .filter_map(|c| u.number_of(c).map(|v| (c.key(), v)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        if rules.is_empty() {
            continue;
        }
        findings.push(Finding {
            source: u.source.clone(),
            unit: u.unit.clone(),
            check: Check::RulesNonzero,
            cells: rules.iter().map(|(k, _)| k.to_string()).collect(),
            said: Said::RulesNonzero {
                values: rules
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_string()))
                    .collect(),
            },
            place: String::new(),
            facts: Vec::new(),
        });
    }
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

/// Totals in key order, `None` where no unit printed a number.
pub type Totals = Vec<(String, Option<Decimal>)>;

#[cfg(test)]
mod tests;
