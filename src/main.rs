use clap::Parser;
use gid_rollup::cli::Cli;
use gid_rollup::cmd::{exit, run, say};
use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let cli = Cli::parse();
    match run(cli, arguments) {
        Ok(code) => code,
        // `gid-rollup check … | head`: the reader has all it wanted; end quietly, as `rg` does.
        Err(e) if e.is_closed_pipe() => ExitCode::from(exit::CLEAN),
        Err(e) => {
            say(&format!("gid-rollup: error: {e}"));
            ExitCode::from(exit::ERROR)
        }
    }
}
