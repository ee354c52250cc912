//! Pages into one sequence of rows: a table row that a page break cut in two is put back
//! together.

use super::lines::numeric;
use crate::read::extract::Row;

/// A row of a page, with the left edges of its boxes when it is a row of a ruled table.
#[derive(Debug, Clone)]
pub struct PageRow {
    pub row: Row,
    pub edges: Option<Vec<f64>>,
}

/// Page furniture that may stand between a table's last row on one page and its next row on
/// the next: page numbers (`- 5 -`, `第5页`) and empty rows.
fn is_furniture(r: &PageRow) -> bool {
    r.row.cells.iter().all(|c| c.text.trim().is_empty()) || is_page_number(&r.row)
}

/// A line that is only a page number: printed as such (`- 4 -`, `第4页`), or a bare number of a
/// few digits on a line of its own at a page break.
pub(super) fn is_page_number(row: &Row) -> bool {
    let text: String = row.cells.iter().map(|c| c.text.as_str()).collect();
    let bare = text.trim();
    crate::read::normalize::is_page_number(&text)
        || (row.cells.len() == 1
            && (1..=3).contains(&bare.len())
            && bare.chars().all(|c| c.is_ascii_digit()))
}

/// A list marker opening a label: `2.`, `3、`, `（六）`, `四、`.
fn starts_item(text: &str) -> bool {
    let mut cs = text.trim_start().chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if a.is_ascii_digit() => b.is_ascii_digit() || ".、．".contains(b),
        (Some('（' | '('), _) => true,
        (Some(a), Some('、')) => "一二三四五六七八九十".contains(a),
        _ => false,
    }
}

/// Append a page's rows. A table row that a page break cut in two (the label's first words and
/// some numbers at the foot of one page, the rest at the head of the next) is put back together:
/// the last table row before the break and the first after it are one row when they have the
/// same boxes, a number only ever faces an empty box, the second opens no new item, and either
/// the label was cut (`is_label` knows the first part is no row label and the whole is one) or
/// only numbers follow, into boxes left empty. A header row above a data row, two data rows, or
/// a whole label above a row of blanks stay apart.
pub fn append_page(
    all: &mut Vec<PageRow>,
    mut next: Vec<PageRow>,
    is_label: &dyn Fn(&str) -> bool,
) {
    let last = all.iter().rposition(|r| !is_furniture(r));
    let first = next.iter().position(|r| !is_furniture(r));
    // The last word or two of a row label carried over the break alone, in its own one box or
    // none (`7.属于行政执法案` / `卷`): put back when only together they make the label.
    if let (Some(a), Some(b)) = (last, first) {
        let carried = &next[b];
        // No box, or one box of its own (the label cell's continuation).
        let short = carried.edges.as_ref().is_none_or(|e| e.len() <= 1)
            && carried.row.cells.len() == 1
            && (1..=4).contains(&carried.row.cells[0].text.trim().chars().count())
            && !carried.row.cells[0]
                .text
                .chars()
                .any(|c| c.is_ascii_digit());
        if short && all[a].edges.is_some() {
            let q = carried.row.cells[0].text.trim().to_string();
            let at = all[a].row.cells.iter().position(|c| {
                let p = c.text.trim();
                !p.is_empty() && !numeric(p) && !is_label(p) && is_label(&format!("{p}{q}"))
            });
            if let Some(i) = at {
                let cell = &mut all[a].row.cells[i];
                cell.text.push('\n');
                cell.text.push_str(&q);
                next.remove(b);
                all.extend(next);
                return;
            }
        }
    }
    if let (Some(a), Some(b)) = (last, first) {
        if let (Some(ea), Some(eb)) = (&all[a].edges, &next[b].edges) {
            // Pair the boxes by their left edges. A box only after the break must be empty
            // (a merged box continuing, such as the 本年度办理结果 column).
            let pairs: Vec<(usize, Option<usize>)> = eb
                .iter()
                .enumerate()
                .map(|(j, y)| (j, ea.iter().position(|x| (x - y).abs() <= 2.0)))
                .collect();
            let (ra, rb) = (&all[a].row.cells, &next[b].row.cells);
            let empty = |t: &str| t.trim().is_empty();
            // A number only faces an empty box; text faces text (the label's words) or an
            // empty box; the second row opens no new item.
            let fits = pairs.iter().filter(|(_, i)| i.is_some()).count() == ea.len()
                && pairs.iter().all(|&(j, i)| {
                    let q = &rb[j].text;
                    match i {
                        Some(i) => {
                            let p = &ra[i].text;
                            empty(p) || empty(q) || !(numeric(p) || numeric(q))
                        }
                        None => empty(q),
                    }
                })
                && rb.iter().any(|q| !empty(&q.text))
                && rb.iter().all(|q| empty(&q.text) || !starts_item(&q.text));
            // Words after the break: the row's label was cut, so its first part is no label on
            // its own and the two parts together are one. Only numbers after the break: they
            // fill boxes the first part left empty.
            let text_after = pairs
                .iter()
                .any(|&(j, i)| i.is_some() && !empty(&rb[j].text) && !numeric(&rb[j].text));
            let split = fits
                && if text_after {
                    pairs.iter().any(|&(j, i)| {
                        let (q, Some(i)) = (&rb[j].text, i) else {
                            return false;
                        };
                        let p = &ra[i].text;
                        !empty(p)
                            && !numeric(p)
                            && !numeric(q)
                            && !empty(q)
                            && !is_label(p)
                            && is_label(&format!("{p}{q}"))
                    })
                } else {
                    pairs.iter().any(|&(j, i)| {
                        i.is_some_and(|i| empty(&ra[i].text)) && numeric(&rb[j].text)
                    })
                };
            if split {
                let tail = next.remove(b);
                for (j, i) in pairs {
                    let (Some(i), Some(q)) = (i, tail.row.cells.get(j)) else {
                        continue;
                    };
                    let p = &mut all[a].row.cells[i];
                    if empty(&p.text) {
                        *p = q.clone();
                    } else if !empty(&q.text) {
                        p.text.push('\n');
                        p.text.push_str(&q.text);
                    }
                }
            }
        }
    }
    all.extend(next);
}

/// How near a page's top or bottom edge (points) a running header or footer stands.
const RUNNING_MARGIN: f64 = 48.0;

/// A row's top, in points from the page's top.
fn top(r: &PageRow) -> Option<f64> {
    match r.row.cells.first()?.place {
        crate::read::extract::Place::Pdf { y, .. } => Some(f64::from(y)),
        _ => None,
    }
}

/// A running header's or footer's words, its figures aside (a page number, a date, a time).
fn running_key(r: &PageRow) -> String {
    r.row
        .cells
        .iter()
        .map(|c| {
            c.text
                .chars()
                .map(|ch| if ch.is_ascii_digit() { '#' } else { ch })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Leave out the running headers and footers (a browser's date and title above, its file
/// address and page count below; a site's name on every page): rows that are no table row,
/// stand within the top or bottom margin of a page, and come back, figures aside, in the same
/// margin of other pages — on two pages at least, and on most of a longer document's. (`pages`:
/// each page's rows and height; a page of height 0, read from a scan, has none.)
pub fn drop_running(pages: &mut [(Vec<PageRow>, f64)]) {
    use std::collections::HashMap;
    let margin = |r: &PageRow, h: f64| -> Option<bool> {
        let y = top(r)?;
        if r.edges.is_some() || h <= 0.0 {
            return None;
        }
        if y < RUNNING_MARGIN {
            Some(true)
        } else if y > h - RUNNING_MARGIN {
            Some(false)
        } else {
            None
        }
    };
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for (rows, h) in pages.iter() {
        let mut on_page = std::collections::HashSet::new();
        for r in rows {
            if let Some(head) = margin(r, *h) {
                on_page.insert((head, running_key(r)));
            }
        }
        for k in on_page {
            *seen.entry(k).or_default() += 1;
        }
    }
    let n = pages.iter().filter(|(_, h)| *h > 0.0).count();
    let running = |k: &(bool, String)| seen.get(k).is_some_and(|&c| c >= 2 && (n < 4 || c * 2 > n));
    for (rows, h) in pages.iter_mut() {
        let h = *h;
        rows.retain(|r| !margin(r, h).is_some_and(|head| running(&(head, running_key(r)))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extract::{Cell, Place};

    fn texts(rows: &[PageRow]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.row.texts()).collect()
    }

    fn place(page: usize, x: f64) -> Place {
        Place::Pdf {
            page,
            x: x as u32,
            y: 0,
        }
    }

    fn table_row(cells: &[(&str, f64)]) -> PageRow {
        PageRow {
            row: Row {
                cells: cells
                    .iter()
                    .map(|(t, x)| Cell {
                        text: t.to_string(),
                        place: place(1, *x),
                    })
                    .collect(),
            },
            edges: Some(cells.iter().map(|c| c.1).collect()),
        }
    }

    fn oracle(text: &str) -> bool {
        crate::template::labels::is_row_label(text)
    }

    fn page_number(n: usize) -> PageRow {
        PageRow {
            row: Row {
                cells: vec![Cell {
                    text: format!("- {n} -"),
                    place: place(n, 280.0),
                }],
            },
            edges: None,
        }
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_put_back_together() {
        // The label's first words and six numbers at the foot of page 5, the rest of the label
        // and the total at the head of page 6 (with the merged first column continuing).
        let mut all = vec![
            table_row(&[
                ("（六）其", 111.0),
                ("1.申请人无", 163.0),
                ("1", 227.0),
                ("", 507.0),
            ]),
            page_number(5),
        ];
        let next = vec![
            table_row(&[
                ("", 64.0),
                ("他处理", 111.0),
                ("正当理由逾期不补正", 163.0),
                ("", 227.0),
                ("1", 507.0),
            ]),
            table_row(&[("2.申请人逾期", 163.0), ("0", 227.0), ("0", 507.0)]),
        ];
        append_page(&mut all, next, &oracle);
        assert_eq!(
            texts(&all),
            vec![
                vec![
                    "（六）其\n他处理",
                    "1.申请人无\n正当理由逾期不补正",
                    "1",
                    "1"
                ],
                vec!["- 5 -"],
                vec!["2.申请人逾期", "0", "0"],
            ]
        );
    }

    #[test]
    fn rows_either_side_of_a_page_break_stay_apart() {
        // Numbers on both sides: two rows (洪泽区's table 三 across pages 3 and 4).
        let mut all = vec![table_row(&[("1.本机关不掌握", 180.0), ("31", 316.0)])];
        append_page(
            &mut all,
            vec![table_row(&[("", 180.0), ("1", 316.0)])],
            &oracle,
        );
        assert_eq!(all.len(), 2);
        // A header row, then a data row: two rows.
        let mut all = vec![table_row(&[
            ("信息内容", 93.0),
            ("本年处理决定数量", 219.0),
        ])];
        append_page(
            &mut all,
            vec![table_row(&[("行政许可", 93.0), ("3", 219.0)])],
            &oracle,
        );
        assert_eq!(all.len(), 2);
        // A new item after the break: two rows, even with a blank total before it.
        let mut all = vec![table_row(&[("1.申请人无", 163.0), ("", 227.0)])];
        append_page(
            &mut all,
            vec![table_row(&[("2.重复申请", 163.0), ("0", 227.0)])],
            &oracle,
        );
        assert_eq!(all.len(), 2);
        // A whole label with its numbers, then a row of blanks whose label has no marker.
        let mut all = vec![table_row(&[("行政处罚", 93.0), ("5", 219.0)])];
        append_page(
            &mut all,
            vec![table_row(&[("行政强制", 93.0), ("", 219.0)])],
            &oracle,
        );
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn a_row_cut_after_its_numbers_is_put_back_together() {
        // All the numbers before the break, the label's last words after it.
        let mut all = vec![table_row(&[
            ("1.申请人无", 201.0),
            ("0", 278.0),
            ("0", 312.0),
        ])];
        append_page(
            &mut all,
            vec![table_row(&[
                ("正当理由逾期不补正", 201.0),
                ("", 278.0),
                ("", 312.0),
            ])],
            &oracle,
        );
        assert_eq!(
            texts(&all),
            vec![vec!["1.申请人无\n正当理由逾期不补正", "0", "0"]]
        );
    }
    fn line_at(page: usize, y: u32, text: &str) -> PageRow {
        PageRow {
            row: Row {
                cells: text
                    .split(" | ")
                    .map(|t| Cell {
                        text: t.to_string(),
                        place: Place::Pdf { page, x: 20, y },
                    })
                    .collect(),
            },
            edges: None,
        }
    }

    #[test]
    fn a_browsers_running_header_and_footer_are_left_out() {
        let page = |n: usize, body: &str| {
            (
                vec![
                    line_at(n, 16, "12/6/26, 4:48 PM | 报告"),
                    line_at(n, 300, body),
                    line_at(n, 818, &format!("file:///tmp/a.html | {n}/3")),
                ],
                842.0,
            )
        };
        let mut pages = vec![
            page(1, "一、总体情况"),
            page(2, "正文"),
            page(3, "六、其他"),
        ];
        // A line near the foot of one page only stays.
        pages[2].0.push(line_at(3, 800, "本页末行"));
        drop_running(&mut pages);
        let left: Vec<Vec<String>> = pages
            .iter()
            .flat_map(|(rows, _)| rows.iter().map(|r| r.row.texts()))
            .collect();
        assert_eq!(
            left,
            [
                vec!["一、总体情况"],
                vec!["正文"],
                vec!["六、其他"],
                vec!["本页末行"]
            ]
        );
        // One page alone: nothing to compare with, nothing left out.
        let mut one = vec![page(1, "正文")];
        drop_running(&mut one);
        assert_eq!(one[0].0.len(), 3);
    }
}
