//! The pipeline, one screen: discover → load (parallel, order-preserving) → aggregate → write.

use crate::aggregate::{rollup, YearChoice};
use crate::cli::{Cli, Command, Config, FailOn, Previous};
use crate::discover::{discover, Discovered, Exclude};
use crate::findings::{Finding, Severity};
use crate::guards;
use crate::load::{load, Loaded, Status};
use crate::output::lock::LockError;
use crate::output::set::OutSet;
use crate::output::summary::finding_line;
use crate::output::{write_all, RunRecord};
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
    #[error("summing the district totals failed: {0}")]
    Aggregate(#[from] polars::prelude::PolarsError),
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
        Some(Command::Run(a)) => run_rollup(
            Config::new(a.inputs, a.out, &a.common, a.quiet, arguments)?
                .with_roster(a.roster.as_ref())?
                .with_previous(a.previous)?
                .with_published(a.published)?
                .allowing_shrink(a.allow_shrink),
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
            .allowing_shrink(cli.run.allow_shrink),
        ),
    }
}

/// Load every report under the config's inputs, in path order, on `jobs` threads.
fn load_all(
    inputs: &[std::path::PathBuf],
    config: &Config,
) -> Result<(Vec<Loaded>, Vec<Finding>), Error> {
    load_found(discover(inputs, &Exclude::default()), config)
}

/// Load what discovery found, in path order, on `jobs` threads.
fn load_found(found: Discovered, config: &Config) -> Result<(Vec<Loaded>, Vec<Finding>), Error> {
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
    let loaded: Vec<Loaded> = pool.install(|| {
        found
            .files
            .par_iter()
            .map(|p| {
                let l = load(p);
                bar.inc(1);
                l
            })
            .collect()
    });
    bar.finish_and_clear();
    Ok((loaded, found.findings))
}

fn exit_for(findings: &[Finding], fail_on: FailOn) -> ExitCode {
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let fails = threshold.is_some_and(|t| findings.iter().any(|f| f.severity() >= t));
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
    // Never read the outputs (this set, the last one) as reports; the lock and other sets are
    // known by their marks.
    let exclude = Exclude {
        output_dirs: [set.dir().to_path_buf(), set.previous_dir()]
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .collect(),
    };
    let found = discover(&config.inputs, &exclude);
    let passed_over = found.passed_over.clone();
    if found.files.is_empty() {
        return Err(Error::NoReports(guards::no_reports(
            &config,
            Some(&set),
            &found,
        )));
    }
    let (mut loaded, discovery) = load_found(found, &config)?;
    // The published aggregate is not a unit, even when it sits among the reports.
    if let Some(p) = config
        .published
        .as_ref()
        .and_then(|p| p.canonicalize().ok())
    {
        loaded.retain(|u| std::path::Path::new(&u.source).canonicalize().ok() != Some(p.clone()));
    }
    let choice = config.year.map_or(YearChoice::Majority, YearChoice::Given);
    let mut r = rollup(loaded, discovery, choice, config.roster.as_ref())?;
    notes.extend(guards::year_note(&r));
    if let Some(message) = guards::shrunk(&set, r.units_included(), config.allow_shrink, &notes) {
        return Err(Error::Shrunk(message));
    }
    if let Some(last) = &config.previous {
        let last = match last {
            Previous::UnitsCsv(rows) => rows.clone(),
            Previous::Reports(path) => {
                let (loaded, walk) = load_all(std::slice::from_ref(path), &config)?;
                // What of last year could not be read is said, not skipped.
                r.findings.extend(walk);
                r.findings.extend(previous::unreadable(&loaded));
                previous::from_reports(&loaded)
            }
        };
        r.findings
            .extend(previous::check(&r, &last, config.roster.as_ref()));
    }
    if let Some(path) = &config.published {
        let aggregate = load(path);
        r.findings.extend(aggregate.findings.iter().cloned());
        r.findings.extend(published::check(&r, &aggregate));
    }
    r.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let record = RunRecord {
        rollup: &r,
        version: env!("CARGO_PKG_VERSION"),
        arguments: config.arguments.clone(),
        started,
        finished: crate::timefmt::now(),
        passed_over: &passed_over,
        notes: &notes,
    };
    write_all(&set, &record)?;
    // Warnings about the run itself go to stderr, before the summary and even with --quiet:
    // cron mails them.
    for note in &notes {
        eprintln!("gid-rollup: warning: {note}");
    }
    if !config.quiet {
        print_summary(&record, &config)?;
    }
    drop(lock);
    Ok(exit_for(&r.findings, config.fail_on))
}

fn print_summary(record: &RunRecord, config: &Config) -> Result<(), Error> {
    let r = record.rollup;
    let mut out = std::io::stdout().lock();
    let count = |s: Severity| r.count(s);
    let status = |s: Status| r.units.iter().filter(|u| u.status == s).count();
    let year = match (r.year, r.year_inferred) {
        (Some(y), true) => format!("{y} (most reports)"),
        (Some(y), false) => y.to_string(),
        (None, _) => "unknown".into(),
    };
    writeln!(
        out,
        "gid-rollup {}: {} · year {year}",
        env!("CARGO_PKG_VERSION"),
        r.district()
    )?;
    let heads = [
        "reports", "ok", "partial", "failed", "summed", "errors", "warnings", "infos",
    ];
    let values = [
        r.units.len(),
        status(Status::Ok),
        status(Status::Partial),
        status(Status::Failed),
        r.units_included(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    ];
    let widths: Vec<usize> = heads
        .iter()
        .zip(&values)
        .map(|(h, v)| h.len().max(v.to_string().len()))
        .collect();
    let rule: String = widths
        .iter()
        .map(|w| format!("+{}", "-".repeat(w + 2)))
        .collect();
    writeln!(out, "  {rule}+")?;
    let cells: String = heads
        .iter()
        .zip(&widths)
        .map(|(h, w)| format!("| {h:<w$} "))
        .collect();
    writeln!(out, "  {cells}|")?;
    writeln!(out, "  {rule}+")?;
    let cells: String = values
        .iter()
        .zip(&widths)
        .map(|(v, w)| format!("| {v:>w$} "))
        .collect();
    writeln!(out, "  {cells}|")?;
    writeln!(out, "  {rule}+")?;
    if let Some(line) = record.passed_over.describe() {
        writeln!(out, "  {line}")?;
    }
    if let Some(top) = r.levels.first().filter(|l| l.expected.is_some()) {
        writeln!(
            out,
            "  roster {}: {} units expected, {} missing",
            top.name,
            top.expected.unwrap_or(0),
            top.missing
        )?;
    }
    let total = |k: &str| r.total(k).map_or("blank".to_string(), |d| d.to_string());
    writeln!(
        out,
        "  totals: {} new applications, {} processed, {} carried forward; {} reviews, {} lawsuits",
        total("t3.new_received.total"),
        total("t3.total_processed.total"),
        total("t3.carried_forward.total"),
        total("t4.review.total"),
        r.total("t4.suit_direct.total")
            .zip(r.total("t4.suit_after_review.total"))
            .and_then(|(a, b)| a.checked_add(b))
            .map_or("blank".to_string(), |d| d.to_string()),
    )?;
    writeln!(
        out,
        "  outputs in {}/: report.html, district.xlsx, summary.md, units.csv, district.csv, findings.csv, units.parquet, manifest.json",
        config.out.display()
    )?;
    Ok(())
}

/// `check`: findings of single files, one block per file.
fn check(config: &Config) -> Result<ExitCode, Error> {
    let found = discover(&config.inputs, &Exclude::default());
    if found.files.is_empty() {
        return Err(Error::NoReports(guards::no_reports(config, None, &found)));
    }
    let passed_over = found.passed_over.describe();
    let (loaded, discovery) = load_found(found, config)?;
    let choice = config.year.map_or(YearChoice::Unchecked, YearChoice::Given);
    let r = rollup(loaded, discovery, choice, None)?;
    let mut out = std::io::stdout().lock();
    let unit_findings: Vec<Finding> = r
        .findings
        .iter()
        .filter(|f| !f.source.is_empty())
        .cloned()
        .collect();
    for u in &r.units {
        let year = u
            .report
            .as_ref()
            .and_then(|r| r.year)
            .map_or("?".into(), |y| y.to_string());
        writeln!(
            out,
            "{}  [{} {} · {}]",
            u.source,
            u.unit(),
            year,
            u.status.name()
        )?;
        let mine: Vec<&Finding> = unit_findings
            .iter()
            .filter(|f| f.source == u.source)
            .collect();
        if mine.is_empty() {
            writeln!(out, "  no findings / 未发现问题")?;
        }
        for f in mine {
            writeln!(out, "  {}", plain(&finding_line(f)))?;
        }
    }
    for f in unit_findings
        .iter()
        .filter(|f| !r.units.iter().any(|u| u.source == f.source))
    {
        writeln!(out, "{}\n  {}", f.source, plain(&finding_line(f)))?;
    }
    if let Some(line) = passed_over {
        writeln!(out, "{line}")?;
    }
    Ok(exit_for(&unit_findings, config.fail_on))
}

fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "")
}
