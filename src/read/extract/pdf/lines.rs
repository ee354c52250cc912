//! Glyphs into lines and cells: lines of a ruled box or of free text, split where a table row
//! without rulings has its columns, joined with spaces where the gap is one.

/// A gap wider than this many font sizes splits a free line into cells.
pub(super) const CELL_GAP: f64 = 2.0;
/// A gap wider than this many font sizes is a space.
const SPACE_GAP: f64 = 0.3;

#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) text: String,
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
    pub(super) size: f64,
}

impl Glyph {
    pub(super) fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub(super) fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// Split a line into cells at gaps wider than [`CELL_GAP`] font sizes. In a line that has such
/// gaps (a table row without rulings), also where a number or a bracketed marker starts after a
/// gap of half a character or more: `（四）无法提供 2.没有现成信息…` and `…政府信息公开 0` are two cells.
pub(super) fn split_line<'g>(line: &'g [&'g Glyph]) -> Vec<&'g [&'g Glyph]> {
    let gap_at = |k: usize| line[k].x0 - line[k - 1].x1;
    let size_at = |k: usize| line[k].size.max(line[k - 1].size);
    let wide: Vec<bool> = (0..line.len())
        .map(|k| k > 0 && gap_at(k) > CELL_GAP * size_at(k))
        .collect();
    let numeric = |g: &Glyph| {
        g.text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,-".contains(c))
    };
    let starts_item = |k: usize| {
        let first = line[k].text.chars().next().unwrap_or(' ');
        (first.is_ascii_digit() && !numeric(line[k - 1])) || "（(".contains(first)
    };
    let gapped = |k: usize| gap_at(k) > 0.5 * size_at(k);
    let mut cuts: Vec<usize> = if wide.contains(&true) {
        (1..line.len())
            .filter(|&k| wide[k] || (gapped(k) && starts_item(k)))
            .collect()
    } else if line[0].text.starts_with(['（', '(']) {
        // A group label beside its first item (`（六）其他处理  2.申请人…`), the item's numbers
        // on a later line.
        let listed = |k: usize| {
            line[k].text.chars().all(|c| c.is_ascii_digit())
                && line
                    .get(k + 1)
                    .is_some_and(|g| g.text.starts_with(['.', '、', '．']))
        };
        (1..line.len())
            .filter(|&k| gapped(k) && listed(k))
            .collect()
    } else {
        vec![]
    };
    cuts.push(line.len());
    let mut out = Vec::with_capacity(cuts.len());
    let mut start = 0;
    for cut in cuts {
        out.push(&line[start..cut]);
        start = cut;
    }
    out
}

/// Group glyphs into lines (top to bottom), each sorted left to right, repeated glyphs (fake
/// bold) dropped. Two glyphs that stand on the same spot are not on one line: lines printed
/// closer than their font size (overlapping text) stay apart.
pub(super) fn lines(mut gs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    gs.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    // Checking every glyph of a line is quadratic: pages beyond any report skip it.
    let check_overlap = gs.len() <= 20_000;
    let mut out: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    let mut first_open = 0;
    for g in gs {
        while first_open < out.len() && g.cy() - out[first_open].0 > 2.0 * g.size {
            first_open += 1;
        }
        let fits = |(anchor, line): &(f64, Vec<&Glyph>)| {
            (g.cy() - anchor).abs() <= 0.5 * g.size.max(line[0].size)
                && !(check_overlap && line.iter().any(|h| clash(g, h)))
        };
        match (first_open..out.len()).rev().find(|&k| fits(&out[k])) {
            Some(k) => out[k].1.push(g),
            None => out.push((g.cy(), vec![g])),
        }
    }
    let mut out: Vec<Vec<&Glyph>> = out.into_iter().map(|(_, l)| l).collect();
    for line in &mut out {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        line.dedup_by(|b, a| same_glyph(a, b));
    }
    out
}

/// The same glyph drawn twice (fake bold, a shadow).
fn same_glyph(a: &Glyph, b: &Glyph) -> bool {
    a.text == b.text && (a.x0 - b.x0).abs() < 0.3 * a.size && (a.cy() - b.cy()).abs() < 0.3 * a.size
}

/// Two different glyphs on the same spot of a line.
fn clash(a: &Glyph, b: &Glyph) -> bool {
    let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
    let narrow = (a.x1 - a.x0).min(b.x1 - b.x0);
    // Nearly the same spot: punctuation squeezed by kerning overlaps its neighbour by half.
    overlap > 0.7 * narrow && !same_glyph(a, b)
}

pub(super) fn join_line(line: &[&Glyph]) -> String {
    let mut s = String::new();
    for (k, g) in line.iter().enumerate() {
        if k > 0 && g.x0 - line[k - 1].x1 > SPACE_GAP * g.size {
            s.push(' ');
        }
        s.push_str(&g.text);
    }
    s
}

pub(super) fn cell_text(gs: &[&Glyph]) -> String {
    lines(gs.to_vec())
        .iter()
        .map(|l| join_line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Digits and punctuation only (`12`, `0.058`, `1,036`).
pub(super) fn numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f64, y0: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            y0,
            x1: x0 + 10.0,
            y1: y0 + 10.0,
            size: 10.0,
        }
    }

    fn texts(gs: &[Glyph]) -> Vec<String> {
        lines(gs.iter().collect())
            .iter()
            .map(|l| join_line(l))
            .collect()
    }

    #[test]
    fn squeezed_punctuation_stays_on_its_line_and_overlapping_lines_stay_apart() {
        // `、` drawn half a character before `健` (kerning): one line.
        assert_eq!(
            texts(&[g("、", 0.0, 0.0), g("健", 5.0, 0.0), g("全", 15.0, 0.0)]),
            vec!["、健全"]
        );
        // Two lines printed 4 points apart, glyph over glyph: two lines, in order.
        assert_eq!(
            texts(&[
                g("本", 0.0, 0.0),
                g("列", 10.0, 0.0),
                g("和", 0.0, 4.0),
                g("等", 10.0, 4.0)
            ]),
            vec!["本列", "和等"]
        );
        // Fake bold: the same glyph twice is read once.
        assert_eq!(texts(&[g("9", 0.0, 0.0), g("9", 0.4, 0.2)]), vec!["9"]);
    }
}
