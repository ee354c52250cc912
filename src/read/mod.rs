//! Reading one input: find the reports ([`discover`]), read each within its limits ([`load`],
//! [`budget`]), decode its text ([`decode`], [`normalize`]) and extract its rows of cells with
//! their places ([`extract`]).

pub mod budget;
pub mod decode;
pub mod discover;
pub mod extract;
pub mod load;
pub mod normalize;
