//! The inputs of a night: which files are reports ([`discover`]); each one read, parsed and
//! checked ([`load`]) and reduced at once to its compact [`record`]; the records kept between
//! nights ([`cache`]).

pub mod cache;
pub mod digest;
pub mod discover;
pub mod load;
pub mod record;
