//! District totals: decide for each report whether it counts ([`Inclusion`]: readable, the
//! roll-up year, one per unit, its roster body), sum every cell exactly as the records come
//! ([`Sums`]), and re-check the arithmetic on the totals.

use crate::aggregate::roster::Roster;
use crate::input::load::Status;
use crate::input::record::Record;
use crate::ledger::{Decided, Ledger, Subjects};
use crate::value::Decimal;

mod decide;
mod explain;
mod levels;
mod missing;
pub mod roster;
mod sums;

pub use decide::not_summed;
use decide::{infer_year, Decisions};
pub use explain::explain_summed_file;
use levels::{reported_bodies, sum_levels};
use missing::roster_checks;

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
    /// Each roster node's deadline (the day of the year after the report's): its own, else its
    /// kind's (`--deadline`), else 31 January (31 March for the 本级政府's own report).
    pub roster_due: Vec<roster::MonthDay>,
    /// `--deadline`'s days by kind.
    pub by_kind: Vec<(roster::Kind, roster::MonthDay)>,
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
    /// When it was published: the roster's date for its body, else what its page says.
    pub published: Option<crate::template::dated::Published>,
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
            inclusion,
            roster: None,
            decided: Decided::default(),
            maybe_body: None,
            published: record.published,
            record,
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

    /// The deadlines `--deadline` sets by kind: for the roster's bodies without one of their
    /// own, and for the reports on no body (by the kind their name says).
    pub fn set_deadlines(
        &mut self,
        roster: Option<&Roster>,
        by_kind: &[(roster::Kind, roster::MonthDay)],
    ) {
        self.by_kind = by_kind.to_vec();
        let Some(roster) = roster else {
            return;
        };
        for (i, n) in roster.nodes.iter().enumerate() {
            if n.due.is_some() {
                continue;
            }
            if let Some((_, day)) = by_kind.iter().rev().find(|(k, _)| *k == n.kind) {
                if let Some(due) = self.roster_due.get_mut(i) {
                    *due = *day;
                }
            }
        }
    }

    /// The deadline day of a body of `kind` with none of its own.
    pub fn due_of_kind(&self, kind: roster::Kind) -> roster::MonthDay {
        self.by_kind
            .iter()
            .rev()
            .find(|(k, _)| *k == kind)
            .map_or_else(|| roster::MonthDay::of_kind(kind), |(_, d)| *d)
    }

    /// A unit's deadline day: its roster body's, else the one of the kind its name says.
    pub fn due_of(&self, u: &Unit) -> roster::MonthDay {
        u.roster
            .and_then(|i| self.roster_due.get(i).copied())
            .unwrap_or_else(|| self.due_of_kind(roster::Kind::of_name(&u.name())))
    }

    /// A unit's deadline: its [`Rollup::due_of`] day in the year after its report's.
    pub fn due_date(&self, u: &Unit) -> Option<crate::util::date::Date> {
        self.due_of(u).in_year_after(u.year.or(self.year)?)
    }

    /// The district's own node (the roster's `district` row), else the top: the one total
    /// every view leads with.
    pub fn own(&self) -> &Level {
        self.levels
            .iter()
            .find(|l| l.kind == roster::Kind::District)
            .unwrap_or_else(|| self.top())
    }

    /// The levels as the views show them: the district's own first, then the others in roster
    /// order (the top above it among them, labelled as such).
    pub fn view_levels(&self) -> Vec<&Level> {
        let own = self.own();
        std::iter::once(own)
            .chain(self.levels.iter().filter(|l| !std::ptr::eq(*l, own)))
            .collect()
    }

    /// Whether `l` is a node above the district's own (its total holds reports off the roster
    /// that the district's does not).
    pub fn is_above_own(&self, l: &Level) -> bool {
        std::ptr::eq(l, self.top()) && !std::ptr::eq(self.top(), self.own())
    }

    /// The summed units that are in the top's total but not the district's own (bodies off the
    /// roster, summed into the top only): shown apart, with what they would add.
    pub fn off_own(&self) -> Vec<&Unit> {
        let own = self.own();
        if std::ptr::eq(own, self.top()) {
            return Vec::new();
        }
        let inside: std::collections::HashSet<u32> = own.members.iter().copied().collect();
        self.top()
            .members
            .iter()
            .filter(|i| !inside.contains(i))
            .filter_map(|&i| self.units.get(i as usize))
            .collect()
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
            .filter(|&&i| !self.units.iter().any(|u| u.maybe_body == Some(i)))
            .map(|&i| self.roster_nodes[i].as_str())
            .collect()
    }

    /// The roster bodies with no report summed but a report on no body most like them: likely
    /// their report under another name.
    pub fn likely_units(&self) -> Vec<&str> {
        self.missing
            .iter()
            .filter(|&&i| self.units.iter().any(|u| u.maybe_body == Some(i)))
            .map(|&i| self.roster_nodes[i].as_str())
            .collect()
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
    if let Some(r) = roster {
        for u in &mut units {
            let recorded = u.roster.and_then(|i| r.nodes.get(i)?.published);
            if let Some(on) = recorded {
                u.published = Some(crate::template::dated::Published {
                    on,
                    source: crate::template::dated::DateSource::Roster,
                });
            }
        }
    }
    let roster_nodes = roster.map_or_else(Vec::new, |r| {
        r.nodes.iter().map(|n| n.name.clone()).collect()
    });
    let roster_due = roster.map_or_else(Vec::new, |r| {
        r.nodes
            .iter()
            .map(|n| n.due.unwrap_or(roster::MonthDay::of_kind(n.kind)))
            .collect()
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
        roster_due,
        by_kind: Vec::new(),
        missing,
        levels,
    }
}

/// Totals in key order, `None` where no unit printed a number.
pub type Totals = Vec<(String, Option<Decimal>)>;

#[cfg(test)]
mod tests;
