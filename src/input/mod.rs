//! The inputs of a night: which files are reports ([`discover`]); each one read, parsed and
//! checked ([`load`]) and reduced at once to its compact [`record`]; the records kept between
//! nights ([`cache`]).

pub(crate) mod cache;
pub(crate) mod digest;
pub(crate) mod discover;
pub mod load;
pub(crate) mod record;
