//! gid-rollup: roll up 政府信息公开工作年度报告 into district totals, exactly, with checks.
//!
//! The map, in the order a night runs:
//!
//! - [`cli`]: flags become one validated `Config` before any work starts.
//! - [`cmd`]: one file per command — `run` (the nightly job), `merge`, `check`, `show`,
//!   `accept` — and the night's guards; `cmd::run` is the pipeline on one screen.
//! - [`read`]: one file at a time, each failure staying with its file — [`read::discover`]
//!   finds the reports, [`read::load`] reads one within its limits ([`read::budget`]),
//!   [`read::decode`]s its text and [`read::extract`]s rows of cells with their places.
//! - [`template`]: the national template's tables and keys, and the parser that turns rows
//!   into a typed `Report` (cells as [`value`]s: exact `Decimal`s, five-state `CellValue`s).
//! - [`check`]: the report's own checks — the 勾稽 identities, cell states, anomalies, the
//!   prose against the tables ([`check::narrative`]).
//! - [`record`]: the compact record each report is reduced to at once (packed cells); the
//!   [`record::cache`] keeps records between nights.
//! - [`aggregate`]: the roll-up's decisions (year, roster body, one report per unit) and exact
//!   sums per roster level, re-checked.
//! - [`office`]: what the office brings — the [`office::roster`], last year
//!   ([`office::previous`]), the published aggregate ([`office::published`]), its accepted
//!   findings ([`office::accepted`]) — and what changed since the last night ([`office::since`]).
//! - [`ledger`]: every finding is pushed to one ledger; `finish` orders them, gives each its id
//!   from its meaning and reviews the acceptances, once, into read-only `Findings`.
//! - [`output`]: one writer per file behind one trait, the whole set swapped in under a lock.
//! - [`util`]: a CSV reader and time formatting.

mod aggregate;
mod check;
pub mod cli;
pub mod cmd;
pub mod finding;
pub mod input;
mod ledger;
mod office;
pub mod output;
pub mod read;
pub mod template;
mod util;
pub mod value;
