//! Text copied from a published page: one cell per line (blank lines between), or rows whose
//! cells are separated by tabs or runs of spaces.

use super::{Cell, Document, Place, Row};
use crate::value::looks_like_value;

/// Split a text report into rows of cells.
pub fn extract(text: &str) -> Document {
    // Text whose lines end in a lone CR (old Mac, some OA exports) reads as LF text does.
    let lines: Vec<&str> = if !text.contains('\n') && text.contains('\r') {
        text.split('\r').collect()
    } else {
        text.lines().collect()
    };
    let blank_separated = uses_blank_line_separators(&lines);
    let mut rows = super::Rows::default();
    let mut blanks = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if blank_separated && blanks >= 3 && !rows.is_empty() {
            // One cell per line with one blank line between: each further pair of blank lines
            // is an empty cell.
            for k in 0..(blanks - 1) / 2 {
                if rows.full() {
                    rows.count();
                    continue;
                }
                rows.push(Row {
                    cells: vec![Cell {
                        text: String::new(),
                        place: Place::Line {
                            line: line_no - blanks + 1 + 2 * k,
                        },
                    }],
                });
            }
        }
        blanks = 0;
        if rows.full() {
            rows.count();
            continue;
        }
        rows.push(Row {
            cells: split_cells(line)
                .into_iter()
                .map(|text| Cell {
                    text,
                    place: Place::Line { line: line_no },
                })
                .collect(),
        });
    }
    rows.into_document(None)
}

/// True when most non-empty lines are separated by exactly one blank line.
fn uses_blank_line_separators(lines: &[&str]) -> bool {
    let mut gaps = [0usize; 3]; // 0 blank lines, 1, more
    let mut blanks = 0usize;
    let mut seen = false;
    for line in lines {
        if line.trim().is_empty() {
            blanks += 1;
        } else {
            if seen {
                gaps[blanks.min(2)] += 1;
            }
            seen = true;
            blanks = 0;
        }
    }
    let total: usize = gaps.iter().sum();
    total > 0 && gaps[1] * 10 >= total * 7
}

/// Cells of one line: split on tabs and runs of two or more spaces, then split off a trailing
/// run of numbers written with single spaces (`（一）予以公开 1 0 0 0 0 0 1`).
fn split_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    for part in split_wide(line) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let tail = words
            .iter()
            .rev()
            .take_while(|w| looks_like_value(w))
            .count();
        if words.len() > 1 && (tail >= 2 || (tail >= 1 && tail == words.len())) {
            let head = &words[..words.len() - tail];
            if !head.is_empty() {
                cells.push(head.join(" "));
            }
            cells.extend(words[words.len() - tail..].iter().map(|w| w.to_string()));
        } else {
            cells.push(part.to_string());
        }
    }
    if cells.is_empty() {
        cells.push(String::new());
    }
    cells
}

/// Tabs separate cells one for one (two tabs in a row: an empty cell between); runs of two or
/// more spaces separate cells too.
fn split_wide(line: &str) -> Vec<&str> {
    let tabbed = line.contains('\t');
    let mut parts = Vec::new();
    for piece in line.split('\t') {
        let mut start = 0;
        let mut run: Option<(usize, usize)> = None; // (start byte, width)
        for (i, c) in piece.char_indices() {
            if c == ' ' || c == '\u{a0}' || c == '\u{3000}' {
                let w = if c == '\u{3000}' { 2 } else { 1 };
                run = Some(run.map_or((i, w), |(s, n)| (s, n + w)));
            } else {
                if let Some((rs, n)) = run.take() {
                    if n >= 2 && !piece[start..rs].trim().is_empty() {
                        parts.push(piece[start..rs].trim());
                        start = i;
                    }
                }
            }
        }
        let last = piece[start..].trim();
        if tabbed || !last.is_empty() {
            parts.push(last);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<Vec<String>> {
        doc.rows.iter().map(Row::texts).collect()
    }

    #[test]
    fn one_cell_per_line_with_empty_cells_from_extra_blank_lines() {
        let doc = extract("a\n\nb\n\n0\n\n\n\n2\n\nc\n");
        assert_eq!(
            texts(&doc),
            vec![
                vec!["a"],
                vec!["b"],
                vec!["0"],
                vec![""],
                vec!["2"],
                vec!["c"]
            ]
        );
        assert_eq!(doc.rows[3].cells[0].place, Place::Line { line: 7 });
        assert_eq!(doc.rows[4].cells[0].place, Place::Line { line: 9 });
    }

    #[test]
    fn tab_and_space_separated_rows() {
        let doc =
            extract("（一）予以公开\t1\t0\t0\n1.属于国家秘密  0  0\n（七）总计 2 0 0 0 0 0 2\n");
        assert_eq!(
            texts(&doc),
            vec![
                vec!["（一）予以公开", "1", "0", "0"],
                vec!["1.属于国家秘密", "0", "0"],
                vec!["（七）总计", "2", "0", "0", "0", "0", "0", "2"],
            ]
        );
    }

    #[test]
    fn consecutive_tabs_are_empty_cells() {
        let doc = extract("4.无正当理由大量反复申请\t\t\t0\t\n");
        assert_eq!(
            texts(&doc),
            vec![vec!["4.无正当理由大量反复申请", "", "", "0", ""]]
        );
    }

    #[test]
    fn prose_with_single_spaces_stays_one_cell() {
        let doc = extract("2022年 本机关 收到申请 2件");
        assert_eq!(texts(&doc), vec![vec!["2022年 本机关 收到申请 2件"]]);
    }

    #[test]
    fn rows_past_the_limit_are_counted_not_made() {
        let n = crate::read::extract::MAX_ROWS + 12_345;
        let text = "1\n".repeat(n);
        let doc = extract(&text);
        assert_eq!(doc.rows.len(), crate::read::extract::MAX_ROWS);
        assert_eq!(doc.more_rows, 12_345);
        assert_eq!(doc.rows_in_all(), n);
        assert_eq!(
            doc.rows.last().map(|r| r.cells[0].place),
            Some(Place::Line {
                line: crate::read::extract::MAX_ROWS
            })
        );
    }
}
