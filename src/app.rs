//! The pipeline, one screen: discover → load (parallel, order-preserving) → aggregate → write.

use crate::aggregate::{rollup, YearChoice};
use crate::cache::Cache;
use crate::cli::{Cli, Command, Config, FailOn, Previous};
use crate::discover::{discover, Discovered, Exclude};
use crate::findings::{Finding, Severity};
use crate::guards;
use crate::ledger::Ledger;
use crate::load::load;
use crate::output::lock::LockError;
use crate::output::set::OutSet;
use crate::output::summary::finding_line;
use crate::output::RunInfo;
use crate::record::{FindingSpill, Record};
use crate::show::{show_json, show_rows};
use crate::{previous, published};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// The one error type at the top: anything that stops the run (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] crate::cli::ConfigError),
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    #[error("cannot keep the reports' findings in a temporary file in {0}: {1}")]
    Spill(std::path::PathBuf, std::io::Error),
    #[error("cannot start {0} worker threads: {1}")]
    Threads(usize, String),
    #[error("cannot write to the terminal: {0}")]
    Stdout(#[from] std::io::Error),
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Nothing to roll up: the previous outputs are kept.
    #[error("{0}")]
    NoReports(String),
    /// Far fewer reports summed than last night: the previous outputs are kept.
    #[error("{0}")]
    Shrunk(String),
    #[error(transparent)]
    Merge(#[from] crate::merge::MergeError),
    /// `accept` could not add the findings.
    #[error("{0}")]
    Accept(String),
}

impl Error {
    /// The reader of what was printed went away (`… | head`): not a failure of the command.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Exit statuses: 0 clean, 1 findings at `--fail-on`, 2 the run could not be done.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

pub fn run(cli: Cli, arguments: Vec<String>) -> Result<ExitCode, Error> {
    match cli.command {
        Some(Command::Check(a)) => {
            let config = Config::new(a.files, "out".into(), &a.common, false, arguments)?;
            check(&config)
        }
        Some(Command::Show(a)) => {
            let config = Config::new(
                vec![a.file.clone()],
                "out".into(),
                &Default::default(),
                true,
                arguments,
            )?;
            let mut out = std::io::stdout().lock();
            if a.rows {
                return match show_rows(&config.inputs[0]) {
                    Ok(text) => {
                        write!(out, "{text}")?;
                        Ok(ExitCode::from(exit::CLEAN))
                    }
                    Err(message) => {
                        writeln!(out, "{message}")?;
                        Ok(ExitCode::from(exit::FINDINGS))
                    }
                };
            }
            writeln!(out, "{}", show_json(&config.inputs[0]))?;
            Ok(ExitCode::from(exit::CLEAN))
        }
        Some(Command::Merge(a)) => {
            let config = Config::new(a.dirs.clone(), a.out, &a.common, a.quiet, arguments)?
                .with_roster(a.roster.as_ref())?
                .with_office(&a.office)?
                .allowing_shrink(a.allow_shrink);
            run_merge(config, &a.dirs)
        }
        Some(Command::Accept(a)) => crate::accept::accept(&a),
        Some(Command::Run(a)) => run_rollup(
            Config::new(a.inputs, a.out, &a.common, a.quiet, arguments)?
                .with_roster(a.roster.as_ref())?
                .with_previous(a.previous)?
                .with_published(a.published)?
                .with_office(&a.office)?
                .allowing_shrink(a.allow_shrink)
                .with_cache(a.cache, a.no_cache),
        ),
        None => run_rollup(
            Config::new(
                cli.run.inputs,
                cli.run.out,
                &cli.run.common,
                cli.run.quiet,
                arguments,
            )?
            .with_roster(cli.run.roster.as_ref())?
            .with_previous(cli.run.previous)?
            .with_published(cli.run.published)?
            .with_office(&cli.run.office)?
            .allowing_shrink(cli.run.allow_shrink)
            .with_cache(cli.run.cache, cli.run.no_cache),
        ),
    }
}

/// Every report read, as compact records in path order, with their findings in a spill.
pub struct Records {
    pub units: Vec<Record>,
    pub spill: FindingSpill,
    /// What discovery found wrong (folders that could not be read).
    pub discovery: Vec<Finding>,
}

/// Load every report under `inputs`, in path order, on `jobs` threads.
fn load_all(
    inputs: &[std::path::PathBuf],
    config: &Config,
    spill_dir: &std::path::Path,
) -> Result<Records, Error> {
    load_found(discover(inputs, &Exclude::default()), config, spill_dir)
}

/// Load what discovery found, in path order, on `jobs` threads. Each file is read, checked and
/// reduced to its record at once; its findings go to a spill file in `spill_dir`, so memory
/// holds a few hundred bytes per report whatever their number.
fn load_found(
    found: Discovered,
    config: &Config,
    spill_dir: &std::path::Path,
) -> Result<Records, Error> {
    load_cached(found, config, spill_dir, None)
}

/// [`load_found`], taking the records of unchanged files from `cache` and keeping the others'.
fn load_cached(
    found: Discovered,
    config: &Config,
    spill_dir: &std::path::Path,
    cache: Option<&Cache>,
) -> Result<Records, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(|e| Error::Threads(config.jobs, e.to_string()))?;
    let bar = if !config.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(found.files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let spill_error = |e| Error::Spill(spill_dir.to_path_buf(), e);
    let spill = std::sync::Mutex::new(FindingSpill::new_in(spill_dir).map_err(spill_error)?);
    // The first failure to keep findings stops the run after the batch; the records are
    // collected straight into their vector (no second copy of them all).
    let failure: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let units: Vec<Record> = pool.install(|| {
        found
            .files
            .par_iter()
            .map(|p| {
                let cached = cache.and_then(|c| c.get(p));
                let (mut record, findings) = cached.unwrap_or_else(|| {
                    let (record, findings) = Record::of_loaded(load(p));
                    if let Some(c) = cache {
                        c.put(p, &record, &findings);
                    }
                    (record, findings)
                });
                bar.inc(1);
                // Where in the spill does not matter: the findings are read back by place.
                let stored = spill
                    .lock()
                    .map_err(|_| std::io::Error::other("spill lock poisoned"))
                    .and_then(|mut spill| spill.put(&findings));
                match stored {
                    Ok(at) => record.findings = at,
                    Err(e) => {
                        if let Ok(mut first) = failure.lock() {
                            first.get_or_insert(e);
                        }
                    }
                }
                record
            })
            .collect()
    });
    bar.finish_and_clear();
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(spill_error(e));
    }
    let spill = spill
        .into_inner()
        .map_err(|_| spill_error(std::io::Error::other("spill lock poisoned")))?;
    Ok(Records {
        units,
        spill,
        discovery: found.findings,
    })
}

/// Exit 1 when some finding is at least as severe as `--fail-on` (`reached(severity)`).
fn exit_for(reached: impl Fn(Severity) -> bool, fail_on: FailOn) -> ExitCode {
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let fails = threshold.is_some_and(reached);
    ExitCode::from(if fails { exit::FINDINGS } else { exit::CLEAN })
}

fn run_rollup(config: Config) -> Result<ExitCode, Error> {
    let started = crate::timefmt::now();
    // One run per output folder; what killed runs left beside it goes; a folder of someone
    // else's files is never replaced.
    let set = OutSet::new(&config.out);
    let lock = set.lock()?;
    set.remove_leftovers();
    set.check_owned()?;
    let mut notes: Vec<String> = lock.takeover_note().into_iter().collect();
    // The cache is opened (and tagged) before discovery, so that it is never read as reports.
    let mut cache = config.cache.as_deref().map(Cache::open);
    // Never read the outputs (this set, the last one) as reports; the lock and other sets are
    // known by their marks.
    let known = |path: &std::path::Path, meta: &std::fs::Metadata| {
        cache
            .as_ref()
            .is_some_and(|c| c.is_unchanged_report(path, meta))
    };
    let exclude = Exclude {
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
    let cache_counts = cache.as_ref().map(|c| {
        use std::sync::atomic::Ordering::Relaxed;
        [c.hits.load(Relaxed), c.misses.load(Relaxed)]
    });
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
        ));
    }
    if let Some(path) = &config.published {
        let aggregate = load(path);
        let own = published::own_findings(&r, &ledger, &aggregate);
        ledger.extend(own);
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
fn roll_up_guarded(
    config: &Config,
    set: &OutSet,
    units: Vec<Record>,
    ledger: &mut Ledger,
    notes: &mut Vec<String>,
) -> Result<crate::aggregate::Rollup, Error> {
    let choice = config.year.map_or(YearChoice::Majority, YearChoice::Given);
    let r =
        crate::aggregate::rollup_with(units, ledger, choice, config.roster.as_ref(), config.prefer);
    notes.extend(guards::year_note(&r));
    if let Some(message) = guards::shrunk(set, r.units_included(), config.allow_shrink, notes) {
        return Err(Error::Shrunk(message));
    }
    Ok(r)
}

/// What a run (or a merge) has besides its roll-up when it writes its outputs.
struct Done<'a> {
    set: &'a OutSet,
    started: String,
    notes: Vec<String>,
    passed_over: &'a crate::discover::PassedOver,
    cache: Option<&'a Cache>,
    cache_counts: Option<[usize; 2]>,
    yoy: Option<crate::previous::YearOnYear>,
}

/// Write the outputs of a roll-up (the views first: one that cannot be made is said, and every
/// other output is still written), keep the cache, tell the terminal; the exit status.
fn publish(
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
    // Last night's set, before this run's replaces it.
    let since = crate::since::compare(set.dir(), &findings, crate::output::terminal::own_level(r));
    let info = RunInfo {
        version: env!("CARGO_PKG_VERSION"),
        arguments: config.arguments.clone(),
        started,
        passed_over,
        cache: cache_counts,
        since,
        yoy,
    };
    let (findings, todo) = crate::output::publish(
        set,
        findings,
        &info,
        &mut notes,
        &crate::output::all_exports(),
    )?;
    // The records are kept for next time once the outputs are out; a cache that cannot be
    // written costs only a slower next run.
    if let Some(Err(e)) = cache.map(|c| c.save(r.units.iter().map(|u| &u.record))) {
        eprintln!(
            "gid-rollup: warning: 记录缓存无法保存 / the record cache could not be saved: {e}"
        );
    }
    // Warnings about the run itself go to stderr, before the summary and even with --quiet:
    // cron mails them.
    for note in &notes {
        eprintln!("gid-rollup: warning: {note}");
    }
    let threshold = match config.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let verdict = crate::output::terminal::verdict(&findings, threshold);
    if !config.quiet {
        let record = info.record(&findings, &notes);
        let lines =
            crate::output::terminal::lines(&record, &todo, &config.out, config.levels, verdict);
        // The new set is in place: a terminal that cannot be written to (a closed pipe, a full
        // disk behind a redirection) changes nothing of it, nor the exit status.
        let mut out = std::io::stdout().lock();
        let printed = lines.iter().try_for_each(|line| writeln!(out, "{line}"));
        if let Err(e) = printed.and_then(|_| out.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!(
                    "gid-rollup: warning: 无法写到终端（{e}）；输出已全部写入 {} / cannot write to the terminal ({e}); every output was written to {}",
                    config.out.display(),
                    config.out.display()
                );
            }
        }
    }
    Ok(ExitCode::from(match verdict {
        crate::output::terminal::Verdict::Findings(..) => exit::FINDINGS,
        crate::output::terminal::Verdict::Clean(_) => exit::CLEAN,
    }))
}

/// `merge`: the units of many runs (their `units.parquet`) rolled up again under `--roster`,
/// without reading any report: the same outputs as one run over all their reports.
fn run_merge(config: Config, dirs: &[std::path::PathBuf]) -> Result<ExitCode, Error> {
    let started = crate::timefmt::now();
    let set = OutSet::new(&config.out);
    let lock = set.lock()?;
    set.remove_leftovers();
    set.check_owned()?;
    let notes: Vec<String> = lock.takeover_note().into_iter().collect();
    let merged = crate::merge::read(dirs, set.parent())?;
    if merged.units.is_empty() {
        return Err(Error::NoReports(crate::findings::note(
            format!(
                "{}中没有任何单位；输出未改动",
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "the runs to merge hold no unit; no output was changed",
        )));
    }
    let mut notes = notes;
    let mut ledger = Ledger::new(merged.spill, merged.findings);
    let r = roll_up_guarded(&config, &set, merged.units, &mut ledger, &mut notes)?;
    let passed_over = crate::discover::PassedOver::default();
    let done = Done {
        set: &set,
        started,
        notes,
        passed_over: &passed_over,
        cache: None,
        cache_counts: None,
        yoy: None,
    };
    let code = publish(&config, &r, ledger, done)?;
    drop(lock);
    Ok(code)
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
        Ok(n) => crate::findings::note(
            format!(
                "已接受问题文件 {} 中{n}项的编号已按新规则更新（问题编号改为由问题内容决定，报告修改后不再失效；旧编号保留在 old_id 列）",
                path.display()
            ),
            format!(
                "{n} id(s) in the accepted-findings file {} were carried over to this version's ids (made from what a finding is about, so a revised report keeps them; the old ids are kept in its old_id column)",
                path.display()
            ),
        ),
        Err(e) => crate::findings::note(
            format!("已接受问题的新编号本次已使用，但无法写回文件（{e}）；请确保下次运行前该文件可写，否则这些问题将重新列为未接受"),
            format!("the accepted findings' new ids were used this time but could not be written back ({e}); make the file writable before the next run, or they will be open again"),
        ),
    })
}

/// `check`: findings of single files, one block per file.
fn check(config: &Config) -> Result<ExitCode, Error> {
    let found = discover(&config.inputs, &Exclude::default());
    if found.files.is_empty() {
        return Err(Error::NoReports(guards::no_reports(config, None, &found)));
    }
    let passed_over = found.passed_over.describe();
    let records = load_found(found, config, &std::env::temp_dir())?;
    let choice = config.year.map_or(YearChoice::Unchecked, YearChoice::Given);
    let mut ledger = Ledger::new(records.spill, records.discovery);
    let r = rollup(records.units, &mut ledger, choice, None);
    let spill_error = |e| Error::Spill(std::env::temp_dir(), e);
    let findings = ledger
        .finish(&r, Default::default(), None)
        .map_err(spill_error)?;
    let mut out = std::io::stdout().lock();
    // The run's own findings about a file (another year …), by file; district-level ones are
    // not `check`'s business.
    let mut others: std::collections::BTreeMap<&str, Vec<&Finding>> = Default::default();
    for f in findings.rest().iter().filter(|f| !f.source.is_empty()) {
        others.entry(f.source.as_str()).or_default().push(f);
    }
    let mut worst: Option<Severity> = None;
    for (i, u) in r.units.iter().enumerate() {
        let year = u.year.map_or("?".into(), |y| y.to_string());
        writeln!(
            out,
            "{}  [{} {} · {}]",
            u.source,
            u.unit,
            year,
            u.status.name()
        )?;
        let mut mine = findings.unit_findings(i).map_err(spill_error)?;
        mine.extend(
            others
                .remove(u.source.as_str())
                .into_iter()
                .flatten()
                .cloned(),
        );
        mine.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        if mine.is_empty() {
            writeln!(out, "  no findings / 未发现问题")?;
        }
        for f in &mine {
            worst = worst.max(Some(f.severity()));
            writeln!(out, "  {}", plain(&finding_line(f)))?;
        }
    }
    for (source, fs) in others {
        for f in fs {
            worst = worst.max(Some(f.severity()));
            writeln!(out, "{source}\n  {}", plain(&finding_line(f)))?;
        }
    }
    if let Some(line) = passed_over {
        writeln!(out, "{line}")?;
    }
    Ok(exit_for(|s| worst.is_some_and(|w| w >= s), config.fail_on))
}

fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "")
}
