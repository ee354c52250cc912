//! The commands, one file each — [`run`] (the nightly job), [`merge`], [`check`], [`show`],
//! [`accept`], [`roster`] — and what they share: the one error type that stops a command (exit 2), the exit
//! statuses, the parallel loading of every report ([`load`]) and the night's [`guards`].

pub(crate) mod accept;
pub(crate) mod check;
pub(crate) mod guards;
pub(crate) mod load;
pub(crate) mod merge;
pub(crate) mod roster;
pub(crate) mod run;
pub(crate) mod show;

use crate::cli::{Cli, Command, Config};
use crate::output::lock::LockError;
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
    Merge(#[from] crate::cmd::merge::MergeError),
    /// `roster --suggest` could not write its copy.
    #[error("{0}")]
    Roster(String),
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

/// One line to standard error, for cron's mail. A standard error that cannot be written (closed,
/// a full disk behind a redirection) changes nothing: never a panic, never another exit status.
pub fn say(line: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Exit statuses: 0 clean, 1 findings at `--fail-on`, 2 the run could not be done.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

/// Run the command `cli` asks for; `arguments` are the command line as given (the manifest
/// records them).
pub fn run(cli: Cli, arguments: Vec<String>) -> Result<ExitCode, Error> {
    match cli.command {
        Some(Command::Check(a)) => {
            let config = Config::new(a.files, "out".into(), &a.common, false, arguments)?;
            check::check(&config)
        }
        Some(Command::Show(a)) => show::show(&a, arguments),
        Some(Command::Merge(a)) => {
            let config = Config::new(a.dirs.clone(), a.out, &a.common, a.quiet, arguments)?
                .with_roster(a.roster.as_ref())?
                .with_office(&a.office)?
                .allowing_shrink(a.allow_shrink);
            merge::run(config, &a.dirs)
        }
        Some(Command::Accept(a)) => accept::accept(&a),
        Some(Command::Roster(a)) => roster::roster(&a, arguments),
        Some(Command::Run(a)) => run::run(
            Config::new(a.inputs, a.out, &a.common, a.quiet, arguments)?
                .with_roster(a.roster.as_ref())?
                .with_previous(a.previous)?
                .with_published(a.published)?
                .with_office(&a.office)?
                .allowing_shrink(a.allow_shrink)
                .with_cache(a.cache, a.no_cache),
        ),
        None => run::run(
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
