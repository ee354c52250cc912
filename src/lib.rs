//! gid-rollup: roll up 政府信息公开工作年度报告 into district totals, exactly, with checks.
//!
//! Pipeline: [`discover`] → [`load`] (read, [`decode`], [`extract`] cells, [`template`] parse,
//! [`checks`]) → [`aggregate`] → [`output`].

pub mod accept;
pub mod accepted;
pub mod aggregate;
pub mod app;
pub mod budget;
pub mod cache;
pub mod checks;
pub mod cli;
pub mod csvread;
pub mod decode;
pub mod discover;
pub mod extract;
pub mod findings;
pub mod guards;
pub mod ledger;
pub mod load;
pub mod merge;
pub mod narrative;
pub mod normalize;
pub mod output;
pub mod previous;
pub mod published;
pub mod record;
pub mod roster;
pub mod show;
pub mod since;
pub mod template;
pub mod timefmt;
pub mod value;
pub mod wording;
