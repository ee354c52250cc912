//! Command-line flags (clap derive) and their validation into one [`Config`] before any work.

use crate::aggregate::roster::{Roster, RosterError};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// Roll up government information disclosure annual reports (政府信息公开工作年度报告) into
/// district totals, and check every report.
#[derive(Debug, Parser)]
#[command(name = "gid-rollup", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand: `run` with these flags.
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Roll up reports into the district totals and write the outputs (the default).
    Run(RunArgs),
    /// Check single report files and print their findings.
    Check(CheckArgs),
    /// Print one parsed report as JSON: every cell with its state and place.
    Show(ShowArgs),
    /// Roll up the outputs of district runs (their units.parquet) into a city's or province's
    /// totals, without reading any report again.
    Merge(MergeArgs),
    /// Accept findings the office has checked and explained (by their id in findings.csv): they
    /// stay listed, marked accepted, and no longer make the exit status 1.
    Accept(AcceptArgs),
    /// Compare a roster with the reports: with --suggest, write a copy of the roster with the
    /// aliases its reports suggest (the names of reports most like bodies with no report), for
    /// the clerk to review and keep.
    Roster(RosterArgs),
}

#[derive(Debug, Args, Clone)]
pub struct RosterArgs {
    /// The roster (CSV).
    #[arg(value_name = "ROSTER")]
    pub roster: PathBuf,
    /// Report files or folders.
    #[arg(value_name = "INPUT", default_value = DEFAULT_INPUT)]
    pub inputs: Vec<PathBuf>,
    /// Write the roster with the suggested aliases (default: beside the roster, named
    /// `<roster>.suggested.csv`; the roster itself is never changed).
    #[arg(long)]
    pub suggest: bool,
    /// Where to write the suggested copy.
    #[arg(long, value_name = "FILE", requires = "suggest")]
    pub write: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args, Clone)]
pub struct AcceptArgs {
    /// Finding ids (the `id` column of findings.csv, e.g. F3a9c01d2e4b).
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
    /// Why the finding is accepted (what the unit said, what was checked).
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Who accepted it.
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// The office's accepted-findings file (made when it is not there yet).
    #[arg(long, value_name = "FILE")]
    pub accepted: PathBuf,
    /// The output folder whose findings.csv the ids are looked up in.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

#[derive(Debug, Args, Clone)]
pub struct MergeArgs {
    /// Output folders of earlier runs (each with its units.parquet).
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// The roster of the higher level (its bodies and the districts' bodies under them).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Replace the last outputs even when far fewer reports are summed than last time.
    #[arg(long)]
    pub allow_shrink: bool,
    #[command(flatten)]
    pub office: Office,
}

/// The office's choices for a roll-up, shared by `run` and `merge`.
#[derive(Debug, Args, Clone, Default)]
pub struct Office {
    /// The office's accepted findings (CSV: id,reason,accepted_by,accepted_on, as `accept`
    /// writes it): they stay listed, marked accepted, and do not count toward --fail-on.
    #[arg(long, value_name = "FILE")]
    pub accepted: Option<PathBuf>,
    /// Print the totals of every roster level, not only the district's own.
    #[arg(long)]
    pub levels: bool,
    /// When a unit sent two versions of its report: sum the newest file, or the last in path
    /// order (the other gets an info finding). Without it both get DUPLICATE_REPORT errors
    /// (the roster's `file` column can also name the file to use).
    #[arg(long, value_enum, value_name = "newest|path")]
    pub prefer: Option<crate::aggregate::Prefer>,
    /// The day by which a kind of body must publish its report, in the year after the report's
    /// (default 01-31; 03-31 for the government's own report, kind `district`; a roster `due`
    /// column sets one body's): `street=01-20`, `部门=1月25日`. May be given several times.
    #[arg(long, value_name = "KIND=MM-DD")]
    pub deadline: Vec<String>,
    /// The 司法局's register of reviews and lawsuits (CSV: unit, year, kind, result, case;
    /// 单位、年度、类别、结果、案号; optional role 角色): compared with each unit's table 四.
    #[arg(long, value_name = "FILE")]
    pub cases: Option<PathBuf>,
    /// The office's contact line, closing each unit's notice (`通知/<unit>.txt`): `区政务公开办
    /// 张三 0571-12345678`.
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
}

/// Which findings make the exit status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    /// Any error finding.
    #[default]
    Error,
    /// Any warning or error finding.
    Warning,
    /// Never (exit 0 whenever the run finished).
    Never,
}

#[derive(Debug, Args, Clone, Default)]
pub struct RunArgs {
    /// Report files or folders (searched recursively).
    #[arg(value_name = "INPUT", default_value = DEFAULT_INPUT)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// The roster of bodies that must report (CSV: name, aliases, kind, parent; see README).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Last year's reports (a file or folder) or last year's units.csv: checks that this year
    /// continues last year.
    #[arg(long, value_name = "PATH")]
    pub previous: Option<PathBuf>,
    /// The aggregate report the district published: compared with the sum of its units.
    #[arg(long, value_name = "FILE")]
    pub published: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// Print nothing but errors (no progress bar, no summary).
    #[arg(short, long)]
    pub quiet: bool,
    /// Replace the last outputs even when this run sums under half as many reports as the
    /// last one did (without it, such a run stops and keeps the last outputs).
    #[arg(long)]
    pub allow_shrink: bool,
    /// Keep each report's record here, so that an unchanged file is not read again next time
    /// (default: OUT.cache beside --out).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache: Option<PathBuf>,
    /// Read every file, and keep no records.
    #[arg(long)]
    pub no_cache: bool,
    #[command(flatten)]
    pub office: Office,
}

#[derive(Debug, Args, Clone)]
pub struct Common {
    /// Parallel jobs (default: the number of cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Exit 1 when a finding of this severity (or worse) is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The year being rolled up (reports of other years get YEAR_MISMATCH and are not summed).
    /// Default: the year most reports give.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Seconds one file may take to read before it is given up (TIME_LIMIT) and the run goes
    /// on: a backstop for files of a runaway shape.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::read::budget::DEFAULT.as_secs_f64())]
    pub file_time_limit: f64,
}

impl Default for Common {
    fn default() -> Self {
        Common {
            jobs: None,
            fail_on: FailOn::default(),
            year: None,
            file_time_limit: crate::read::budget::DEFAULT.as_secs_f64(),
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report files (or folders).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// One report file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the rows of cells the reader extracted (what the template parser sees), one line
    /// per row with its place, instead of the parsed report.
    #[arg(long)]
    pub rows: bool,
}

/// The default input folder (relative to the current folder).
pub const DEFAULT_INPUT: &str = "data/reports";

/// The subcommand a mistyped word means (`chek` → `check`): one edit away, or two for longer
/// words; `None` for anything else.
pub fn typo_of_command(word: &str) -> Option<&'static str> {
    if word.contains(['/', '\\', '.']) || word.chars().count() > 8 {
        return None;
    }
    let word = word.to_lowercase();
    ["run", "check", "show", "merge", "accept", "roster"]
        .into_iter()
        .find(|c| {
            let d = edit_distance(&word, c);
            d > 0 && (d == 1 || (d == 2 && c.len() >= 5))
        })
}

/// Levenshtein distance (short words).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Validated settings shared by `run` and `check`.
#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub jobs: usize,
    pub fail_on: FailOn,
    pub year: Option<i32>,
    pub quiet: bool,
    /// Replace the outputs even when far fewer reports were summed than last time.
    pub allow_shrink: bool,
    /// Where records are cached between runs (`None`: no cache).
    pub cache: Option<PathBuf>,
    /// The roster, read and checked before any report is.
    pub roster: Option<Roster>,
    /// Last year: its reports (read with this year's), or its units.csv (read here).
    pub previous: Option<Previous>,
    /// The district's published aggregate report.
    pub published: Option<PathBuf>,
    /// The office's accepted findings, read before any report is.
    pub accepted: crate::ledger::accepted::Accepted,
    /// Print every level's totals.
    pub levels: bool,
    /// How to choose between versions of a unit's report.
    pub prefer: Option<crate::aggregate::Prefer>,
    /// `--cases`: the 司法局's register, read before any report is.
    pub cases: Option<crate::office::cases::Register>,
    /// `--contact`: the office's contact line for the notices (one line).
    pub contact: Option<String>,
    /// `--deadline`: the day by which each kind of body must publish, where not the default.
    pub deadlines: Vec<(
        crate::aggregate::roster::Kind,
        crate::aggregate::roster::MonthDay,
    )>,
    /// The command line as given (recorded in the manifest).
    pub arguments: Vec<String>,
}

/// Where last year comes from.
#[derive(Debug, Clone)]
pub enum Previous {
    /// Report files or a folder, loaded like this year's.
    Reports(PathBuf),
    /// Last year's units.csv, already read.
    UnitsCsv(Vec<crate::office::previous::LastYear>),
}

/// A flag that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("--jobs must be at least 1")]
    ZeroJobs,
    #[error("--deadline {0:?}：应写作 类型=月-日，如 street=01-20 或 部门=1月25日 / --deadline {0:?}: write KIND=MM-DD, e.g. street=01-20 (kinds: department, town, street, zone, office; district for the government's own report)")]
    Deadline(String),
    #[error("--year {0} is not a plausible report year (2008–2100)")]
    Year(i32),
    #[error("找不到 {0}（文件夹未挂载或路径有误）；没有读取任何报告，输出未改动 / input not found: {0} (a folder not mounted, or a wrong path); nothing was read and no output was changed")]
    MissingInput(PathBuf),
    #[error("没有“{word}”这个命令，也没有这个文件或文件夹；是否要用 gid-rollup {command}？ / no command or file {word}: did you mean `gid-rollup {command}`? (gid-rollup --help lists the commands)", word = .0.display(), command = .1)]
    Typo(PathBuf, &'static str),
    #[error("没有给出报告所在的文件夹，默认的 data/reports 是相对当前文件夹（{0}）的路径，这里没有；请给出报告文件夹，例如 gid-rollup run 报告文件夹 --out 输出文件夹；没有读取任何报告，输出未改动 / no reports folder given, and the default data/reports (relative to the current folder, {0}) is not there: pass the folder of the reports, e.g. gid-rollup run REPORTS --out OUT; nothing was read and no output was changed")]
    MissingDefault(String),
    #[error("output folder {0} exists and is not a folder")]
    OutNotDir(PathBuf),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Cases(#[from] crate::office::cases::RegisterError),
    #[error(transparent)]
    Accepted(#[from] crate::ledger::accepted::AcceptedError),
    #[error("--previous: {0}")]
    Previous(String),
    #[error("--file-time-limit {0} must be a number of seconds between 0.001 and 86400")]
    TimeLimit(f64),
}

impl Config {
    pub fn new(
        inputs: Vec<PathBuf>,
        out: PathBuf,
        common: &Common,
        quiet: bool,
        arguments: Vec<String>,
    ) -> Result<Self, ConfigError> {
        let jobs = match common.jobs {
            Some(0) => return Err(ConfigError::ZeroJobs),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if let Some(y) = common.year {
            if !(2008..=2100).contains(&y) {
                return Err(ConfigError::Year(y));
            }
        }
        if !(0.001..=86_400.0).contains(&common.file_time_limit) {
            return Err(ConfigError::TimeLimit(common.file_time_limit));
        }
        crate::read::budget::set_limit(std::time::Duration::from_secs_f64(common.file_time_limit));
        if let Some(missing) = inputs
            .iter()
            .find(|p| std::fs::symlink_metadata(p).is_err())
        {
            // A word close to a subcommand is a typo of it, not a folder (`chek`).
            if let Some(command) = missing.to_str().and_then(typo_of_command) {
                return Err(ConfigError::Typo(missing.clone(), command));
            }
            // The default folder was not given: say where it was looked for.
            let given = arguments.iter().any(|a| Path::new(a) == missing.as_path());
            if !given && missing.as_path() == Path::new(DEFAULT_INPUT) {
                let here = std::env::current_dir()
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|_| ".".into());
                return Err(ConfigError::MissingDefault(here));
            }
            return Err(ConfigError::MissingInput(missing.clone()));
        }
        if out.exists() && !out.is_dir() {
            return Err(ConfigError::OutNotDir(out));
        }
        Ok(Config {
            inputs,
            out,
            jobs,
            fail_on: common.fail_on,
            year: common.year,
            quiet,
            allow_shrink: false,
            cache: None,
            roster: None,
            previous: None,
            published: None,
            accepted: Default::default(),
            levels: false,
            prefer: None,
            deadlines: Vec::new(),
            contact: None,
            cases: None,
            arguments,
        })
    }

    /// Last year's reports, which must exist, or units.csv, read now so that a bad one stops
    /// the run before any work.
    pub fn with_previous(mut self, previous: Option<PathBuf>) -> Result<Self, ConfigError> {
        self.previous = match previous {
            None => None,
            Some(p) if std::fs::symlink_metadata(&p).is_err() => {
                return Err(ConfigError::MissingInput(p))
            }
            Some(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => {
                Some(Previous::UnitsCsv(
                    crate::office::previous::from_units_csv(&p).map_err(ConfigError::Previous)?,
                ))
            }
            Some(p) => Some(Previous::Reports(p)),
        };
        Ok(self)
    }

    /// The published aggregate, which must exist.
    pub fn with_published(mut self, published: Option<PathBuf>) -> Result<Self, ConfigError> {
        if let Some(p) = &published {
            if !p.is_file() {
                return Err(ConfigError::MissingInput(p.clone()));
            }
        }
        self.published = published;
        Ok(self)
    }

    pub fn allowing_shrink(mut self, allow: bool) -> Self {
        self.allow_shrink = allow;
        self
    }

    /// The cache folder: `--cache`, or `OUT.cache` beside `--out`; none with `--no-cache`.
    pub fn with_cache(mut self, cache: Option<PathBuf>, no_cache: bool) -> Self {
        self.cache = if no_cache {
            None
        } else {
            Some(cache.unwrap_or_else(|| {
                let mut name = self
                    .out
                    .file_name()
                    .map(|n| n.to_os_string())
                    .unwrap_or_else(|| "out".into());
                name.push(".cache");
                self.out.with_file_name(name)
            }))
        };
        self
    }

    /// The office's choices; the accepted findings are read now: a file that cannot be read
    /// stops the run before any work (rather than bring every accepted finding back as open).
    pub fn with_office(mut self, office: &Office) -> Result<Self, ConfigError> {
        self.deadlines = office
            .deadline
            .iter()
            .map(|d| {
                let bad = || ConfigError::Deadline(d.clone());
                let (kind, day) = d.split_once('=').ok_or_else(bad)?;
                let kind = crate::aggregate::roster::Kind::parse(kind).ok_or_else(bad)?;
                let day = crate::aggregate::roster::MonthDay::parse(day).ok_or_else(bad)?;
                Ok((kind, day))
            })
            .collect::<Result<_, ConfigError>>()?;
        if let Some(p) = &office.cases {
            self.cases = Some(crate::office::cases::Register::load(p)?);
        }
        if let Some(p) = &office.accepted {
            self.accepted = crate::ledger::accepted::Accepted::load(p)?;
        }
        self.levels = office.levels;
        self.prefer = office.prefer;
        self.contact = office
            .contact
            .as_deref()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty());
        Ok(self)
    }

    /// Read the roster now, so that a bad one stops the run before any work.
    pub fn with_roster(mut self, roster: Option<&PathBuf>) -> Result<Self, ConfigError> {
        self.roster = roster.map(|p| Roster::load(p)).transpose()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::typo_of_command;

    #[test]
    fn typos_of_commands_are_told_apart_from_folders() {
        assert_eq!(typo_of_command("chek"), Some("check"));
        assert_eq!(typo_of_command("cheque"), None);
        assert_eq!(typo_of_command("mrege"), Some("merge"));
        assert_eq!(typo_of_command("acept"), Some("accept"));
        assert_eq!(typo_of_command("rn"), Some("run"));
        assert_eq!(typo_of_command("check"), None);
        assert_eq!(typo_of_command("reports"), None);
        assert_eq!(typo_of_command("data/chek"), None);
        assert_eq!(typo_of_command("报告"), None);
    }
}
