//! Small tools: a CSV reader, time formatting.

pub mod csvread;
pub mod timefmt;
