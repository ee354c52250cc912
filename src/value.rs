//! Exact numbers and the state of one printed table cell.
//!
//! Counts and money are kept as [`Decimal`] (an `i128` mantissa and a decimal scale), so a sum
//! of fees is exact: no float ever touches a printed number.

use serde::Serialize;
use std::fmt;

/// Most decimal places accepted in a printed number (`5949.088667` has 6).
pub const MAX_SCALE: u8 = 9;

/// An exact decimal number: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u8,
}

impl Decimal {
    pub fn new(mantissa: i128, scale: u8) -> Self {
        Decimal { mantissa, scale }
    }

    pub fn mantissa(&self) -> i128 {
        self.mantissa
    }

    pub fn scale(&self) -> u8 {
        self.scale
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The value as an integer, when it has no decimal places.
    pub fn as_int(&self) -> Option<i128> {
        self.is_integer().then_some(self.mantissa)
    }

    /// The mantissa at a larger scale (exact), or `None` on overflow / smaller scale.
    pub fn mantissa_at(&self, scale: u8) -> Option<i128> {
        let shift = scale.checked_sub(self.scale)?;
        10i128
            .checked_pow(u32::from(shift))
            .and_then(|f| self.mantissa.checked_mul(f))
    }

    /// Exact sum; the scale is the larger of the two.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa_at(scale)?;
        let b = other.mantissa_at(scale)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// Exact difference; the scale is the larger of the two.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(Decimal {
            mantissa: other.mantissa.checked_neg()?,
            scale: other.scale,
        })
    }

    /// Divide by 10 000 exactly (元 → 万元), without trailing zeros (`251000` → `25.1`).
    pub fn yuan_to_10k(self) -> Option<Decimal> {
        let mut d = Decimal {
            mantissa: self.mantissa,
            scale: self.scale.checked_add(4)?,
        };
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        (d.scale <= MAX_SCALE).then_some(d)
    }

    /// Parse a plain decimal: optional sign, ASCII digits, at most one `.`.
    pub fn parse_plain(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if body.ends_with('.') || frac.len() > usize::from(MAX_SCALE) || int.len() > 24 {
            return None;
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        Some(Decimal {
            mantissa: if neg { -m } else { m },
            scale: frac.len() as u8,
        })
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            // Most numbers fit 64 bits, which format much faster than 128.
            return match i64::try_from(self.mantissa) {
                Ok(n) => write!(f, "{n}"),
                Err(_) => write!(f, "{}", self.mantissa),
            };
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

impl Decimal {
    /// The number as the views print it: without trailing zeros after the point (`4212.74`
    /// for a sum kept at three places, `4212.740`), the same in the page, the summary and the
    /// workbook. The data files keep the scale.
    pub fn plain(&self) -> String {
        let s = self.to_string();
        if self.scale == 0 {
            return s;
        }
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Decimal::parse_plain(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a decimal: {text}")))
    }
}

/// What kind of number a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A non-negative whole number.
    Count,
    /// A signed whole number (2019 table 二 本年增/减).
    SignedCount,
    /// Money in 万元, decimals allowed.
    Money10kYuan,
    /// An amount as printed (2019 政府集中采购 采购总金额), decimals allowed.
    Amount,
}

/// The state of one printed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// A printed number.
    Number(Decimal),
    /// The cell is printed but empty.
    Blank,
    /// A placeholder such as `/`, `—`, `无`: not a number, not zero.
    Placeholder,
    /// Text that is not a valid number for the field.
    Invalid,
    /// The cell (or its whole row or table) is not in the report.
    Absent,
}

impl CellValue {
    pub fn number(&self) -> Option<Decimal> {
        match self {
            CellValue::Number(d) => Some(*d),
            _ => None,
        }
    }

    pub fn state_name(&self) -> &'static str {
        match self {
            CellValue::Number(_) => "number",
            CellValue::Blank => "blank",
            CellValue::Placeholder => "placeholder",
            CellValue::Invalid => "invalid",
            CellValue::Absent => "absent",
        }
    }

    /// Printed blank or placeholder: where the template expects a number.
    pub fn is_blankish(&self) -> bool {
        matches!(self, CellValue::Blank | CellValue::Placeholder)
    }
}

/// The result of reading one cell's text for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub value: CellValue,
    /// Why the value is invalid, or how it was read when not plain (e.g. a unit converted).
    pub note: Option<Note>,
    /// True when the printed value was converted (元 → 万元).
    pub converted: bool,
}

const PLACEHOLDERS: &[&str] = &[
    "/", "／", "\\", "-", "--", "—", "——", "–", "―", "－", "无", "無", "暂无", "暫無", "空", "x",
    "X", "×", "*", "N/A", "n/a", "NA",
];

/// Whether `s` (already trimmed) is a placeholder for "no value".
pub fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS.contains(&s)
}

/// Remove every kind of whitespace, including no-break and ideographic spaces.
pub fn strip_spaces(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}' && *c != '\u{200b}')
        .collect()
}

/// Map full-width digits and punctuation used in numbers to ASCII.
fn ascii_number_chars(s: &str) -> String {
    s.chars().map(ascii_number_char).collect()
}

fn ascii_number_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '，' | '、' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        _ => c,
    }
}

/// Drop thousands separators, only where they are written as such (`1,234,567`).
fn drop_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int = int.trim_start_matches(['+', '-']);
    let groups: Vec<&str> = int.split(',').collect();
    let ok = !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !ok || frac.is_some_and(|f| f.contains(',')) {
        return None;
    }
    Some(s.replace(',', ""))
}

/// Count units a cell may carry after its number.
const COUNT_UNITS: &[&str] = &[
    "件", "条", "個", "个", "项", "項", "次", "份", "宗", "起", "例",
];

/// How a cell was read, or why it could not be: in English and Chinese, kept apart (a note
/// made in English only says the same in both).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub en: String,
    pub zh: String,
}

impl Note {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Note {
        Note {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// A note in English only.
    pub fn en(en: impl Into<String>) -> Note {
        Note {
            en: en.into(),
            zh: String::new(),
        }
    }

    /// The Chinese, or the English where there is none.
    pub fn zh_or_en(&self) -> &str {
        if self.zh.is_empty() {
            &self.en
        } else {
            &self.zh
        }
    }
}

/// `English / 中文` (`show` prints it so).
impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.zh.is_empty() {
            f.write_str(&self.en)
        } else {
            write!(f, "{} / {}", self.en, self.zh)
        }
    }
}

/// Read a cell's printed text as a value of `kind`.
pub fn parse_cell(raw: &str, kind: FieldKind) -> Parsed {
    let plain = |value| Parsed {
        value,
        note: None,
        converted: false,
    };
    let invalid = |en: &str, zh: &str| Parsed {
        value: CellValue::Invalid,
        note: Some(Note::new(en, zh)),
        converted: false,
    };
    let text = ascii_number_chars(&strip_spaces(raw));
    if text.is_empty() {
        return plain(CellValue::Blank);
    }
    if is_placeholder(&text) {
        return plain(CellValue::Placeholder);
    }
    // Split the leading number from what follows it (unit, annotation).
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || c == '.' || c == ',' || ((c == '-' || c == '+') && i == 0))
        })
        .map_or(text.len(), |(i, _)| i);
    let (num, rest) = text.split_at(end);
    if num.is_empty() || num == "-" || num == "+" {
        return invalid("not a number", "不是数字");
    }
    let Some(num) = drop_thousands(num) else {
        return invalid("misplaced comma", "逗号位置不对");
    };
    let Some(mut value) = Decimal::parse_plain(&num) else {
        return invalid("not a valid number", "不是有效数字");
    };
    let mut note = None;
    let mut converted = false;
    let rest_is_annotation = rest.starts_with(['(', '（', '[', '【']);
    match kind {
        FieldKind::Count | FieldKind::SignedCount => {
            if !value.is_integer() {
                return invalid("a count with decimals", "件数带小数");
            }
            if kind == FieldKind::Count && (value.is_negative() || num.starts_with('+')) {
                return invalid("a signed count", "件数带正负号");
            }
            if !rest.is_empty() {
                let unit = COUNT_UNITS.iter().find(|u| rest.starts_with(**u));
                let after = unit.map_or(rest, |u| &rest[u.len()..]);
                if !(after.is_empty() || after.starts_with(['(', '（'])) {
                    return invalid("text after the number", "数字后有文字");
                }
                note = Some(Note::en(format!("read {value} from \"{}\"", raw.trim())));
            }
        }
        FieldKind::Money10kYuan | FieldKind::Amount => {
            if value.is_negative() {
                return invalid("a negative amount", "金额为负");
            }
            if rest.starts_with("万元") || rest.starts_with("萬元") {
                note = Some(Note::en(format!("read {value} from \"{}\"", raw.trim())));
            } else if rest.starts_with('元') && kind == FieldKind::Money10kYuan {
                match value.yuan_to_10k() {
                    Some(v) => {
                        note = Some(Note::new(
                            format!("printed {value} 元, read as {v} 万元"),
                            format!("按元填写，换算为{v}万元"),
                        ));
                        value = v;
                        converted = true;
                    }
                    None => return invalid("amount out of range", "金额超出范围"),
                }
            } else if rest.starts_with('元') {
                note = Some(Note::en(format!("read {value} from \"{}\"", raw.trim())));
            } else if !rest.is_empty() && !rest_is_annotation {
                return invalid("text after the number", "数字后有文字");
            } else if rest_is_annotation {
                note = Some(Note::en(format!("read {value} from \"{}\"", raw.trim())));
            }
        }
    }
    Parsed {
        value: CellValue::Number(value),
        note,
        converted,
    }
}

/// Whether a piece of text reads as a cell value (number or placeholder) rather than a label.
pub fn looks_like_value(raw: &str) -> bool {
    // The commonest value, a whole number in ASCII digits: one whole is read as a number
    // whatever the field.
    let trimmed = raw.trim();
    if (1..=18).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // Most text is a label or prose: its first character starts neither a number nor a
    // placeholder, and it is passed without copying it.
    let Some(first) = raw
        .chars()
        .find(|c| !c.is_whitespace() && *c != '\u{feff}' && *c != '\u{200b}')
        .map(ascii_number_char)
    else {
        return false;
    };
    let may_start = first.is_ascii_digit()
        || matches!(first, '.' | ',' | '-' | '+')
        || PLACEHOLDERS.iter().any(|p| p.starts_with(first));
    if !may_start {
        return false;
    }
    let t = ascii_number_chars(&strip_spaces(raw));
    if t.is_empty() {
        return false;
    }
    if is_placeholder(&t) {
        return true;
    }
    // A value starts as a number does (most text does not: no need to read it as one).
    if !t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')) {
        return false;
    }
    !matches!(parse_cell(raw, FieldKind::Amount).value, CellValue::Invalid)
        || !matches!(
            parse_cell(raw, FieldKind::SignedCount).value,
            CellValue::Invalid
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-number shortcut answers as the full reading does.
    #[test]
    fn whole_numbers_are_values_without_the_full_reading() {
        let full = |raw: &str| {
            !matches!(parse_cell(raw, FieldKind::Amount).value, CellValue::Invalid)
                || !matches!(
                    parse_cell(raw, FieldKind::SignedCount).value,
                    CellValue::Invalid
                )
        };
        for raw in [
            "0",
            "7",
            " 12 ",
            "\u{3000}3",
            "007",
            "123456789012345678",
            "99\n",
        ] {
            assert!(looks_like_value(raw), "{raw:?}");
            assert!(full(raw), "{raw:?}");
        }
    }

    fn num(s: &str, k: FieldKind) -> Option<String> {
        parse_cell(s, k).value.number().map(|d| d.to_string())
    }

    #[test]
    fn decimals_keep_their_printed_scale_and_add_exactly() {
        let a = Decimal::parse_plain("5949.088667").unwrap();
        let b = Decimal::parse_plain("0.1").unwrap();
        let c = Decimal::parse_plain("0.2").unwrap();
        assert_eq!(a.to_string(), "5949.088667");
        assert_eq!(b.checked_add(c).unwrap().to_string(), "0.3");
        assert_eq!(a.checked_add(b).unwrap().to_string(), "5949.188667");
        assert_eq!(Decimal::parse_plain("-185").unwrap().to_string(), "-185");
        assert_eq!(Decimal::parse_plain("0.05").unwrap().to_string(), "0.05");
        assert_eq!(Decimal::parse_plain("1."), None);
        assert_eq!(Decimal::parse_plain("1.2.3"), None);
    }

    #[test]
    fn counts_from_real_cell_texts() {
        use FieldKind::Count;
        assert_eq!(num("0\u{a0}", Count).as_deref(), Some("0"));
        assert_eq!(num("\u{a0}\u{a0}0", Count).as_deref(), Some("0"));
        assert_eq!(num("１２", Count).as_deref(), Some("12"));
        assert_eq!(num("1,036", Count).as_deref(), Some("1036"));
        assert_eq!(num("22（其中修订16件）", Count).as_deref(), Some("22"));
        assert_eq!(num("5件", Count).as_deref(), Some("5"));
        assert_eq!(parse_cell("", Count).value, CellValue::Blank);
        assert_eq!(parse_cell(" \u{a0} ", Count).value, CellValue::Blank);
        assert_eq!(parse_cell("/", Count).value, CellValue::Placeholder);
        assert_eq!(parse_cell("—", Count).value, CellValue::Placeholder);
        assert_eq!(parse_cell("无", Count).value, CellValue::Placeholder);
        assert_eq!(parse_cell("见附件", Count).value, CellValue::Invalid);
        assert_eq!(parse_cell("1.5", Count).value, CellValue::Invalid);
        assert_eq!(parse_cell("-3", Count).value, CellValue::Invalid);
        assert_eq!(parse_cell("12,34", Count).value, CellValue::Invalid);
        assert_eq!(parse_cell("1O", Count).value, CellValue::Invalid);
        assert_eq!(
            num("+1036", FieldKind::SignedCount).as_deref(),
            Some("1036")
        );
        assert_eq!(num("-185", FieldKind::SignedCount).as_deref(), Some("-185"));
    }

    #[test]
    fn fees_in_yuan_are_converted_exactly_and_said_so() {
        let p = parse_cell("251000元", FieldKind::Money10kYuan);
        assert_eq!(p.value.number().unwrap().to_string(), "25.1");
        assert!(p.converted);
        assert_eq!(
            num("3.5万元", FieldKind::Money10kYuan).as_deref(),
            Some("3.5")
        );
        assert_eq!(
            num("0.000001", FieldKind::Money10kYuan).as_deref(),
            Some("0.000001")
        );
    }

    #[test]
    fn values_and_labels_are_told_apart() {
        assert!(looks_like_value("0"));
        assert!(looks_like_value("—"));
        assert!(looks_like_value("5949.088667"));
        assert!(!looks_like_value("（一）予以公开"));
        assert!(!looks_like_value("1.属于国家秘密"));
        assert!(!looks_like_value(""));
    }
}
