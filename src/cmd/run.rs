//! `run`, the nightly job, on one screen: lock the output folder → discover → load (parallel,
//! cached) → roll up → last year, the published aggregate → finish the ledger → publish the
//! whole set → tell the terminal.

use super::load::{load_all, load_cached};
use super::{exit, guards, Error};
use crate::aggregate::YearChoice;
use crate::cli::{Config, FailOn, Previous};
use crate::finding::Severity;
use crate::input::cache::Cache;
use crate::input::discover::{discover, Exclude};
use crate::input::load::load;
use crate::input::record::Record;
use crate::ledger::Ledger;
use crate::office::{previous, published};
use crate::output::set::OutSet;
use crate::output::RunInfo;
use std::io::Write;
use std::process::ExitCode;

pub fn run(config: Config) -> Result<ExitCode, Error> {
    let started = crate::util::timefmt::now();
    // One run per output folder; what killed runs left beside it goes; a folder of someone
    // else's files is never replaced.
    let set = OutSet::new(&config.out);
    let lock = set.lock()?;
    set.remove_leftovers();
    set.check_owned()?;
    let mut notes: Vec<String> = lock.takeover_note().into_iter().collect();
    // The cache is opened (and tagged) before discovery, so that it is never read as reports.
    let mut cache = config
        .cache
        .as_deref()
        .map(|dir| Cache::open(dir, &config.out));
    // Never read the outputs (this set, the last one) as reports; the lock and other sets are
    // known by their marks.
    let known = |path: &std::path::Path, meta: &std::fs::Metadata| {
        cache
            .as_ref()
            .is_some_and(|c| c.is_unchanged_report(path, meta))
    };
    let exclude = Exclude {
        own: &crate::output::Marks,
        known_report: Some(&known),
        output_dirs: [set.dir().to_path_buf(), set.previous_dir()]
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .collect(),
        cache_dirs: config
            .cache
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .collect(),
    };
    let mut found = discover(&config.inputs, &exclude);
    // The published aggregate and the accepted-findings file are not units, even when they
    // sit among the reports.
    let not_units: Vec<std::path::PathBuf> =
        [config.published.as_ref(), config.accepted.path.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|p| p.canonicalize().ok())
            .collect();
    if !not_units.is_empty() {
        found
            .files
            .retain(|f| f.canonicalize().map_or(true, |c| !not_units.contains(&c)));
    }
    let passed_over = found.passed_over.clone();
    if found.files.is_empty() {
        return Err(Error::NoReports(guards::no_reports(
            &config,
            Some(&set),
            &found,
        )));
    }
    let records = load_cached(found, &config, set.parent(), cache.as_ref())?;
    // Every file has been looked up: the index is not needed while the outputs are made.
    if let Some(c) = cache.as_mut() {
        c.forget_index();
    }
    let cache_counts = cache.as_ref().map(Cache::counts);
    let mut ledger = Ledger::new(records.spill, records.discovery);
    let r = roll_up_guarded(&config, &set, records.units, &mut ledger, &mut notes)?;
    let mut yoy = None;
    if let Some(last) = &config.previous {
        let last = match last {
            Previous::UnitsCsv(rows) => rows.clone(),
            Previous::Reports(path) => {
                let last = load_all(std::slice::from_ref(path), &config, set.parent())?;
                // What of last year could not be read is said, not skipped.
                ledger.extend(last.discovery.iter().cloned());
                ledger.extend(
                    previous::unreadable(&last.units, &last.spill)
                        .map_err(|e| Error::Spill(set.parent().to_path_buf(), e))?,
                );
                previous::from_reports(&last.units)
            }
        };
        ledger.extend(previous::check(&r, &last, config.roster.as_ref()));
        yoy = Some(previous::year_on_year(
            &r,
            crate::output::terminal::own_level(&r),
            &last,
            config.roster.as_ref(),
            crate::output::VIEW_UNITS,
        ));
    }
    if let Some(path) = &config.published {
        let aggregate = load(path);
        let own = published::own_findings(&r, &ledger, &aggregate);
        ledger.extend(own);
        ledger.extend(crate::office::deadline::check_published(&r, &aggregate));
        let compared = published::check(&r, &ledger, &aggregate)
            .map_err(|e| Error::Spill(set.parent().to_path_buf(), e))?;
        ledger.extend(compared);
    }
    let done = Done {
        set: &set,
        started,
        notes,
        passed_over: &passed_over,
        cache: cache.as_ref(),
        cache_counts,
        yoy,
    };
    let code = publish(&config, &r, ledger, done)?;
    drop(lock);
    Ok(code)
}

/// Roll the records up for the year and roster of `config`, with the night's guards: a note
/// when few reports are of the year, and a stop (exit 2, outputs kept) when far fewer are summed
/// than last time.
pub(super) fn roll_up_guarded(
    config: &Config,
    set: &OutSet,
    units: Vec<Record>,
    ledger: &mut Ledger,
    notes: &mut Vec<String>,
) -> Result<crate::aggregate::Rollup, Error> {
    let choice = config.year.map_or(YearChoice::Majority, YearChoice::Given);
    let mut r =
        crate::aggregate::rollup_with(units, ledger, choice, config.roster.as_ref(), config.prefer);
    r.set_deadlines(config.roster.as_ref(), &config.deadlines);
    ledger.extend(crate::office::deadline::check(&r));
    if let Some(register) = &config.cases {
        let (found, note) = crate::office::cases::check(&r, register, config.roster.as_ref());
        ledger.extend(found);
        notes.extend(note);
    }
    notes.extend(guards::year_note(&r));
    if let Some(message) = guards::shrunk(set, r.units_included(), config.allow_shrink, notes) {
        return Err(Error::Shrunk(message));
    }
    Ok(r)
}

/// What a run (or a merge) has besides its roll-up when it writes its outputs.
pub(super) struct Done<'a> {
    pub(super) set: &'a OutSet,
    pub(super) started: String,
    pub(super) notes: Vec<String>,
    pub(super) passed_over: &'a crate::input::discover::PassedOver,
    pub(super) cache: Option<&'a Cache>,
    pub(super) cache_counts: Option<crate::input::cache::CacheCounts>,
    pub(super) yoy: Option<crate::office::previous::YearOnYear>,
}

/// Write the outputs of a roll-up (the views first: one that cannot be made is said, and every
/// other output is still written), keep the cache, tell the terminal; the exit status.
pub(super) fn publish(
    config: &Config,
    r: &crate::aggregate::Rollup,
    ledger: Ledger,
    done: Done,
) -> Result<ExitCode, Error> {
    let Done {
        set,
        started,
        mut notes,
        passed_over,
        cache,
        cache_counts,
        yoy,
    } = done;
    // Accepted ids of the version before are looked up in last night's findings.csv.
    let legacy = crate::ledger::legacy::Legacy::read(
        &set.dir().join("findings.csv"),
        &crate::ledger::legacy::wanted(&config.accepted),
    );
    let findings = ledger
        .finish(r, config.accepted.clone(), legacy)
        .map_err(|e| Error::Spill(set.parent().to_path_buf(), e))?;
    notes.extend(carry_over_ids(&findings));
    notes.extend(config.accepted.problem_notes());
    // Last night's set, before this run's replaces it.
    let since = crate::office::since::compare(
        set.dir(),
        r,
        &findings,
        crate::output::terminal::own_level(r),
    );
    let info = RunInfo {
        version: env!("CARGO_PKG_VERSION"),
        arguments: config.arguments.clone(),
        started,
        passed_over,
        cache: cache_counts,
        since,
        yoy,
        contact: config.contact.clone(),
    };
    let (findings, todo) = crate::output::publish(
        set,
        r,
        findings,
        &info,
        &mut notes,
        &crate::output::all_exports(),
    )?;
    // The records are kept for next time once the outputs are out; a cache that cannot be
    // written costs only a slower next run.
    if let Some(Err(e)) = cache.map(|c| c.save(r.units.iter().map(|u| &u.record))) {
        super::say(&format!(
            "gid-rollup: warning: 记录缓存无法保存 / the record cache could not be saved: {e}"
        ));
    }
    // Warnings about the run itself go to stderr, before the summary and even with --quiet:
    // cron mails them.
    for note in &notes {
        super::say(&format!("gid-rollup: warning: {note}"));
    }
    let threshold = match config.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let verdict = crate::output::terminal::verdict(&findings, threshold);
    if !config.quiet {
        let record = info.record(r, &findings, &notes);
        let lines =
            crate::output::terminal::lines(&record, &todo, &config.out, config.levels, verdict);
        // The new set is in place: a terminal that cannot be written to (a closed pipe, a full
        // disk behind a redirection) changes nothing of it, nor the exit status.
        let mut out = std::io::stdout().lock();
        let printed = lines.iter().try_for_each(|line| writeln!(out, "{line}"));
        if let Err(e) = printed.and_then(|_| out.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                super::say(&format!(
                    "gid-rollup: warning: 无法写到终端（{e}）；输出已全部写入 {} / cannot write to the terminal ({e}); every output was written to {}",
                    config.out.display(),
                    config.out.display()
                ));
            }
        }
    }
    Ok(ExitCode::from(match verdict {
        crate::output::terminal::Verdict::Findings(..) => exit::FINDINGS,
        crate::output::terminal::Verdict::Clean(_) => exit::CLEAN,
    }))
}

/// The accepted ids of the version before that this run carried over, written into the
/// accepted-findings file: a note saying so (or that the file could not be written).
fn carry_over_ids(findings: &crate::ledger::Findings) -> Option<String> {
    let migrated = findings.migrated();
    let path = findings.accepted().path.as_ref()?;
    if migrated.is_empty() {
        return None;
    }
    Some(match crate::ledger::legacy::rewrite(path, &migrated) {
        Ok(n) => crate::finding::note(
            format!(
                "已接受问题文件 {} 中{n}项的编号已按新规则更新（问题编号改为由问题内容决定，报告修改后不再失效；旧编号保留在 old_id 列）",
                path.display()
            ),
            format!(
                "{n} id(s) in the accepted-findings file {} were carried over to this version's ids (made from what a finding is about, so a revised report keeps them; the old ids are kept in its old_id column)",
                path.display()
            ),
        ),
        Err(e) => crate::finding::note(
            format!("已接受问题的新编号本次已使用，但无法写回文件（{e}）；请确保下次运行前该文件可写，否则这些问题将重新列为未接受"),
            format!("the accepted findings' new ids were used this time but could not be written back ({e}); make the file writable before the next run, or they will be open again"),
        ),
    })
}
