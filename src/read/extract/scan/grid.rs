//! A scanned page's table grid: the page binarised (Otsu), turned straight (the angle whose
//! row profile is sharpest, within ±2°), its ruling lines found (dark runs longer than a third
//! of an inch, across a gap of a pixel or two), and erased, so that the text reader sees
//! characters, not lines. The lines give the cells: each band between two horizontal lines is a
//! row, cut into cells by the vertical lines that cross it.

use super::image::Gray;

/// A ruling line's run must be at least this long (in inches): longer than any character's
/// stroke, shorter than the shortest cell border.
const LINE_INCHES: f64 = 0.3;
/// Angles tried when straightening, in tenths of a degree either way.
const TURN_TENTHS: i32 = 20;

/// Otsu's threshold of a picture's grey levels (kept between 90 and 210: a page is mostly
/// paper).
pub fn threshold(g: &Gray) -> u8 {
    let mut hist = [0u64; 256];
    for &p in &g.px {
        hist[p as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut at) = (0f64, 0f64, 0f64, 160u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c as f64;
        if w_b == 0.0 {
            continue;
        }
        let w_f = total as f64 - w_b;
        if w_f == 0.0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let (m_b, m_f) = (sum_b / w_b, (sum - sum_b) / w_f);
        let between = w_b * w_f * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            at = t as u8;
        }
    }
    at.clamp(90, 210)
}

/// The angle (tenths of a degree) that makes the page's rows of ink sharpest: a page turned by
/// it is straight.
pub fn skew_tenths(g: &Gray, t: u8) -> i32 {
    // Every 4th dark pixel is enough to see the rows.
    let dark: Vec<(usize, usize)> = (0..g.h)
        .step_by(1)
        .flat_map(|y| (0..g.w).step_by(2).map(move |x| (x, y)))
        .filter(|&(x, y)| g.at(x, y) < t)
        .step_by(2)
        .collect();
    let mut best = (0u64, 0i32);
    // Straight first, then ever further either way: a tie keeps the smaller turn.
    let order = std::iter::once(0).chain((1..=TURN_TENTHS).flat_map(|a| [-a, a]));
    for a in order {
        let tan = (f64::from(a) / 10.0).to_radians().tan();
        let mut bins = vec![0u64; g.h + g.w / 8 + 2];
        let off = (g.w as f64 * tan.abs()).ceil() as usize + 1;
        for &(x, y) in &dark {
            let yy = y as f64 + x as f64 * tan + off as f64;
            if let Some(b) = bins.get_mut(yy as usize) {
                *b += 1;
            }
        }
        let score: u64 = bins.iter().map(|b| b * b).sum();
        if score > best.0 {
            best = (score, a);
        }
    }
    best.1
}

/// The page turned by `tenths` of a degree about its centre (nearest pixel; paper outside).
pub fn turned(g: &Gray, tenths: i32) -> Gray {
    if tenths == 0 {
        return g.clone();
    }
    let a = (f64::from(tenths) / 10.0).to_radians();
    let (s, c) = a.sin_cos();
    let (cx, cy) = (g.w as f64 / 2.0, g.h as f64 / 2.0);
    let mut out = Gray::new(g.w, g.h, 255);
    for y in 0..g.h {
        for x in 0..g.w {
            // The source of (x, y): turned back.
            let (dx, dy) = (x as f64 - cx, y as f64 - cy);
            let sx = (c * dx - s * dy + cx).round();
            let sy = (s * dx + c * dy + cy).round();
            if sx >= 0.0 && sy >= 0.0 && (sx as usize) < g.w && (sy as usize) < g.h {
                out.px[y * g.w + x] = g.at(sx as usize, sy as usize);
            }
        }
    }
    out
}

/// A ruling line: where it is across, and where it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Its centre (y for a horizontal line, x for a vertical one).
    pub at: usize,
    pub from: usize,
    pub to: usize,
}

/// The page's lines and the page with them erased.
pub struct Ruled {
    pub horizontal: Vec<Line>,
    pub vertical: Vec<Line>,
    /// Black text on white, lines erased.
    pub clean: Gray,
}

/// Runs of `dark` at least `min` long along one axis (gaps of up to 2 pixels bridged): for
/// each, (line index, start, end).
fn runs(
    dark: impl Fn(usize, usize) -> bool,
    lines: usize,
    len: usize,
    min: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for l in 0..lines {
        let mut i = 0;
        while i < len {
            if !dark(l, i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            let mut gap = 0;
            while i < len {
                if dark(l, i) {
                    end = i;
                    gap = 0;
                } else {
                    gap += 1;
                    if gap > 2 {
                        break;
                    }
                }
                i += 1;
            }
            if end + 1 - start >= min {
                out.push((l, start, end + 1));
            }
        }
    }
    out
}

/// How far apart two pieces of one stepped line may be along it.
const STEP_GAP: usize = 6;

/// Runs on neighbouring lines that overlap or continue one another, merged into one line each.
fn group(mut runs: Vec<(usize, usize, usize)>) -> Vec<Line> {
    runs.sort();
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new(); // first, last, from, to
    for (l, a, b) in runs {
        match out
            .iter_mut()
            .rev()
            .take(8)
            // On a neighbouring line, overlapping or continuing it (a line a little off
            // straight steps from one pixel row to the next).
            .find(|g| l <= g.1 + 2 && a <= g.3 + STEP_GAP && b + STEP_GAP >= g.2)
        {
            Some(g) => {
                g.1 = g.1.max(l);
                g.2 = g.2.min(a);
                g.3 = g.3.max(b);
            }
            None => out.push((l, l, a, b)),
        }
    }
    // Pieces of one stepped line met out of order: joined until none touch.
    loop {
        let mut joined = false;
        'outer: for i in 0..out.len() {
            for j in i + 1..out.len() {
                let (p, q) = (out[i], out[j]);
                let near = q.0 <= p.1 + 3 && p.0 <= q.1 + 3;
                let touch = q.2 <= p.3 + STEP_GAP && p.2 <= q.3 + STEP_GAP;
                if near && touch {
                    out[i] = (p.0.min(q.0), p.1.max(q.1), p.2.min(q.2), p.3.max(q.3));
                    out.remove(j);
                    joined = true;
                    break 'outer;
                }
            }
        }
        if !joined {
            break;
        }
    }
    let mut lines: Vec<Line> = out
        .into_iter()
        .map(|(f, l, a, b)| Line {
            at: (f + l) / 2,
            from: a,
            to: b,
        })
        .collect();
    lines.sort_by_key(|l| (l.at, l.from));
    lines
}

/// Find the ruling lines of a straight page (`dpi` its resolution) and erase them.
pub fn rule(g: &Gray, t: u8, dpi: f64) -> Ruled {
    let min = ((dpi * LINE_INCHES) as usize).max(20);
    let dark = |x: usize, y: usize| g.at(x, y) < t;
    // A line a little off straight steps from one pixel row (or column) to the next: a run is
    // followed across its neighbours too.
    let h_dark = |y: usize, x: usize| {
        dark(x, y) || (y > 0 && dark(x, y - 1)) || (y + 1 < g.h && dark(x, y + 1))
    };
    let v_dark = |x: usize, y: usize| {
        dark(x, y) || (x > 0 && dark(x - 1, y)) || (x + 1 < g.w && dark(x + 1, y))
    };
    let h_runs = runs(h_dark, g.h, g.w, min);
    let v_runs = runs(v_dark, g.w, g.h, min);
    let mut clean = Gray::new(g.w, g.h, 255);
    for (i, p) in g.px.iter().enumerate() {
        if *p < t {
            clean.px[i] = 0;
        }
    }
    // Erase each line and a pixel beside it (the anti-aliased edge).
    for &(y, a, b) in &h_runs {
        for yy in y.saturating_sub(1)..(y + 2).min(g.h) {
            clean.px[yy * g.w + a..yy * g.w + b].fill(255);
        }
    }
    for &(x, a, b) in &v_runs {
        for y in a..b {
            for xx in x.saturating_sub(1)..(x + 2).min(g.w) {
                clean.px[y * g.w + xx] = 255;
            }
        }
    }
    Ruled {
        horizontal: group(h_runs),
        vertical: group(v_runs),
        clean,
    }
}

/// One row of a table: the band between two horizontal lines, cut into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub top: usize,
    pub bottom: usize,
    /// Each cell's left and right edge.
    pub cells: Vec<(usize, usize)>,
}

/// The table rows of a ruled page: each band between two consecutive horizontal lines that
/// overlap, with the vertical lines crossing its middle as its cells' edges (a band with fewer
/// than two such lines is no table row).
pub fn bands(r: &Ruled) -> Vec<Band> {
    let mut out = Vec::new();
    let hs = &r.horizontal;
    for (i, top) in hs.iter().enumerate() {
        // The next line below that overlaps it across.
        let Some(bottom) = hs[i + 1..]
            .iter()
            .find(|b| b.at > top.at + 4 && b.from < top.to && b.to > top.from)
        else {
            continue;
        };
        let mid = (top.at + bottom.at) / 2;
        let mut edges: Vec<usize> = r
            .vertical
            .iter()
            .filter(|v| v.from <= mid && v.to >= mid)
            .map(|v| v.at)
            .collect();
        edges.sort_unstable();
        edges.dedup_by(|a, b| a.abs_diff(*b) < 4);
        if edges.len() < 2 {
            continue;
        }
        out.push(Band {
            top: top.at,
            bottom: bottom.at,
            cells: edges.windows(2).map(|w| (w[0], w[1])).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with a 3×2 ruled grid and a dark blob in one cell.
    fn page() -> Gray {
        let mut g = Gray::new(400, 300, 250);
        for y in [50usize, 120, 190] {
            for x in 40..360 {
                g.px[y * 400 + x] = 10;
            }
        }
        for x in [40usize, 200, 359] {
            for y in 50..191 {
                g.px[y * 400 + x] = 10;
            }
        }
        for y in 70..90 {
            for x in 100..110 {
                g.px[y * 400 + x] = 0;
            }
        }
        g
    }

    #[test]
    fn lines_are_found_erased_and_cut_into_cells() {
        let g = page();
        let t = threshold(&g);
        assert_eq!(skew_tenths(&g, t), 0);
        let r = rule(&g, t, 100.0);
        assert_eq!(
            r.horizontal.iter().map(|l| l.at).collect::<Vec<_>>(),
            [50, 120, 190]
        );
        assert_eq!(
            r.vertical.iter().map(|l| l.at).collect::<Vec<_>>(),
            [40, 200, 359]
        );
        let b = bands(&r);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].cells, [(40, 200), (200, 359)]);
        // The blob (text) stays; the lines are gone.
        assert_eq!(r.clean.at(105, 80), 0);
        assert_eq!(r.clean.at(150, 120), 255);
        assert_eq!(r.clean.at(200, 150), 255);
    }

    #[test]
    fn a_turned_page_is_turned_back() {
        let g = page();
        let t = threshold(&g);
        let skewed = turned(&g, 8);
        // The skew is found as turned; turning back by it makes the page straight.
        let a = skew_tenths(&skewed, t);
        assert!((7..=9).contains(&a), "{a}");
        let straight = turned(&skewed, -a);
        let r = rule(&straight, t, 100.0);
        assert_eq!(r.horizontal.len(), 3, "{:?}", r.horizontal);
    }
}
