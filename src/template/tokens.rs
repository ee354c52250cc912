//! A document's cells in reading order, each with its normalised text and place: what the
//! parser and the unit and year readers walk.

use crate::read::extract::{Document, Place};
use crate::read::normalize::{is_page_number, label_cow};
use crate::value::looks_like_value;

/// One cell of the document in reading order.
pub(crate) struct Tok<'a> {
    pub row: usize,
    pub text: &'a str,
    pub norm: std::borrow::Cow<'a, str>,
    pub place: Place,
}

impl Tok<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// A number or placeholder (or an empty cell).
    pub(crate) fn is_value(&self) -> bool {
        self.is_empty() || looks_like_value(self.text)
    }
}

pub(crate) fn tokens(doc: &Document) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    for (r, row) in doc.rows.iter().enumerate() {
        if row.cells.len() <= 3 {
            let joined: std::borrow::Cow<str> = match row.cells.as_slice() {
                [one] => one.text.as_str().into(),
                cells => cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<String>()
                    .into(),
            };
            if joined.chars().count() <= 16 && is_page_number(&joined) {
                continue;
            }
        }
        for cell in &row.cells {
            // A row label with its numbers glued on (`…申请数量15130000154`, text copied from a
            // PDF without spaces): the label, then the digits as one value to be split.
            let parts: Vec<&str> = match glued(&cell.text) {
                Some((label, digits)) => vec![label, digits],
                None => vec![cell.text.as_str()],
            };
            for text in parts {
                toks.push(Tok {
                    row: r,
                    text,
                    norm: label_cow(text),
                    place: cell.place,
                });
            }
        }
    }
    toks
}

/// A table 三 row label followed by a run of digits with nothing between: (label, digits).
fn glued(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits < 7 || digits == text.len() {
        return None;
    }
    let (label, run) = text.split_at(text.len() - digits);
    let norm = crate::read::normalize::label(label);
    // A sub-row's label (`3.其他`) is a row's only under its group: any group will do here.
    let groups = [None]
        .into_iter()
        .chain(super::keys::T3Group::ALL.into_iter().map(Some));
    groups
        .into_iter()
        .any(|g| {
            matches!(
                super::labels::match_t3(&norm, g),
                Some(super::labels::T3Label::Row(_))
            )
        })
        .then_some((label, run))
}

#[cfg(test)]
mod tests {
    use super::glued;

    #[test]
    fn a_label_with_its_numbers_glued_on_is_cut_at_the_digits() {
        assert_eq!(
            glued("一、本年新收政府信息公开申请数量15130000154"),
            Some(("一、本年新收政府信息公开申请数量", "15130000154"))
        );
        // Not a row label, too few digits, or digits alone: left whole.
        assert_eq!(glued("电话：0591-23165385"), None);
        assert_eq!(glued("一、本年新收政府信息公开申请数量15"), None);
        assert_eq!(glued("15130000154"), None);
    }
}
