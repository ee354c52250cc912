//! From a file's bytes to rows of cells: decode its text ([`decode`], [`normalize`]) and
//! extract its rows with their places ([`extract`]), within the per-file time [`budget`].

pub(crate) mod budget;
pub(crate) mod decode;
pub mod extract;
pub(crate) mod normalize;
