//! Small tools: a quiet panic guard, a CSV reader, paths as text, time formatting.

pub mod caught;
pub mod csvread;
pub mod date;
pub mod pathtext;
pub mod timefmt;
