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
            toks.push(Tok {
                row: r,
                text: &cell.text,
                norm: label_cow(&cell.text),
                place: cell.place,
            });
        }
    }
    toks
}
