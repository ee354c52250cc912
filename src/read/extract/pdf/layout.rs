//! Rebuild rows and cells from positioned glyphs and rulings.
//!
//! Text inside ruled boxes becomes one cell per box (its lines joined), and boxes that share a
//! top edge form a row, left to right — the same grid the HTML and DOCX readers give, with a
//! merged cell's text once, at its first row. A ruled box with no text is a printed blank.
//! Text outside ruled boxes is read as lines, split into cells at wide gaps.

use super::interp::{PageContent, RawGlyph, Segment};
use super::lines::{cell_text, join_line, lines, numeric, split_line, Glyph};
use super::pages::{is_page_number, PageRow};
use crate::read::extract::{Cell, Place, Row};
use std::collections::HashMap;

/// Coordinates closer than this (points) are the same line.
const SNAP: f64 = 1.2;
/// A ruled box covering more than this share of the page is a frame, not a cell.
const FRAME_SHARE: f64 = 0.25;
/// Most glyph × ruling pairs looked at on one page.
const MAX_RULE_WORK: usize = 20_000_000;

/// A horizontal (`at` is y) or vertical (`at` is x) ruling from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    at: f64,
    from: f64,
    to: f64,
}

impl Rule {
    fn covers(&self, v: f64) -> bool {
        self.from - SNAP <= v && v <= self.to + SNAP
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct BoxKey {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl BoxKey {
    fn contains(&self, x: f64, y: f64) -> bool {
        self.left < x && x < self.right && self.top < y && y < self.bottom
    }
}

/// What reading a page noticed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PageNotes {
    /// Glyphs whose font gives no text.
    pub unmapped: usize,
    /// Glyphs drawn outside the page (not printed).
    pub off_page: usize,
    /// A work limit made the page be read without its rulings or blank boxes.
    pub limited: bool,
}

/// A page's rows in reading order.
pub fn rows(
    page_no: usize,
    content: &PageContent,
    width: f64,
    height: f64,
    notes: &mut PageNotes,
) -> Vec<PageRow> {
    let (glyphs, segs, w, h) = upright(content, width, height, notes);
    let (mut hs, mut vs) = rules(&segs);
    // A page no report has (tens of thousands of rulings around as many glyphs) is read without
    // its rulings, so that the work stays bounded; the caller is told.
    if glyphs.len().max(1) * (hs.len() + vs.len()) > MAX_RULE_WORK {
        hs.clear();
        vs.clear();
        notes.limited = true;
    }

    let (boxes, free) = ruled_boxes(&glyphs, &hs, &vs, w * h);
    let mut out = table_rows(page_no, &glyphs, &boxes, &hs, &vs, notes);
    out.extend(free_lines(page_no, &glyphs, &free));
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
    join_paragraphs(out)
}

/// The page's glyphs (slanted and off-page ones left out) and rulings, turned so that most
/// text runs left to right, with the page's width and height as turned.
fn upright(
    content: &PageContent,
    width: f64,
    height: f64,
    notes: &mut PageNotes,
) -> (Vec<Glyph>, Vec<Segment>, f64, f64) {
    let turn = dominant_turn(&content.glyphs);
    let (w, h) = if turn % 2 == 1 {
        (height, width)
    } else {
        (width, height)
    };
    let rot = |p: (f64, f64)| rotate(p, turn, width, height);
    let glyphs: Vec<Glyph> = content
        .glyphs
        .iter()
        .filter(|g| square(g.right))
        .filter(|g| {
            // Text drawn off the page (a table wider than the paper) is not printed.
            let (cx, cy) = g
                .corners
                .iter()
                .map(|&p| rot(p))
                .fold((0.0, 0.0), |a, p| (a.0 + p.0 / 4.0, a.1 + p.1 / 4.0));
            let on_page = (0.0..=w).contains(&cx) && (0.0..=h).contains(&cy);
            notes.off_page += usize::from(!on_page);
            on_page
        })
        .map(|g| {
            let pts = g.corners.map(rot);
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let text = match &g.text {
                Some(t) => t.clone(),
                None => {
                    notes.unmapped += 1;
                    '\u{FFFD}'.to_string()
                }
            };
            Glyph {
                text,
                x0,
                y0,
                x1,
                y1,
                size: g.size,
            }
        })
        .collect();
    let segs: Vec<Segment> = content
        .segments
        .iter()
        .map(|s| Segment {
            a: rot(s.a),
            b: rot(s.b),
        })
        .collect();
    (glyphs, segs, w, h)
}

/// Each glyph's ruled box (boxes in order of their first glyph), and the glyphs in none.
fn ruled_boxes(
    glyphs: &[Glyph],
    hs: &[Rule],
    vs: &[Rule],
    page_area: f64,
) -> (Vec<(BoxKey, Vec<usize>)>, Vec<usize>) {
    let mut boxes: Vec<(BoxKey, Vec<usize>)> = Vec::new();
    let mut index: HashMap<[u64; 4], usize> = HashMap::new();
    let mut free: Vec<usize> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        match enclosing(hs, vs, g.cx(), g.cy()) {
            Some(k) => {
                let id = [k.left, k.right, k.top, k.bottom].map(f64::to_bits);
                match index.get(&id) {
                    Some(&b) => boxes[b].1.push(i),
                    None => {
                        index.insert(id, boxes.len());
                        boxes.push((k, vec![i]));
                    }
                }
            }
            None => free.push(i),
        }
    }
    boxes.retain(|(k, members)| {
        // A page frame, a box around a whole borderless table (text in it stands in columns)
        // or a ruled column without row lines (numbers stacked in it) is not a cell: its text
        // is read as lines.
        let box_lines = lines(members.iter().map(|&i| &glyphs[i]).collect());
        let numbers = box_lines
            .iter()
            .filter(|l| l.iter().all(|g| numeric(&g.text)))
            .count();
        let frame = (k.right - k.left) * (k.bottom - k.top) > FRAME_SHARE * page_area
            || box_lines.iter().any(|l| split_line(l).len() > 1)
            || numbers >= 3;
        if frame {
            free.extend(members);
        }
        !frame
    });

    (boxes, free)
}

/// The rows of ruled boxes: boxes sharing a top edge, left to right, blank boxes included.
fn table_rows(
    page_no: usize,
    glyphs: &[Glyph],
    boxes: &[(BoxKey, Vec<usize>)],
    hs: &[Rule],
    vs: &[Rule],
    notes: &mut PageNotes,
) -> Vec<Item> {
    // (top, left, cell) items, then grouped into rows by top.
    let mut items: Vec<(f64, f64, Cell)> = Vec::new();
    for (k, members) in boxes {
        let gs: Vec<&Glyph> = members.iter().map(|&i| &glyphs[i]).collect();
        let first = gs
            .iter()
            .min_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)))
            .map_or((k.left, k.top), |g| (g.x0, g.y0));
        items.push((
            k.top,
            k.left,
            Cell {
                text: cell_text(&gs),
                place: place(page_no, first.0, first.1),
            },
        ));
    }
    let keys: Vec<BoxKey> = boxes.iter().map(|(k, _)| *k).collect();
    let blanks = blank_boxes(&keys, hs, vs).unwrap_or_else(|| {
        notes.limited = true;
        vec![]
    });
    for (top, left) in blanks {
        items.push((
            top,
            left,
            Cell {
                text: String::new(),
                place: place(page_no, left, top),
            },
        ));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    for (top, left, cell) in items {
        match current.as_mut() {
            Some(item) if (top - item.top).abs() <= SNAP => {
                item.row.cells.push(cell);
                item.edges.push(left);
            }
            _ => {
                out.extend(current.take());
                current = Some(Item {
                    top,
                    left,
                    row: Row { cells: vec![cell] },
                    line: None,
                    edges: vec![left],
                });
            }
        }
    }
    out.extend(current);

    out
}

/// Glyphs outside ruled boxes, as lines split into cells.
fn free_lines(page_no: usize, glyphs: &[Glyph], free: &[usize]) -> Vec<Item> {
    let mut out = Vec::new();
    for line in lines(free.iter().map(|&i| &glyphs[i]).collect()) {
        let top = line.iter().map(|g| g.y0).fold(f64::MAX, f64::min);
        let left = line.first().map_or(0.0, |g| g.x0);
        let right = line.last().map_or(0.0, |g| g.x1);
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
        let cells: Vec<Cell> = split_line(&line)
            .into_iter()
            .map(|part| Cell {
                text: join_line(part),
                place: place(page_no, part[0].x0, part[0].y0),
            })
            .collect();
        out.push(Item {
            top,
            left,
            row: Row { cells },
            line: Some(Line { left, right, size }),
            edges: vec![],
        });
    }
    out
}

/// A row in the making: where it starts, and for a free line its extent.
struct Item {
    top: f64,
    left: f64,
    row: Row,
    line: Option<Line>,
    /// The left edges of a table row's boxes, one per cell.
    edges: Vec<f64>,
}

#[derive(Clone, Copy)]
struct Line {
    left: f64,
    right: f64,
    size: f64,
}

/// Join prose lines that wrap into paragraphs: a line that runs to the right margin continues
/// on the next line when that line is close below and not indented.
fn join_paragraphs(items: Vec<Item>) -> Vec<PageRow> {
    let margin = items
        .iter()
        .filter_map(|i| i.line.map(|l| l.right))
        .fold(f64::MIN, f64::max);
    let mut out: Vec<PageRow> = Vec::new();
    // The open paragraph: its last line and its left edge.
    let mut open: Option<(f64, Line, f64)> = None;
    for item in items {
        let joins = match (&open, &item.line) {
            (Some((last_top, last, para_left)), Some(line)) => {
                let one_cell = item.row.cells.len() == 1
                    && out.last().is_some_and(|r| r.row.cells.len() == 1)
                    && !is_page_number(&item.row);
                one_cell
                    && last.right >= margin - 1.5 * last.size
                    && item.top - last_top <= 3.0 * last.size.max(line.size)
                    && line.left <= para_left + 0.5 * line.size
            }
            _ => false,
        };
        match (joins, out.last_mut(), item.line) {
            (true, Some(prev), Some(line)) => {
                if let (Some(p), Some(c)) = (prev.row.cells.first_mut(), item.row.cells.first()) {
                    p.text.push_str(&c.text);
                }
                let para_left = open.map_or(line.left, |o| o.2);
                open = Some((item.top, line, para_left));
            }
            _ => {
                open = item.line.map(|l| (item.top, l, l.left));
                out.push(PageRow {
                    edges: item.line.is_none().then_some(item.edges),
                    row: item.row,
                });
            }
        }
    }
    out
}

fn place(page: usize, x: f64, y: f64) -> Place {
    Place::Pdf {
        page,
        x: x.max(0.0).round() as u32,
        y: y.max(0.0).round() as u32,
    }
}

/// Text at a slant (a diagonal watermark such as "某某区人民政府") is decoration, not cells: only
/// glyphs within 10° of a quarter turn are read.
fn square((rx, ry): (f64, f64)) -> bool {
    let (a, b) = (rx.abs(), ry.abs());
    let len = a.max(b);
    len > 0.0 && a.min(b) / len <= 0.18
}

/// Quarter turns that make most text run left to right.
fn dominant_turn(glyphs: &[RawGlyph]) -> u8 {
    let mut counts = [0usize; 4];
    for g in glyphs.iter().filter(|g| square(g.right)) {
        let (rx, ry) = g.right;
        let dir = if rx.abs() >= ry.abs() {
            if rx >= 0.0 {
                0
            } else {
                2
            }
        } else if ry > 0.0 {
            1
        } else {
            3
        };
        counts[dir] += 1;
    }
    let best = (0..4)
        .max_by_key(|&d| (counts[d], usize::from(d == 0)))
        .unwrap_or(0);
    best as u8
}

/// Turn display coordinates so text running in direction `turn` runs left to right.
fn rotate((x, y): (f64, f64), turn: u8, w: f64, h: f64) -> (f64, f64) {
    match turn {
        1 => (y, w - x),
        2 => (w - x, h - y),
        3 => (h - y, x),
        _ => (x, y),
    }
}

/// Horizontal and vertical rulings, collinear pieces merged.
fn rules(segs: &[Segment]) -> (Vec<Rule>, Vec<Rule>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in segs {
        let (dx, dy) = ((s.b.0 - s.a.0).abs(), (s.b.1 - s.a.1).abs());
        if dy <= 1.0 && dx >= 2.0 {
            hs.push(Rule {
                at: (s.a.1 + s.b.1) / 2.0,
                from: s.a.0.min(s.b.0),
                to: s.a.0.max(s.b.0),
            });
        } else if dx <= 1.0 && dy >= 2.0 {
            vs.push(Rule {
                at: (s.a.0 + s.b.0) / 2.0,
                from: s.a.1.min(s.b.1),
                to: s.a.1.max(s.b.1),
            });
        }
    }
    (merge(hs), merge(vs))
}

fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    // Snap positions that differ by less than SNAP to the first of their run.
    let mut base = f64::MIN;
    for r in rules.iter_mut() {
        if r.at - base > SNAP {
            base = r.at;
        }
        r.at = base;
    }
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        match out.last_mut() {
            Some(last) if last.at == r.at && r.from <= last.to + SNAP => {
                last.to = last.to.max(r.to);
            }
            _ => out.push(r),
        }
    }
    out
}

/// The ruled box around a point: nearest rulings on all four sides that reach it. A table cut
/// by a page break has no ruling along the cut: there the box ends where its side rulings end.
fn enclosing(hs: &[Rule], vs: &[Rule], x: f64, y: f64) -> Option<BoxKey> {
    let nearest = |rules: &mut dyn Iterator<Item = &Rule>, after: bool| -> Option<Rule> {
        rules.fold(None, |best: Option<Rule>, r| match best {
            Some(b) if (after && b.at <= r.at) || (!after && b.at >= r.at) => Some(b),
            _ => Some(*r),
        })
    };
    let left = nearest(&mut vs.iter().filter(|v| v.at < x && v.covers(y)), false)?;
    let right = nearest(&mut vs.iter().filter(|v| v.at > x && v.covers(y)), true)?;
    let top = nearest(&mut hs.iter().filter(|h| h.at < y && h.covers(x)), false)
        .map(|h| h.at)
        .or_else(|| Some(left.from.max(right.from)).filter(|t| *t < y))?;
    let bottom = nearest(&mut hs.iter().filter(|h| h.at > y && h.covers(x)), true)
        .map(|h| h.at)
        .or_else(|| Some(left.to.min(right.to)).filter(|b| *b > y))?;
    Some(BoxKey {
        left: left.at,
        right: right.at,
        top,
        bottom,
    })
}

/// Ruled boxes with no text, in the rows that text boxes start: (top, left) of each.
fn blank_boxes(boxes: &[BoxKey], hs: &[Rule], vs: &[Rule]) -> Option<Vec<(f64, f64)>> {
    let mut work = 0usize;
    let mut tops: Vec<(f64, f64)> = Vec::new();
    for k in boxes {
        work += tops.len();
        if work > MAX_RULE_WORK {
            return None;
        }
        match tops.iter_mut().find(|(t, _)| (t - k.top).abs() <= SNAP) {
            Some((_, bottom)) => *bottom = bottom.min(k.bottom),
            None => tops.push((k.top, k.bottom)),
        }
    }
    let mut out = Vec::new();
    for (top, bottom) in tops {
        let mid = (top + bottom) / 2.0;
        let mut xs: Vec<f64> = vs.iter().filter(|v| v.covers(mid)).map(|v| v.at).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        for pair in xs.windows(2) {
            work += boxes.len() + 2 * hs.len();
            if work > MAX_RULE_WORK {
                return None;
            }
            let (a, b) = (pair[0], pair[1]);
            let cx = (a + b) / 2.0;
            if b - a < 3.0 || boxes.iter().any(|k| k.contains(cx, mid)) {
                continue;
            }
            // Only a box whose top ruling is this row's: otherwise it continues a merged cell.
            let starts_here = hs
                .iter()
                .any(|h| (h.at - top).abs() <= SNAP && h.covers(cx));
            let closed_below = hs.iter().any(|h| h.at > mid && h.covers(cx));
            if starts_here && closed_below {
                out.push((top, a));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64, size: f64) -> RawGlyph {
        // Display space, y down: the baseline at y, the em box above it.
        let w = size * text.chars().count() as f64 * 0.6;
        RawGlyph {
            text: Some(text.into()),
            corners: [(x, y), (x + w, y), (x + w, y - size), (x, y - size)],
            right: (size, 0.0),
            size,
        }
    }

    fn seg(a: (f64, f64), b: (f64, f64)) -> Segment {
        Segment { a, b }
    }

    fn texts(rows: &[PageRow]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.row.texts()).collect()
    }

    /// A 3×3 ruled grid at x 100/200/300/400, y 100/130/160/190, with the first column merged
    /// over rows 2–3.
    fn grid() -> Vec<Segment> {
        let mut s = vec![];
        for y in [100.0, 130.0, 190.0] {
            s.push(seg((100.0, y), (400.0, y)));
        }
        s.push(seg((200.0, 160.0), (400.0, 160.0)));
        for x in [100.0, 200.0, 300.0, 400.0] {
            s.push(seg((x, 100.0), (x, 190.0)));
        }
        s
    }

    #[test]
    fn ruled_boxes_become_cells_with_merges_once_and_blanks_kept() {
        let content = PageContent {
            glyphs: vec![
                glyph("标题", 120.0, 80.0, 10.0),
                glyph("（二）部分公开", 105.0, 150.0, 8.0),
                glyph("只计这一情形", 105.0, 160.0, 8.0),
                glyph("申请", 110.0, 120.0, 10.0),
                glyph("9", 250.0, 148.0, 10.0),
                glyph("9", 250.3, 148.2, 10.0),
                glyph("1", 250.0, 178.0, 10.0),
                glyph("0", 350.0, 178.0, 10.0),
                glyph("- 3 -", 250.0, 300.0, 10.0),
            ],
            segments: grid(),
            images: 0,
            truncated: false,
        };
        let mut notes = PageNotes::default();
        let rows = rows(2, &content, 595.0, 842.0, &mut notes);
        assert_eq!(
            texts(&rows),
            vec![
                vec!["标题"],
                vec!["申请", "", ""],
                vec!["（二）部分公开\n只计这一情形", "9", ""],
                vec!["1", "0"],
                vec!["- 3 -"],
            ]
        );
        assert_eq!(
            rows[2].row.cells[1].place,
            Place::Pdf {
                page: 2,
                x: 250,
                y: 138
            }
        );
        assert_eq!(notes, PageNotes::default());
    }

    #[test]
    fn borderless_rows_split_where_numbers_and_item_markers_start() {
        let content = PageContent {
            glyphs: vec![
                glyph("（四）无法提供", 97.0, 130.0, 9.0),
                glyph("2.没有现成信息", 141.0, 130.0, 9.0),
                glyph("3", 319.0, 130.0, 9.0),
                glyph("0", 350.0, 130.0, 9.0),
                glyph("行政机关不再处理其政府信息公开", 167.0, 160.0, 9.0),
                glyph("0", 255.0, 160.0, 9.0),
                glyph("0", 350.0, 160.0, 9.0),
                glyph("（六）其他处理", 97.0, 190.0, 9.0),
                glyph("2", 141.0, 190.0, 9.0),
                glyph(".申请人逾期", 146.4, 190.0, 9.0),
                glyph("2024年，本机关", 97.0, 220.0, 9.0),
                glyph("（本级）收到申请", 147.0, 220.0, 9.0),
            ],
            segments: vec![],
            images: 0,
            truncated: false,
        };
        let mut notes = PageNotes::default();
        assert_eq!(
            texts(&rows(1, &content, 595.0, 842.0, &mut notes)),
            vec![
                vec!["（四）无法提供", "2.没有现成信息", "3", "0"],
                vec!["行政机关不再处理其政府信息公开", "0", "0"],
                vec!["（六）其他处理", "2.申请人逾期"],
                vec!["2024年，本机关（本级）收到申请"],
            ]
        );
    }

    #[test]
    fn text_off_the_page_is_not_read_but_counted() {
        let content = PageContent {
            glyphs: vec![
                glyph("9", 250.0, 148.0, 10.0),
                glyph("33", 600.0, 148.0, 10.0),
            ],
            segments: grid(),
            images: 0,
            truncated: false,
        };
        let mut notes = PageNotes::default();
        let got = texts(&rows(1, &content, 595.0, 842.0, &mut notes));
        assert!(got.iter().flatten().all(|c| c != "33"), "{got:?}");
        assert_eq!(notes.off_page, 1);
    }

    #[test]
    fn a_diagonal_watermark_is_not_read() {
        let mut mark = glyph("水印", 250.0, 148.0, 30.0);
        mark.right = (21.2, -21.2);
        let content = PageContent {
            glyphs: vec![glyph("9", 250.0, 148.0, 10.0), mark],
            segments: grid(),
            images: 0,
            truncated: false,
        };
        let mut notes = PageNotes::default();
        let got = texts(&rows(1, &content, 595.0, 842.0, &mut notes));
        assert!(got.iter().flatten().all(|c| !c.contains('水')), "{got:?}");
        assert!(got.iter().flatten().any(|c| c == "9"));
    }

    #[test]
    fn free_lines_split_at_wide_gaps_and_pages_turned_upright() {
        let content = PageContent {
            glyphs: vec![
                glyph("行政许可", 100.0, 100.0, 10.0),
                glyph("12", 300.0, 101.0, 10.0),
                glyph("结", 100.0, 200.0, 10.0),
                glyph("果", 115.0, 200.0, 10.0),
            ],
            segments: vec![],
            images: 0,
            truncated: false,
        };
        let mut notes = PageNotes::default();
        assert_eq!(
            texts(&rows(1, &content, 595.0, 842.0, &mut notes)),
            vec![vec!["行政许可", "12"], vec!["结 果"]]
        );
        // The same page drawn a quarter turn clockwise (text runs down the display).
        let turned = PageContent {
            glyphs: content
                .glyphs
                .iter()
                .map(|g| RawGlyph {
                    corners: g.corners.map(|(x, y)| (842.0 - y, x)),
                    right: (0.0, g.size),
                    ..g.clone()
                })
                .collect(),
            ..content
        };
        assert_eq!(
            texts(&rows(1, &turned, 842.0, 595.0, &mut notes)),
            vec![vec!["行政许可", "12"], vec!["结 果"]]
        );
    }
}
