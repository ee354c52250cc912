//! Scanned pages read offline: the page's picture taken out of the PDF ([`image`]), turned
//! straight and its ruling lines found and erased ([`grid`]), then read by Tesseract
//! ([`ocr`]) twice — once for the text (Chinese), once for the digits of the table's value
//! cells alone — and the words put into the cells the lines make. Every cell keeps its place
//! (page, x, y in points) and a confidence; a value cell read with little confidence, read
//! differently by the two readings, or with ink and no digits, is doubtful.

pub mod grid;
pub mod image;
pub mod ocr;

use super::{Cell, Place, Row};
use image::Gray;
use ocr::{Mode, Tesseract, Word};
use serde::{Deserialize, Serialize};

/// Below this confidence (Tesseract's, 0–100) a value is doubtful.
pub const MIN_CONFIDENCE: f32 = 85.0;

/// A cell whose value could not be read with confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doubt {
    pub page: usize,
    /// Its top-left corner, in points from the page's top left (as [`Place::Pdf`]).
    pub x: u32,
    pub y: u32,
    /// What was read (empty: ink, but no digit).
    pub read: String,
    /// The confidence, 0–100.
    pub conf: u8,
    /// The cell as scanned (a grey PNG, base64), for the clerk to read by eye.
    #[serde(default)]
    pub picture: String,
}

/// A row read from a scanned page: a table row with its cells' left edges (in points), or a
/// line of text.
#[derive(Debug)]
pub struct ScanRow {
    pub row: Row,
    pub edges: Option<Vec<f64>>,
}

/// What reading a scanned page gave.
#[derive(Debug, Default)]
pub struct Reading {
    pub rows: Vec<ScanRow>,
    pub doubts: Vec<Doubt>,
    /// Value cells read, and how many of them confidently.
    pub values: usize,
}

/// Why a scanned page was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanProblem {
    Image(image::ImageProblem),
    Ocr(ocr::OcrError),
    /// Past the scanned pages one file may have read (each costs seconds).
    TooMany {
        max: usize,
    },
}

impl ScanProblem {
    /// Why the page was not read, in Chinese and English (as [`super::pdf::PdfError::messages`]).
    pub fn messages(&self) -> (String, String) {
        use image::ImageProblem as I;
        use ocr::OcrError as O;
        use ScanProblem as S;
        match self {
        S::Image(I::Compression(c)) => (
            format!("图像采用 {c} 压缩，本工具无法解码；请另存为 JPEG 扫描件，或提供带文字层的 PDF"),
            format!("the picture is compressed with {c}, which this tool does not decode; scan to JPEG, or send a PDF with a text layer"),
        ),
        S::Image(I::Pixels(what)) => (
            format!("图像（{what}）不是可识别的扫描页（过小、过大或颜色格式不支持）"),
            format!("the picture ({what}) is no readable scanned page (too small, too large or of an unsupported colour format)"),
        ),
        S::Image(I::Damaged(what)) => (
            format!("图像数据损坏（{what}）"),
            format!("the picture's data is damaged ({what})"),
        ),
        S::Image(I::None) => ("页面上没有图像".into(), "the page has no picture".into()),
        S::Ocr(O::OutOfTime) => (
            "识别超过了每页的时间上限".into(),
            "reading it took longer than the time allowed a page".into(),
        ),
        S::Ocr(O::Io(e)) | S::Ocr(O::Failed(e)) => (
            format!("文字识别程序 Tesseract 运行出错：{e}"),
            format!("Tesseract failed: {e}"),
        ),
        S::TooMany { max } => (
            format!("一个文件最多识别 {max} 页扫描页"),
            format!("at most {max} scanned pages are read from one file"),
        ),
    }
    }
}

/// Whether a cell's first reading looks like a label (two Chinese characters or more).
fn is_label_text(s: &str) -> bool {
    s.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
        >= 2
}

/// Words joined as a line reads: no blank between Chinese characters.
fn join(words: &[&Word]) -> String {
    let mut s = String::new();
    for w in words {
        let ascii_edge = s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && w.text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_edge {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

/// The page's dots per inch, from its picture's width and the page's width in points.
fn dpi_of(g: &Gray, width_pt: f64) -> f64 {
    if width_pt > 1.0 {
        (g.w as f64 * 72.0 / width_pt).clamp(50.0, 1200.0)
    } else {
        200.0
    }
}

/// Read a scanned page (number `page`, `width_pt` wide) of `pdf`.
pub fn read_page(
    tess: &Tesseract,
    pdf: &lopdf::Document,
    id: lopdf::ObjectId,
    page: usize,
    width_pt: f64,
    snap: &dyn Fn(&str) -> Option<&'static str>,
) -> Result<Reading, ScanProblem> {
    let g = image::page_image(pdf, id).map_err(ScanProblem::Image)?;
    read_picture(tess, &g, page, width_pt, snap)
}

/// Read a page's picture. `snap` gives the template label a misread row label most likely is
/// (the template layer knows them).
pub fn read_picture(
    tess: &Tesseract,
    g: &Gray,
    page: usize,
    width_pt: f64,
    snap: &dyn Fn(&str) -> Option<&'static str>,
) -> Result<Reading, ScanProblem> {
    let dpi = dpi_of(g, width_pt);
    let pt = |px: usize| (px as f64 * 72.0 / dpi).round() as u32;
    let t = grid::threshold(g);
    let straight = grid::turned(g, -grid::skew_tenths(g, t));
    let ruled = grid::rule(&straight, t, dpi);
    let bands = grid::bands(&ruled);
    let words = tess
        .read(&ruled.clean, dpi as u32, Mode::Text)
        .map_err(ScanProblem::Ocr)?;
    // Each word in its band and cell, or outside the tables.
    let cell_of = |w: &Word| -> Option<(usize, usize)> {
        let (x, y) = w.centre();
        let b = bands.iter().position(|b| b.top <= y && y < b.bottom)?;
        let c = bands[b].cells.iter().position(|&(l, r)| l <= x && x < r)?;
        Some((b, c))
    };
    let mut in_cell: Vec<Vec<Vec<&Word>>> = bands
        .iter()
        .map(|b| vec![Vec::new(); b.cells.len()])
        .collect();
    let mut outside: Vec<&Word> = Vec::new();
    for w in &words {
        match cell_of(w) {
            Some((b, c)) => in_cell[b][c].push(w),
            None => outside.push(w),
        }
    }
    let first: Vec<Vec<String>> = in_cell
        .iter()
        .map(|cells| cells.iter().map(|ws| join(ws)).collect())
        .collect();
    // The first reading of each cell from its words wholly inside it: a second opinion on its
    // digits (a word across two cells says nothing of either).
    let inside: Vec<Vec<String>> = in_cell
        .iter()
        .enumerate()
        .map(|(b, cells)| {
            cells
                .iter()
                .enumerate()
                .map(|(c, ws)| {
                    let (l, r) = bands[b].cells[c];
                    let whole: Vec<&Word> = ws
                        .iter()
                        .copied()
                        .filter(|w| w.left >= l && w.left + w.width <= r)
                        .collect();
                    join(&whole)
                })
                .collect()
        })
        .collect();
    // The value cells (no label text), each cut to its ink and set one under another on a
    // white strip, read for digits: one line per cell, so no cell's digits run into the next's
    // and a lone 0 is a line of its own.
    let mut slots: Vec<((usize, usize), usize, usize)> = Vec::new(); // cell, strip top, bottom
    let mut crops: Vec<Gray> = Vec::new();
    let gap = (dpi / 8.0) as usize + 8;
    let mut height = gap;
    let mut width = 0;
    for (b, band) in bands.iter().enumerate() {
        for (c, &(l, r)) in band.cells.iter().enumerate() {
            if is_label_text(&first[b][c]) || r <= l + 4 || band.bottom <= band.top + 4 {
                continue;
            }
            let Some((x0, y0, x1, y1)) =
                ink_box(&ruled.clean, l + 2, band.top + 2, r - 2, band.bottom - 2)
            else {
                continue;
            };
            let crop = ruled.clean.crop(x0, y0, x1 + 1, y1 + 1);
            slots.push(((b, c), height, height + crop.h));
            height += crop.h + gap;
            width = width.max(crop.w);
            crops.push(crop);
        }
    }
    let mut strip = Gray::new(width + 2 * gap, height.max(1), 255);
    for (crop, (_, top, _)) in crops.iter().zip(&slots) {
        for y in 0..crop.h {
            let at = (top + y) * strip.w + gap;
            strip.px[at..at + crop.w].copy_from_slice(&crop.px[y * crop.w..(y + 1) * crop.w]);
        }
    }
    let digit_words = if slots.is_empty() {
        Vec::new()
    } else {
        tess.read(&strip, dpi as u32, Mode::Digits)
            .map_err(ScanProblem::Ocr)?
    };
    let mut digits: Vec<Vec<Vec<&Word>>> = bands
        .iter()
        .map(|b| vec![Vec::new(); b.cells.len()])
        .collect();
    for w in &digit_words {
        let (_, y) = w.centre();
        if let Some(((b, c), _, _)) = slots
            .iter()
            .find(|(_, top, bottom)| *top <= y && y < *bottom)
        {
            digits[*b][*c].push(w);
        }
    }
    let mut reading = Reading::default();
    let mut rows: Vec<(usize, ScanRow)> = Vec::new();
    for (b, band) in bands.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, &(l, r)) in band.cells.iter().enumerate() {
            let place = Place::Pdf {
                page,
                x: pt(l),
                y: pt(band.top),
            };
            let text = if is_label_text(&first[b][c]) {
                snap(&first[b][c]).map_or_else(|| first[b][c].clone(), String::from)
            } else {
                let ds = &digits[b][c];
                let read: String = ds.iter().map(|w| w.text.as_str()).collect();
                let conf = ds.iter().map(|w| w.conf).fold(100f32, f32::min);
                let ink = r > l + 4
                    && band.bottom > band.top + 4
                    && ink_box(&ruled.clean, l + 2, band.top + 2, r - 2, band.bottom - 2).is_some();
                // Two readings that agree confirm a value Tesseract was unsure of; a first
                // reading of other digits contradicts it.
                let other = &inside[b][c];
                let pure = !other.is_empty() && other.chars().all(|ch| ch.is_ascii_digit());
                let confirmed = pure && *other == read;
                let contradicted = pure && *other != read;
                if !read.is_empty() || ink {
                    reading.values += 1;
                }
                if (read.is_empty() && ink)
                    || (!read.is_empty() && ((conf < MIN_CONFIDENCE && !confirmed) || contradicted))
                {
                    reading.doubts.push(Doubt {
                        page,
                        x: pt(l),
                        y: pt(band.top),
                        read: read.clone(),
                        conf: conf.clamp(0.0, 100.0) as u8,
                        picture: straight
                            .crop(l, band.top, r + 1, band.bottom + 1)
                            .png_base64(),
                    });
                }
                read
            };
            cells.push(Cell { text, place });
        }
        let edges = band.cells.iter().map(|&(l, _)| f64::from(pt(l))).collect();
        rows.push((
            band.top,
            ScanRow {
                row: Row { cells },
                edges: Some(edges),
            },
        ));
    }
    // The text outside the tables, line by line.
    let mut lines: Vec<(ocr::LineId, Vec<&Word>)> = Vec::new();
    for w in outside {
        match lines.iter_mut().find(|(k, _)| *k == w.line) {
            Some((_, ws)) => ws.push(w),
            None => lines.push((w.line, vec![w])),
        }
    }
    for (_, mut ws) in lines {
        ws.sort_by_key(|w| w.left);
        let top = ws.iter().map(|w| w.top).min().unwrap_or(0);
        let left = ws.iter().map(|w| w.left).min().unwrap_or(0);
        rows.push((
            top,
            ScanRow {
                row: Row {
                    cells: vec![Cell {
                        text: join(&ws),
                        place: Place::Pdf {
                            page,
                            x: pt(left),
                            y: pt(top),
                        },
                    }],
                },
                edges: None,
            },
        ));
    }
    rows.sort_by_key(|(top, _)| *top);
    reading.rows = rows.into_iter().map(|(_, r)| r).collect();
    Ok(reading)
}

/// Specks smaller than this many pixels (dust, JPEG noise) are not ink.
const SPECK: usize = 10;

/// The box of a cell's ink: of its dark patches bigger than a speck (a speck inside the box —
/// a decimal point between digits — is kept when the box is cut out).
fn ink_box(
    g: &Gray,
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
) -> Option<(usize, usize, usize, usize)> {
    let (x1, y1) = (x1.min(g.w), y1.min(g.h));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let mut seen = vec![false; w * h];
    let mut bbox: Option<(usize, usize, usize, usize)> = None;
    for start in 0..w * h {
        if seen[start] || g.at(x0 + start % w, y0 + start / w) != 0 {
            continue;
        }
        // One patch, by a flood over its 8 neighbours.
        let mut stack = vec![start];
        seen[start] = true;
        let (mut a, mut b, mut c, mut d, mut n) = (usize::MAX, usize::MAX, 0, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            n += 1;
            (a, b, c, d) = (a.min(x), b.min(y), c.max(x), d.max(y));
            for (dx, dy) in [
                (-1i64, -1i64),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if !seen[j] && g.at(x0 + nx as usize, y0 + ny as usize) == 0 {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        if n >= SPECK {
            bbox = Some(match bbox {
                None => (a, b, c, d),
                Some((p, q, r, s)) => (p.min(a), q.min(b), r.max(c), s.max(d)),
            });
        }
    }
    bbox.map(|(a, b, c, d)| (x0 + a, y0 + b, x0 + c, y0 + d))
}
