//! What the district office brings beside the reports, and what it checks with it: the
//! [`roster`] of bodies, last year's reports ([`previous`]), the published aggregate
//! ([`published`]), the findings it has accepted ([`accepted`]), and what changed since the
//! last night ([`since`]).

pub mod accepted;
pub mod previous;
pub mod published;
pub mod roster;
pub mod since;
