//! A scanned page's picture, taken out of the PDF (no rendering): the largest image the page
//! draws, decoded to grey pixels — JPEG (DCTDecode, also behind FlateDecode), CCITT Group 4 (the
//! fax code of black-and-white scanners) and 8-bit grey or RGB pixels (FlateDecode or none).
//! CCITT Group 3, JBIG2 and JPEG 2000 are said by name: the page is not read.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Grey pixels, one byte each (0 black, 255 white), row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

impl Gray {
    pub fn new(w: usize, h: usize, fill: u8) -> Gray {
        Gray {
            w,
            h,
            px: vec![fill; w * h],
        }
    }

    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.px[y * self.w + x]
    }

    /// As a binary PGM (P5), what Tesseract reads.
    pub fn pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.w, self.h).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }

    /// As a grey PNG, `data:` URL ready: what the page shows of a doubtful cell.
    pub fn png_base64(&self) -> String {
        use base64::Engine;
        use std::io::Write;
        let mut raw = Vec::with_capacity((self.w + 1) * self.h);
        for row in self.px.chunks(self.w.max(1)) {
            raw.push(0); // no filter
            raw.extend_from_slice(row);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = z.write_all(&raw);
        let idat = z.finish().unwrap_or_default();
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8; 4], data: &[u8]| {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            png.extend_from_slice(kind);
            png.extend_from_slice(data);
            png.extend_from_slice(&crc.sum().to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&(self.w as u32).to_be_bytes());
        ihdr.extend_from_slice(&(self.h as u32).to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &idat);
        chunk(b"IEND", &[]);
        base64::engine::general_purpose::STANDARD.encode(png)
    }

    /// A part of it (clamped to the picture).
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::new(x1 - x0, y1 - y0, 255);
        for y in y0..y1 {
            let from = y * self.w;
            out.px[(y - y0) * out.w..(y - y0 + 1) * out.w]
                .copy_from_slice(&self.px[from + x0..from + x1]);
        }
        out
    }
}

/// Why a page's picture could not be had.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImageProblem {
    /// A compression this reader does not decode (`CCITTFaxDecode`, `JBIG2Decode`, `JPXDecode`).
    Compression(String),
    /// Pixels of a kind it does not read (bits per component, colour space).
    Pixels(String),
    /// The image data is damaged.
    Damaged(String),
    /// No image on the page.
    None,
}

/// The most pixels a page's picture may have: a 600 dpi A4 page is 35 million. (Reading one
/// holds about five copies of it, a byte a pixel, on each reading thread.)
const MAX_PIXELS: usize = 40_000_000;
/// The fewest pixels across a scanned page's picture (an A4 page at 50 dpi is 413): a smaller
/// picture (a logo, a stamp, a placeholder) holds no table to read.
const MIN_SIDE: usize = 300;

/// The page's largest image, and the page's width in points (for its resolution).
pub fn page_image(pdf: &Document, page: ObjectId) -> Result<Gray, ImageProblem> {
    let (own, ids) = pdf.get_page_resources(page).unwrap_or((None, vec![]));
    let mut resources: Vec<&Dictionary> = own.into_iter().collect();
    resources.extend(ids.iter().filter_map(|&r| pdf.get_dictionary(r).ok()));
    let mut best: Option<(usize, &lopdf::Stream)> = None;
    for res in resources {
        let Ok(xobjects) = res.get(b"XObject").and_then(|o| deref(pdf, o).as_dict()) else {
            continue;
        };
        for (_, o) in xobjects.iter() {
            let Ok(stream) = deref(pdf, o).as_stream() else {
                continue;
            };
            let is_image = stream
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image");
            if !is_image {
                continue;
            }
            let size = int(&stream.dict, b"Width") * int(&stream.dict, b"Height");
            if best.is_none_or(|(s, _)| size > s) {
                best = Some((size, stream));
            }
        }
    }
    let Some((_, stream)) = best else {
        return Err(ImageProblem::None);
    };
    decode(pdf, stream)
}

fn deref<'a>(pdf: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => pdf.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn int(d: &Dictionary, key: &[u8]) -> usize {
    d.get(key)
        .and_then(Object::as_i64)
        .ok()
        .and_then(|v| usize::try_from(v).ok())
        .unwrap_or(0)
}

fn filters(d: &Dictionary) -> Vec<String> {
    match d.get(b"Filter") {
        Ok(Object::Name(n)) => vec![String::from_utf8_lossy(n).into_owned()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect(),
        _ => vec![],
    }
}

fn decode(pdf: &Document, stream: &lopdf::Stream) -> Result<Gray, ImageProblem> {
    let d = &stream.dict;
    let (w, h) = (int(d, b"Width"), int(d, b"Height"));
    if w < MIN_SIDE || h < MIN_SIDE || w.saturating_mul(h) > MAX_PIXELS {
        return Err(ImageProblem::Pixels(format!("{w}×{h}")));
    }
    let fs = filters(d);
    let mut data = stream.content.clone();
    for (i, f) in fs.iter().enumerate() {
        match f.as_str() {
            "FlateDecode" | "Fl" => {
                data = inflate(&data).ok_or_else(|| ImageProblem::Damaged(f.clone()))?;
            }
            "DCTDecode" | "DCT" if i + 1 == fs.len() => return jpeg(&data, w, h),
            "CCITTFaxDecode" | "CCF" if i + 1 == fs.len() => return ccitt(pdf, d, &data, w, h),
            other => return Err(ImageProblem::Compression(other.to_string())),
        }
    }
    let bits = int(d, b"BitsPerComponent");
    let space = match d.get(b"ColorSpace").map(|o| deref(pdf, o)) {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    let comps = match space.as_str() {
        "DeviceGray" | "G" => 1,
        "DeviceRGB" | "RGB" => 3,
        other => return Err(ImageProblem::Pixels(format!("{other} {bits}-bit"))),
    };
    if bits != 8 || data.len() < w * h * comps {
        return Err(ImageProblem::Pixels(format!("{space} {bits}-bit")));
    }
    Ok(Gray {
        w,
        h,
        px: data.chunks_exact(comps).take(w * h).map(luma).collect(),
    })
}

fn luma(c: &[u8]) -> u8 {
    match c {
        [g] => *g,
        [r, g, b] => {
            ((u32::from(*r) * 299 + u32::from(*g) * 587 + u32::from(*b) * 114) / 1000) as u8
        }
        _ => 255,
    }
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_PIXELS as u64 * 3 + 1)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// A CCITT Group 4 picture (`/K` below 0, as scanners write them); Group 3 is named.
fn ccitt(
    pdf: &Document,
    d: &Dictionary,
    data: &[u8],
    w: usize,
    h: usize,
) -> Result<Gray, ImageProblem> {
    let params = d
        .get(b"DecodeParms")
        .map(|o| deref(pdf, o))
        .ok()
        .and_then(|o| match o {
            Object::Dictionary(p) => Some(p),
            Object::Array(a) => a.iter().find_map(|o| deref(pdf, o).as_dict().ok()),
            _ => None,
        });
    let get = |key: &[u8], default: i64| {
        params
            .and_then(|p| p.get(key).ok())
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(default)
    };
    if get(b"K", 0) >= 0 {
        return Err(ImageProblem::Compression("CCITTFaxDecode (Group 3)".into()));
    }
    let columns = usize::try_from(get(b"Columns", 1728)).unwrap_or(0);
    if columns != w {
        return Err(ImageProblem::Pixels(format!(
            "CCITT {columns} columns, {w} wide"
        )));
    }
    let (Ok(width), Ok(height)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(ImageProblem::Pixels(format!("{w}×{h}")));
    };
    // Which of the decoder's two colours is ink, as `/BlackIs1` says (poppler reads the pages
    // of Pillow's and scanners' files so).
    let black_is_1 = params
        .and_then(|p| p.get(b"BlackIs1").ok())
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false);
    let (white, black) = if black_is_1 {
        (0u8, 255u8)
    } else {
        (255u8, 0u8)
    };
    let mut px = Vec::with_capacity(w * h);
    fax::decoder::decode_g4(data.iter().copied(), width, Some(height), |line| {
        px.extend(fax::decoder::pels(line, width).map(|c| match c {
            fax::Color::Black => black,
            fax::Color::White => white,
        }));
    });
    if px.len() < w * h {
        return Err(ImageProblem::Damaged("CCITT Group 4".into()));
    }
    px.truncate(w * h);
    Ok(Gray { w, h, px })
}

fn jpeg(data: &[u8], w: usize, h: usize) -> Result<Gray, ImageProblem> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(w.max(1) * 2)
        .set_max_height(h.max(1) * 2);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(data, options);
    let px = decoder
        .decode()
        .map_err(|e| ImageProblem::Damaged(format!("JPEG: {e:?}")))?;
    let (dw, dh) = decoder
        .dimensions()
        .ok_or_else(|| ImageProblem::Damaged("JPEG without a size".into()))?;
    if px.len() != dw * dh {
        return Err(ImageProblem::Damaged("JPEG pixels".into()));
    }
    Ok(Gray { w: dw, h: dh, px })
}
