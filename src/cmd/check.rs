//! `check`: the findings of single files, one block per file, without a roll-up's outputs.

use super::load::load_found;
use super::{exit, guards, Error};
use crate::aggregate::{rollup, YearChoice};
use crate::cli::{Config, FailOn};
use crate::finding::{Finding, Severity};
use crate::input::discover::{discover, Exclude};
use crate::ledger::Ledger;
use crate::output::summary::finding_line;
use std::io::Write;
use std::process::ExitCode;

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

/// `check`: findings of single files, one block per file.
pub fn check(config: &Config) -> Result<ExitCode, Error> {
    let found = discover(&config.inputs, &Exclude::own_files(&crate::output::Marks));
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
        mine.sort_by(|a, b| a.order(b));
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
