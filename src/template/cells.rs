//! The cells the checks and the views name one by one, as typed references: a key is spelled
//! in one place (`keys`), never again as a string.

use super::keys::{T3Col, T3Row, T4Block, T4Result, T2_2021};
use super::CellRef;

const fn t3(row: T3Row) -> CellRef {
    CellRef::T3(row, T3Col::Total)
}

const fn t4(block: T4Block) -> CellRef {
    CellRef::T4(block, T4Result::Total)
}

/// 表三 “总计” column.
pub const NEW_RECEIVED: CellRef = t3(T3Row::NewReceived);
pub const CARRIED_OVER: CellRef = t3(T3Row::CarriedOver);
pub const GRANTED: CellRef = t3(T3Row::Granted);
pub const TOTAL_PROCESSED: CellRef = t3(T3Row::TotalProcessed);
pub const CARRIED_FORWARD: CellRef = t3(T3Row::CarriedForward);
/// 表四 blocks' 总计.
pub const REVIEW_TOTAL: CellRef = t4(T4Block::Review);
pub const SUIT_DIRECT_TOTAL: CellRef = t4(T4Block::SuitDirect);
pub const SUIT_AFTER_REVIEW_TOTAL: CellRef = t4(T4Block::SuitAfterReview);
/// 表二 (2021 template), in its order.
pub const RULES_ISSUED: CellRef = CellRef::T2(&T2_2021[0]);
pub const RULES_REPEALED: CellRef = CellRef::T2(&T2_2021[1]);
pub const RULES_IN_FORCE: CellRef = CellRef::T2(&T2_2021[2]);
pub const NORMATIVE_IN_FORCE: CellRef = CellRef::T2(&T2_2021[5]);
pub const LICENSING: CellRef = CellRef::T2(&T2_2021[6]);
pub const PUNISHMENT: CellRef = CellRef::T2(&T2_2021[7]);
pub const COERCION: CellRef = CellRef::T2(&T2_2021[8]);
pub const FEES: CellRef = CellRef::T2(&T2_2021[9]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_named_cell_is_the_one_its_name_says() {
        let named = [
            (NEW_RECEIVED, "t3.new_received.total"),
            (CARRIED_OVER, "t3.carried_over.total"),
            (GRANTED, "t3.granted.total"),
            (TOTAL_PROCESSED, "t3.total_processed.total"),
            (CARRIED_FORWARD, "t3.carried_forward.total"),
            (REVIEW_TOTAL, "t4.review.total"),
            (SUIT_DIRECT_TOTAL, "t4.suit_direct.total"),
            (SUIT_AFTER_REVIEW_TOTAL, "t4.suit_after_review.total"),
            (RULES_ISSUED, "t2.rules.issued"),
            (RULES_REPEALED, "t2.rules.repealed"),
            (RULES_IN_FORCE, "t2.rules.in_force"),
            (NORMATIVE_IN_FORCE, "t2.normative.in_force"),
            (LICENSING, "t2.licensing"),
            (PUNISHMENT, "t2.punishment"),
            (COERCION, "t2.coercion"),
            (FEES, "t2.fees_10k_yuan"),
        ];
        for (cell, key) in named {
            assert_eq!(cell.key(), key);
            assert!(crate::template::cell_index(key).is_some(), "{key}");
        }
    }
}
