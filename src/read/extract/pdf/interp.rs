//! Run a page's content stream: every shown glyph with its place on the displayed page, and
//! every straight line or thin filled rectangle (table rulings).

use super::font::Font;
use super::obj::{self, STREAM_LIMIT};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::rc::Rc;

/// Operators run per page (forms included).
const MAX_OPS: usize = 2_000_000;
/// Glyphs kept per page.
pub const MAX_GLYPHS: usize = 200_000;
/// Rulings kept per page.
const MAX_SEGMENTS: usize = 100_000;
/// Nested forms followed.
const MAX_FORM_DEPTH: usize = 8;
/// Saved graphics states kept.
const MAX_STACK: usize = 256;
/// A filled rectangle at most this thick (points) is a ruling.
const THIN: f64 = 2.5;

/// An affine matrix `[a b c d e f]` as PDF writes it.
pub type Matrix = [f64; 6];

pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` applied first, then `n`.
pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// A shown glyph, in display space (points, x to the right, y down from the top).
#[derive(Debug, Clone)]
pub struct RawGlyph {
    /// `None` when the font gives no text for the code.
    pub text: Option<String>,
    pub corners: [(f64, f64); 4],
    /// The glyph's x axis (unit length 1 em): which way its text runs.
    pub right: (f64, f64),
    /// Font size as displayed (points).
    pub size: f64,
}

/// A straight stroke or thin fill, in display space.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub a: (f64, f64),
    pub b: (f64, f64),
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<RawGlyph>,
    pub segments: Vec<Segment>,
    pub images: usize,
    /// A limit stopped the reading early.
    pub truncated: bool,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct Interp<'a> {
    doc: &'a Document,
    display: Matrix,
    fonts: HashMap<usize, Rc<Font>>,
    out: PageContent,
    ops: usize,
    path: Vec<Vec<(f64, f64)>>,
    closed: Vec<bool>,
}

/// Run the content of a page. `resources` are the page's resource dictionaries, nearest first.
pub fn run<'a>(
    doc: &'a Document,
    content: &[u8],
    resources: &[&'a Dictionary],
    display: Matrix,
) -> PageContent {
    let mut it = Interp {
        doc,
        display,
        fonts: HashMap::new(),
        out: PageContent::default(),
        ops: 0,
        path: vec![],
        closed: vec![],
    };
    let state = State {
        ctm: IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    it.stream(content, resources, state, 0);
    it.out
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) if r.is_finite() => f64::from(*r),
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f64; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(&ops[ops.len() - N..]) {
        *slot = num(o);
    }
    Some(out)
}

/// A named resource (`/Font /F1`, `/XObject /Im0`) from the nearest resource dictionary.
fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    kind: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        obj::get(doc, r, kind)
            .and_then(|o| obj::dict(doc, o))
            .and_then(|d| d.get(name).ok())
    })
}

impl<'a> Interp<'a> {
    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Rc<Font> {
        let Some(o) = lookup(self.doc, resources, b"Font", name) else {
            return Rc::new(Font::fallback());
        };
        let Some(d) = obj::dict(self.doc, o) else {
            return Rc::new(Font::fallback());
        };
        let key = d as *const Dictionary as usize;
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let f = Rc::new(Font::load(self.doc, d));
        self.fonts.insert(key, f.clone());
        f
    }

    fn stream(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        mut gs: State,
        depth: usize,
    ) {
        let Ok(content) = Content::decode(content) else {
            self.out.truncated = true;
            return;
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &content.operations {
            self.ops += 1;
            if self.ops > MAX_OPS
                || (self.ops.is_multiple_of(4096) && crate::read::budget::exceeded())
                || self.out.glyphs.len() >= MAX_GLYPHS
                || self.out.segments.len() >= MAX_SEGMENTS
            {
                self.out.truncated = true;
                return;
            }
            let args = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(size)) = (args.first(), args.get(1)) {
                        gs.font = Some(self.font(resources, n));
                        gs.size = num(size);
                    }
                }
                "Tc" => gs.char_spacing = args.first().map_or(0.0, num),
                "Tw" => gs.word_spacing = args.first().map_or(0.0, num),
                "Tz" => gs.scale = args.first().map_or(100.0, num) / 100.0,
                "TL" => gs.leading = args.first().map_or(0.0, num),
                "Ts" => gs.rise = args.first().map_or(0.0, num),
                "Td" | "TD" => {
                    if let Some([tx, ty]) = nums::<2>(args) {
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        if let Some([aw, ac]) = nums::<2>(&args[..args.len().min(2)]) {
                            gs.word_spacing = aw;
                            gs.char_spacing = ac;
                        }
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let font = gs.font.clone().unwrap_or_else(|| Rc::new(Font::fallback()));
                    match args.last() {
                        Some(Object::String(bytes, _)) => self.show(&gs, &font, &mut tm, bytes),
                        Some(Object::Array(items)) if op.operator == "TJ" => {
                            for item in items {
                                match item {
                                    Object::String(bytes, _) => {
                                        self.show(&gs, &font, &mut tm, bytes)
                                    }
                                    other => {
                                        let adj = -num(other) / 1000.0 * gs.size;
                                        let step = if font.vertical {
                                            [1.0, 0.0, 0.0, 1.0, 0.0, adj]
                                        } else {
                                            [1.0, 0.0, 0.0, 1.0, adj * gs.scale, 0.0]
                                        };
                                        tm = mul(&step, &tm);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                "m" => {
                    if let Some([x, y]) = nums::<2>(args) {
                        self.path.push(vec![self.to_display(&gs, x, y)]);
                        self.closed.push(false);
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(args) {
                        let p = self.to_display(&gs, x, y);
                        match self.path.last_mut() {
                            Some(sub) if sub.len() < 4096 => sub.push(p),
                            Some(_) => {}
                            None => {
                                self.path.push(vec![p]);
                                self.closed.push(false);
                            }
                        }
                    }
                }
                "c" | "v" | "y" => {
                    // Curves are not rulings: end the straight run here.
                    if let Some([x, y]) = nums::<2>(args) {
                        self.path.push(vec![self.to_display(&gs, x, y)]);
                        self.closed.push(false);
                    }
                }
                "h" => {
                    if let Some(c) = self.closed.last_mut() {
                        *c = true;
                    }
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(args) {
                        let sub = vec![
                            self.to_display(&gs, x, y),
                            self.to_display(&gs, x + w, y),
                            self.to_display(&gs, x + w, y + h),
                            self.to_display(&gs, x, y + h),
                        ];
                        if self.path.len() < 65536 {
                            self.path.push(sub);
                            self.closed.push(true);
                        }
                    }
                }
                "S" | "s" => self.paint(true, false, op.operator == "s"),
                "f" | "F" | "f*" => self.paint(false, true, false),
                "B" | "B*" | "b" | "b*" => self.paint(true, true, op.operator.starts_with('b')),
                "n" => {
                    self.path.clear();
                    self.closed.clear();
                }
                "Do" => {
                    if let Some(Object::Name(n)) = args.first() {
                        self.draw_object(resources, n, &gs, depth);
                    }
                }
                "BI" | "ID" | "EI" => self.out.images += usize::from(op.operator == "BI"),
                _ => {}
            }
        }
    }

    fn to_display(&self, gs: &State, x: f64, y: f64) -> (f64, f64) {
        let (ux, uy) = apply(&gs.ctm, x, y);
        apply(&self.display, ux, uy)
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let path = std::mem::take(&mut self.path);
        let closed = std::mem::take(&mut self.closed);
        for (sub, was_closed) in path.into_iter().zip(closed) {
            if sub.len() < 2 {
                continue;
            }
            if stroke {
                let n = sub.len();
                let edges = if (was_closed || close) && n > 2 {
                    n
                } else {
                    n - 1
                };
                for k in 0..edges {
                    self.out.segments.push(Segment {
                        a: sub[k],
                        b: sub[(k + 1) % n],
                    });
                }
            } else if fill {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x, y) in &sub {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x);
                    y1 = y1.max(y);
                }
                let (w, h) = (x1 - x0, y1 - y0);
                if h <= THIN && w > h {
                    let y = (y0 + y1) / 2.0;
                    self.out.segments.push(Segment {
                        a: (x0, y),
                        b: (x1, y),
                    });
                } else if w <= THIN && h > w {
                    let x = (x0 + x1) / 2.0;
                    self.out.segments.push(Segment {
                        a: (x, y0),
                        b: (x, y1),
                    });
                }
            }
        }
    }

    fn draw_object(&mut self, resources: &[&'a Dictionary], name: &[u8], gs: &State, depth: usize) {
        let doc = self.doc;
        let Some(o) = lookup(doc, resources, b"XObject", name) else {
            return;
        };
        let Object::Stream(s) = obj::deref(doc, o) else {
            return;
        };
        match obj::name(self.doc, &s.dict, b"Subtype").as_deref() {
            Some("Image") => self.out.images += 1,
            Some("Form") if depth < MAX_FORM_DEPTH => {
                let Ok(bytes) = s.get_plain_content_with_limit(STREAM_LIMIT) else {
                    self.out.truncated = true;
                    return;
                };
                let matrix = obj::get(self.doc, &s.dict, b"Matrix")
                    .and_then(|m| obj::numbers(self.doc, m))
                    .filter(|m| m.len() == 6)
                    .map_or(IDENTITY, |m| [m[0], m[1], m[2], m[3], m[4], m[5]]);
                let own = obj::get(doc, &s.dict, b"Resources").and_then(|r| obj::dict(doc, r));
                let mut inner: Vec<&'a Dictionary> = Vec::with_capacity(resources.len() + 1);
                inner.extend(own);
                inner.extend_from_slice(resources);
                let mut state = gs.clone();
                state.ctm = mul(&matrix, &gs.ctm);
                // A form's path and text state are its own.
                let saved = (
                    std::mem::take(&mut self.path),
                    std::mem::take(&mut self.closed),
                );
                self.stream(&bytes, &inner, state, depth + 1);
                (self.path, self.closed) = saved;
            }
            _ => {}
        }
    }

    fn show(&mut self, gs: &State, font: &Font, tm: &mut Matrix, bytes: &[u8]) {
        let fs = gs.size;
        let th = gs.scale;
        for code in font.decode(bytes) {
            if self.out.glyphs.len() >= MAX_GLYPHS {
                self.out.truncated = true;
                return;
            }
            let w = f64::from(code.width) / 1000.0;
            let trm = mul(
                &mul(&[fs * th, 0.0, 0.0, fs, 0.0, gs.rise], tm),
                &mul(&gs.ctm, &self.display),
            );
            let (bx, by): ([f64; 2], [f64; 2]) = if font.vertical {
                ([-0.5, 0.5], [-1.0, 0.0])
            } else {
                ([0.0, w.max(0.1)], [-0.15, 0.85])
            };
            let corners = [
                apply(&trm, bx[0], by[0]),
                apply(&trm, bx[1], by[0]),
                apply(&trm, bx[1], by[1]),
                apply(&trm, bx[0], by[1]),
            ];
            let o = apply(&trm, 0.0, 0.0);
            let r = apply(&trm, 1.0, 0.0);
            let u = apply(&trm, 0.0, 1.0);
            let size = ((u.0 - o.0).powi(2) + (u.1 - o.1).powi(2)).sqrt();
            let is_blank = code.text.as_deref().is_some_and(|t| t.trim().is_empty());
            let decoration = font.decorative && code.text.is_none();
            if !is_blank && !decoration && size > 0.0 {
                self.out.glyphs.push(RawGlyph {
                    text: code.text,
                    corners,
                    right: (r.0 - o.0, r.1 - o.1),
                    size,
                });
            }
            let spacing = gs.char_spacing + if code.space { gs.word_spacing } else { 0.0 };
            let step = if font.vertical {
                [1.0, 0.0, 0.0, 1.0, 0.0, -w * fs + spacing]
            } else {
                [1.0, 0.0, 0.0, 1.0, (w * fs + spacing) * th, 0.0]
            };
            *tm = mul(&step, tm);
        }
    }
}
