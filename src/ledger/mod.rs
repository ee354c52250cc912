//! The ledger of findings. Every stage pushes what it finds here — the readers' findings about
//! a file go to a spill on disk beside its record, the roll-up's decisions about a unit are put
//! with them, the rest (discovery, the district's re-checks, last year's, the published
//! aggregate's, the outputs' own) are kept in memory — and nothing takes them back out or
//! changes them. [`Ledger::finish`] then orders them, gives each its id ([`id`]), looks up the
//! office's acceptances (migrating the ids of the version before, [`legacy`]) and counts once:
//! the [`Findings`] it returns are read-only, and are what the views and the exit status read.

pub mod accepted;
pub mod id;
pub mod legacy;

use accepted::{Acceptance, Accepted};

use crate::finding::{Counts, Finding, Severity};
use crate::input::record::{FindingSpill, Record, Stored};
use crate::value::Decimal;
use std::collections::{HashMap, HashSet};

/// What a run's findings are about, as the ledger needs to know it: the units (each its record
/// and the roll-up's decisions about it), the roster body each belongs to, and each level's
/// totals. The roll-up (`aggregate::Rollup`) is one; the ledger knows nothing else of it.
pub trait Subjects: Sync {
    /// How many units (inputs) there are.
    fn unit_count(&self) -> usize;
    /// Unit `i`'s record.
    fn record(&self, i: usize) -> &Record;
    /// The roll-up's findings about unit `i`, on disk.
    fn decided(&self, i: usize) -> &Decided;
    /// The roster body unit `i` belongs to.
    fn body(&self, i: usize) -> Option<&str>;
    /// The total of cell `key` at the level named `level` (`None` when there is no such
    /// level; `Some(None)` where no unit printed a number).
    fn level_total(&self, level: &str, key: &str) -> Option<Option<Decimal>>;
}

/// The roll-up's findings about one unit (another year, a duplicate, not on the roster …), on
/// disk, kept apart from its own so that its record stays what reading it gave.
#[derive(Debug, Clone, Default)]
pub struct Decided {
    pub at: Vec<Stored>,
    /// Errors, warnings, infos among those.
    pub counts: Counts,
}

/// Findings as they are pushed, before the run is finished.
pub struct Ledger {
    /// The units' own findings (and the roll-up's about them), on disk.
    spill: FindingSpill,
    /// Every other finding, in the order pushed.
    rest: Vec<Finding>,
}

impl Ledger {
    /// A ledger over the units' spill, starting with what discovery found.
    pub fn new(spill: FindingSpill, discovery: Vec<Finding>) -> Ledger {
        Ledger {
            spill,
            rest: discovery,
        }
    }

    pub fn push(&mut self, f: Finding) {
        self.rest.push(f);
    }

    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.rest.extend(findings);
    }

    /// Where the units' findings are.
    pub fn spill(&self) -> &FindingSpill {
        &self.spill
    }

    /// A finding about a unit (its decisions `d`), put with it on disk at once (kept in memory
    /// should the spill fail: nothing is lost).
    pub fn decide(&mut self, d: &mut Decided, f: Finding) {
        match self.spill.put(std::slice::from_ref(&f)) {
            Ok(at) => {
                d.at.push(at);
                d.counts.add(f.severity(), 1);
            }
            Err(_) => self.rest.push(f),
        }
    }

    /// Put the findings so far that name a unit's file with that unit, on disk: a province's
    /// duplicates or reports of another year never make memory grow.
    /// `units`: each unit's source and its decisions.
    pub fn set_aside<'u>(&mut self, units: impl IntoIterator<Item = (&'u str, &'u mut Decided)>) {
        let mut units: Vec<(&str, &mut Decided)> = units.into_iter().collect();
        let index: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, (source, _))| (*source, i))
            .collect();
        let mut per_unit: std::collections::BTreeMap<usize, Vec<Finding>> = Default::default();
        let mut rest = Vec::new();
        for f in std::mem::take(&mut self.rest) {
            match index.get(f.source.as_str()) {
                Some(&i) if !f.source.is_empty() => per_unit.entry(i).or_default().push(f),
                _ => rest.push(f),
            }
        }
        drop(index);
        for (i, mut list) in per_unit {
            list.sort_by(|a, b| a.order(b));
            match self.spill.put(&list) {
                Ok(at) => {
                    units[i].1.at.push(at);
                    units[i].1.counts += Counts::of(&list);
                }
                // A spill that cannot be written keeps them in memory: nothing is lost.
                Err(_) => rest.extend(list),
            }
        }
        self.rest = rest;
    }

    #[cfg(test)]
    /// A unit's findings so far (its record's own and the roll-up's `decided`), sorted.
    pub fn unit_findings(
        &self,
        record: &Record,
        decided: &Decided,
    ) -> std::io::Result<Vec<Finding>> {
        read_unit(&self.spill, record, decided)
    }

    /// Every finding so far in `findings.csv` order (by source, then check), one unit's read
    /// back from the spill at a time.
    pub fn for_each(
        &self,
        subjects: &dyn Subjects,
        mut each: impl FnMut(&Finding),
    ) -> std::io::Result<()> {
        let mut rest: Vec<&Finding> = self.rest.iter().collect();
        rest.sort_by(|a, b| a.order(b));
        let mut rest = rest.into_iter().peekable();
        for i in by_source(subjects) {
            for f in read_unit(&self.spill, subjects.record(i), subjects.decided(i))? {
                while let Some(r) = rest.next_if(|r| r.order(&f).is_lt()) {
                    each(r);
                }
                each(&f);
            }
        }
        rest.for_each(each);
        Ok(())
    }

    /// Finish the run's findings: order them, give each its id, look up the office's
    /// acceptances (`legacy`: last night's findings of the version before, whose ids the
    /// accepted-findings file may still hold), count once.
    pub fn finish(
        self,
        r: &dyn Subjects,
        accepted: Accepted,
        legacy: Option<legacy::Legacy>,
    ) -> std::io::Result<Findings<'_>> {
        let Ledger { spill, mut rest } = self;
        rest.sort_by(|a, b| a.order(b));
        let mut findings = Findings {
            r,
            spill,
            rest,
            held: None,
            accepted,
            review: Review::default(),
            migrated: HashMap::new(),
            migrated_from: HashMap::new(),
        };
        findings.hold();
        if let Some(legacy) = legacy {
            findings.migrated = legacy.map_onto(&findings)?;
            findings.migrated_from = findings
                .migrated
                .iter()
                .map(|(old, new)| (new.clone(), old.clone()))
                .collect();
        }
        findings.review = findings.reviewed()?;
        Ok(findings)
    }
}

/// The units in source order (indices).
fn by_source(s: &dyn Subjects) -> Vec<usize> {
    let mut order: Vec<usize> = (0..s.unit_count()).collect();
    order.sort_by(|&a, &b| s.record(a).source.cmp(&s.record(b).source));
    order
}

fn read_unit(
    spill: &FindingSpill,
    record: &Record,
    decided: &Decided,
) -> std::io::Result<Vec<Finding>> {
    let mut all = spill.get(record.findings)?;
    for at in &decided.at {
        all.extend(spill.get(*at)?);
    }
    all.sort_by(|a, b| a.order(b));
    Ok(all)
}

/// What the accepted findings matched: counted per severity (they do not count toward
/// `--fail-on`), and the ids of the file matched (the others are stale).
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub counts: Counts,
    pub matched: HashSet<String>,
}

/// A finding as the outputs list it: with its id, and the office's acceptance of it.
#[derive(Debug, Clone)]
pub struct Listed<'a> {
    pub finding: Finding,
    pub id: String,
    pub accepted: Option<&'a Acceptance>,
    /// The unit whose file it is about (an index into the [`Subjects`]' units).
    pub unit_index: Option<usize>,
}

impl std::ops::Deref for Listed<'_> {
    type Target = Finding;
    fn deref(&self) -> &Finding {
        &self.finding
    }
}

/// The most unit findings held in memory for the outputs (a few hundred bytes each); above
/// this, each pass reads them back from the spill.
const HOLD_MAX: u64 = 100_000;

/// A run's findings, finished: in order, with ids and acceptances, counted. Read-only.
pub struct Findings<'r> {
    r: &'r dyn Subjects,
    spill: FindingSpill,
    /// The findings not on disk with a unit, sorted by source, then check.
    rest: Vec<Finding>,
    /// The units' findings read back once, when there are few enough to hold: the outputs
    /// then go over them many times without the spill.
    held: Option<Vec<Vec<Finding>>>,
    accepted: Accepted,
    review: Review,
    /// Ids of the version before (in the accepted-findings file) → this version's.
    migrated: HashMap<String, String>,
    /// The same, new → old (what a finding's acceptance is looked up by).
    migrated_from: HashMap<String, String>,
}

impl<'r> Findings<'r> {
    /// The office's accepted findings (empty without `--accepted`).
    pub fn accepted(&self) -> &Accepted {
        &self.accepted
    }

    /// What the accepted findings matched.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The accepted ids of the version before that were given this version's ids: (old, new),
    /// in the file's order.
    pub fn migrated(&self) -> Vec<(&str, &str)> {
        self.accepted
            .entries
            .iter()
            .filter_map(|a| {
                self.migrated
                    .get(&a.id)
                    .map(|new| (a.id.as_str(), new.as_str()))
            })
            .collect()
    }

    /// The accepted findings no finding of this run matched.
    pub fn stale_acceptances(&self) -> Vec<&Acceptance> {
        self.accepted.stale(&self.review.matched)
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        let own: usize = (0..self.r.unit_count())
            .map(|i| {
                (self.r.record(i).counts.get(severity) + self.r.decided(i).counts.get(severity))
                    as usize
            })
            .sum();
        own + self
            .rest
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }

    /// How many findings have this severity and are not accepted (what `--fail-on` counts).
    pub fn count_open(&self, severity: Severity) -> usize {
        self.count(severity)
            .saturating_sub(self.review.counts.get(severity) as usize)
    }

    /// How many findings there are in all.
    pub fn count_all(&self) -> usize {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| self.count(s))
            .sum()
    }

    /// Error, warning and info counts per source (units, the published aggregate, and the
    /// district's under the empty source).
    pub fn counts_by_source(&self) -> HashMap<&str, Counts> {
        let mut m: HashMap<&str, Counts> = HashMap::with_capacity(self.r.unit_count());
        for i in 0..self.r.unit_count() {
            let u = self.r.record(i);
            let c = m.entry(u.source.as_str()).or_default();
            *c += u.counts;
            *c += self.r.decided(i).counts;
        }
        for f in &self.rest {
            m.entry(f.source.as_str()).or_default().add(f.severity(), 1);
        }
        m
    }

    /// Unit `i`'s findings: its own and the roll-up's about it, sorted.
    pub fn unit_findings(&self, i: usize) -> std::io::Result<Vec<Finding>> {
        if let Some(held) = &self.held {
            return Ok(held[i].clone());
        }
        read_unit(&self.spill, self.r.record(i), self.r.decided(i))
    }

    /// The findings not on disk with a unit, in order: discovery's, the district's, the
    /// published aggregate's, and the roll-up's about files that are not units.
    pub fn rest(&self) -> &[Finding] {
        &self.rest
    }

    /// A unit's own findings as stored (a JSON array, or nothing): what `units.parquet` keeps.
    pub fn stored_raw(&self, at: Stored) -> std::io::Result<Vec<u8>> {
        self.spill.get_raw(at)
    }

    /// Read the units' findings back from the spill once and hold them, when there are at
    /// most [`HOLD_MAX`]; a spill that cannot be read leaves them where they are (each pass
    /// then says so).
    fn hold(&mut self) {
        let own: u64 = (0..self.r.unit_count())
            .map(|i| {
                u64::from(self.r.record(i).counts.total())
                    + u64::from(self.r.decided(i).counts.total())
            })
            .sum();
        if own > HOLD_MAX {
            return;
        }
        let held: std::io::Result<Vec<Vec<Finding>>> = (0..self.r.unit_count())
            .map(|i| {
                let (record, decided) = (self.r.record(i), self.r.decided(i));
                if record.findings.len == 0 && decided.at.is_empty() {
                    Ok(Vec::new())
                } else {
                    read_unit(&self.spill, record, decided)
                }
            })
            .collect();
        self.held = held.ok();
    }

    /// Every finding — the units' own, read back from the spill, and the rest — sorted by
    /// source, then check (the order of `findings.csv`), each with its id and acceptance.
    /// Reads one unit's findings at a time.
    pub fn all(&self) -> AllFindings<'_, 'r> {
        let r = self.r;
        let by_source = by_source(r);
        let order: Vec<usize> = by_source
            .iter()
            .copied()
            .filter(|&i| r.record(i).findings.len > 0 || !r.decided(i).at.is_empty())
            .collect();
        AllFindings {
            f: self,
            order: order.into_iter(),
            own: Vec::new().into_iter().peekable(),
            own_unit: None,
            rest: self.rest.iter().peekable(),
            by_source,
            seen: HashMap::new(),
            cells: None,
        }
    }

    /// The acceptance of the finding with this id (given under it, or under its id of the
    /// version before).
    fn acceptance(&self, id: &str) -> Option<&Acceptance> {
        self.accepted.get(id).or_else(|| {
            let old = self.migrated_from.get(id)?;
            self.accepted.get(old)
        })
    }

    /// Match every finding against the accepted ones (one pass over them all).
    fn reviewed(&self) -> std::io::Result<Review> {
        let mut review = Review::default();
        if self.accepted.is_empty() {
            return Ok(review);
        }
        for f in self.all() {
            let f = f?;
            if let Some(a) = f.accepted {
                review.counts.add(f.severity(), 1);
                review.matched.insert(a.id.clone());
            }
        }
        Ok(review)
    }

    /// The same findings with some made after they were finished (a view that could not be
    /// made): finished again.
    pub fn with(self, late: Vec<Finding>) -> std::io::Result<Findings<'r>> {
        if late.is_empty() {
            return Ok(self);
        }
        let mut f = self;
        f.rest.extend(late);
        f.rest.sort_by(|a, b| a.order(b));
        f.review = f.reviewed()?;
        Ok(f)
    }
}

/// Every finding of a run in order; see [`Findings::all`].
pub struct AllFindings<'a, 'r> {
    f: &'a Findings<'r>,
    /// Units with findings, by source.
    order: std::vec::IntoIter<usize>,
    /// The current unit's own findings.
    own: std::iter::Peekable<std::vec::IntoIter<Finding>>,
    own_unit: Option<usize>,
    rest: std::iter::Peekable<std::slice::Iter<'a, Finding>>,
    /// Every unit, by source: the unit of a finding made after the roll-up (last year's, the
    /// published aggregate's).
    by_source: Vec<usize>,
    /// How often each id has been given so far (a second finding of the same meaning gets
    /// the next id of that meaning).
    seen: HashMap<[u8; 32], u32>,
    /// The cells of the unit last listed, unpacked.
    cells: Option<(usize, Vec<crate::value::CellValue>)>,
}

impl<'a, 'r> AllFindings<'a, 'r> {
    /// The unit whose file is `source`, by the sorted index `by_source`.
    fn unit_at(&self, source: &str) -> Option<usize> {
        let r = self.f.r;
        self.by_source
            .binary_search_by(|&i| r.record(i).source.as_str().cmp(source))
            .ok()
            .map(|k| self.by_source[k])
    }

    fn listed(&mut self, finding: Finding, unit: Option<usize>) -> Listed<'a> {
        // A unit's cells are unpacked once for all its findings (they come one unit at a time).
        if let Some(i) = unit {
            if self.cells.as_ref().map(|(u, _)| *u) != Some(i) {
                let values = self.f.r.record(i).cells.values().collect();
                self.cells = Some((i, values));
            }
        }
        let cells = self.cells.as_ref().map(|(_, v)| v.as_slice());
        let meaning = id::meaning(self.f.r, &finding, unit, cells);
        let n = self.seen.entry(meaning).or_insert(0);
        let id = id::id(&meaning, *n);
        *n += 1;
        let accepted = self.f.acceptance(&id);
        Listed {
            finding,
            id,
            accepted,
            unit_index: unit,
        }
    }
}

impl<'a, 'r> Iterator for AllFindings<'a, 'r> {
    /// A finding, or why the spill could not be read back.
    type Item = std::io::Result<Listed<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.own.peek().is_none() {
            let Some(i) = self.order.next() else { break };
            match self.f.unit_findings(i) {
                Ok(found) => {
                    self.own = found.into_iter().peekable();
                    self.own_unit = Some(i);
                }
                Err(e) => return Some(Err(e)),
            }
        }
        let take_own = match (self.own.peek(), self.rest.peek()) {
            (Some(a), Some(b)) => a.order(b).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_own {
            let unit = self.own_unit;
            let f = self.own.next()?;
            Some(Ok(self.listed(f, unit)))
        } else {
            let f = self.rest.next()?.clone();
            let unit = (!f.source.is_empty())
                .then(|| self.unit_at(&f.source))
                .flatten();
            Some(Ok(self.listed(f, unit)))
        }
    }
}

#[cfg(test)]
mod tests;
