//! Small tools: a quiet panic guard, a CSV reader, time formatting.

pub mod caught;
pub mod csvread;
pub mod timefmt;
