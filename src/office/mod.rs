//! What the district office checks beyond the roll-up: against last year's reports
//! ([`previous`]), against the aggregate it published ([`published`]), and what changed since
//! the last night ([`since`], shown grouped by [`changes`]), and the deadline ([`deadline`]).

pub mod cases;
pub mod changes;
pub mod deadline;
pub mod previous;
pub mod published;
pub mod since;
