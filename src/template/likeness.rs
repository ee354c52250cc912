//! A small fingerprint of a report's prose (parts 一 and 五), kept in its record, the cache and
//! `units.parquet`: with last year's, it tells a part copied from last year's report
//! (`PROSE_COPIED`) without either text.
//!
//! Each part is cut into overlapping runs of four characters (simplified script, no blanks,
//! every digit the same: a copy with this year's figures is still a copy); each run is hashed
//! once, its hash's top bits pick one of 64 places, and each place keeps the least hash that fell
//! into it (one-permutation MinHash: one hash per run). The share of equal places in two
//! fingerprints estimates the share of runs the two texts have in common (Jaccard).

/// Places in one part's fingerprint.
pub const SLOTS: usize = 64;
/// Characters in one run.
const SHINGLE: usize = 4;
/// A part shorter than this (normalised) has no fingerprint: "无", a line or two, are not
/// compared (IMPROVEMENT_EMPTY speaks of an empty part 五).
const MIN_CHARS: usize = 60;
/// At most this much of a part is read (a part is a few thousand characters).
const MAX_CHARS: usize = 20_000;

/// The fingerprints of parts 一 and 五.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProsePrint {
    pub parts: [Option<Box<[u32; SLOTS]>>; 2],
}

/// The parts a print holds, as the findings name them (0-based part numbers: 一 and 五).
pub const PARTS: [usize; 2] = [0, 4];

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One part's fingerprint, when it is long enough.
pub fn print(text: &str) -> Option<Box<[u32; SLOTS]>> {
    let norm = crate::read::normalize::label(text);
    let chars: Vec<char> = norm
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(MAX_CHARS)
        .collect();
    if chars.len() < MIN_CHARS {
        return None;
    }
    let mut mins = Box::new([u32::MAX; SLOTS]);
    for w in chars.windows(SHINGLE) {
        // FNV-1a of the run.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in w {
            for b in (*c as u32).to_le_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let h = splitmix(h);
        let (place, v) = ((h >> 58) as usize, h as u32);
        if v < mins[place] {
            mins[place] = v;
        }
    }
    Some(mins)
}

impl ProsePrint {
    /// From parts 一 and 五's texts.
    pub fn of(overview: Option<&str>, improvement: Option<&str>) -> Option<ProsePrint> {
        let p = ProsePrint {
            parts: [overview.and_then(print), improvement.and_then(print)],
        };
        p.parts.iter().any(Option::is_some).then_some(p)
    }

    /// Each part's likeness to `other`'s, in percent (parts either lacks are left out).
    pub fn likeness(&self, other: &ProsePrint) -> Vec<(usize, u8)> {
        self.parts
            .iter()
            .zip(&other.parts)
            .zip(PARTS)
            .filter_map(|((a, b), part)| {
                let (a, b) = (a.as_ref()?, b.as_ref()?);
                // Places no run fell into in either text say nothing.
                let used = a
                    .iter()
                    .zip(b.iter())
                    .filter(|(x, y)| **x != u32::MAX || **y != u32::MAX);
                let (n, same) =
                    used.fold((0, 0), |(n, s), (x, y)| (n + 1, s + usize::from(x == y)));
                Some((part, (same * 100 / n.max(1)) as u8))
            })
            .collect()
    }

    /// As stored: each part's 64 hashes in hex, or `-`, the parts joined by `.`.
    pub fn to_hex(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Some(slots) => slots.iter().map(|v| format!("{v:08x}")).collect(),
                None => "-".to_string(),
            })
            .collect::<Vec<String>>()
            .join(".")
    }

    /// What [`ProsePrint::to_hex`] wrote; `None` when it is not that.
    pub fn from_hex(s: &str) -> Option<ProsePrint> {
        let mut parts: [Option<Box<[u32; SLOTS]>>; 2] = [None, None];
        let pieces: Vec<&str> = s.split('.').collect();
        if pieces.len() != 2 {
            return None;
        }
        for (slot, piece) in parts.iter_mut().zip(pieces) {
            if piece == "-" {
                continue;
            }
            if piece.len() != SLOTS * 8 || !piece.is_ascii() {
                return None;
            }
            let mut v = Box::new([0u32; SLOTS]);
            for (i, out) in v.iter_mut().enumerate() {
                *out = u32::from_str_radix(&piece[i * 8..i * 8 + 8], 16).ok()?;
            }
            *slot = Some(v);
        }
        Some(ProsePrint { parts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，不断深化政务公开，主动公开政府信息312条，依申请公开办理7件，政府信息公开工作取得新成效。";

    #[test]
    fn a_copy_with_new_figures_is_alike_and_other_text_is_not() {
        let a = ProsePrint::of(Some(TEXT), None).unwrap();
        let b = ProsePrint::of(
            Some(&TEXT.replace("2023", "2024").replace("312", "298")),
            None,
        )
        .unwrap();
        assert_eq!(a.likeness(&b), [(0, 100)]);
        let other = "本年度，本机关围绕营商环境优化，推进重点领域信息公开，完善依申请公开工作机制，规范答复格式和流程，加强人员培训，全年没有发生因政府信息公开引起的行政复议和行政诉讼，社会满意度持续提升。";
        let c = ProsePrint::of(Some(other), None).unwrap();
        assert!(a.likeness(&c)[0].1 < 30, "{:?}", a.likeness(&c));
        // Too short to compare.
        assert_eq!(ProsePrint::of(Some("无。"), Some("")), None);
    }

    #[test]
    fn prints_are_stored_and_read_back_exactly() {
        let a = ProsePrint::of(None, Some(TEXT)).unwrap();
        let hex = a.to_hex();
        assert!(hex.starts_with("-."));
        assert_eq!(ProsePrint::from_hex(&hex), Some(a));
        assert_eq!(ProsePrint::from_hex("-.-"), Some(ProsePrint::default()));
        assert_eq!(ProsePrint::from_hex(&hex[..hex.len() - 1]), None);
        assert_eq!(ProsePrint::from_hex("xyz"), None);
    }
}
