//! Label normalisation: the same printed label in either script, full or half width, with or
//! without spaces, compares equal after [`label`].

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn t2s_converter() -> Option<&'static OpenCC> {
    static CC: OnceLock<Option<OpenCC>> = OnceLock::new();
    CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

/// Characters that machine conversion leaves behind or that OpenCC keeps (屬于, 關系, 製度).
fn fold_variant(c: char) -> char {
    match c {
        '屬' => '属',
        '關' => '关',
        '係' => '系',
        '製' => '制',
        '於' => '于',
        '裏' | '裡' => '里',
        '爲' | '為' => '为',
        '衆' => '众',
        '綫' | '線' => '线',
        '鈎' | '鉤' => '钩',
        _ => c,
    }
}

/// Whether a string has any character outside ASCII (only those need script conversion).
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| c as u32 >= 0x3400)
}

/// Traditional → simplified, keeping everything else.
pub fn to_simplified(s: &str) -> String {
    if !has_cjk(s) {
        return s.to_string();
    }
    let converted = match t2s_converter() {
        Some(cc) => cc.convert(s),
        None => s.to_string(),
    };
    converted.chars().map(fold_variant).collect()
}

/// A page number printed among the text (`- 5 -`, `— 5 —`, `第5页`, `第5页共9页`, `5/9`): not a
/// cell, not part of a paragraph.
pub fn is_page_number(text: &str) -> bool {
    let norm: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '―' | '－');
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let core = norm.trim_matches(dashes);
    let dashed = core.len() < norm.len() && norm.starts_with(dashes) && norm.ends_with(dashes);
    (dashed && digits(core))
        || (norm.starts_with('第')
            && norm.contains('页')
            && norm.chars().count() <= 12
            && norm.chars().any(|c| c.is_ascii_digit()))
        || norm
            .split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b) && norm.len() <= 9)
}

/// NFKC, simplified script, no whitespace, one kind of bracket, quote and list marker.
pub fn label(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    let simple = to_simplified(&nfkc);
    let mut out = String::with_capacity(simple.len());
    for c in simple.chars() {
        if c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{3000}') {
            continue;
        }
        let c = match c {
            '(' | '（' | '〔' | '［' | '[' => '(',
            ')' | '）' | '〕' | '］' | ']' => ')',
            '“' | '”' | '"' | '「' | '」' | '『' | '』' | '‘' | '’' | '\'' => '"',
            '、' | '．' | '。' => '.',
            ':' | '：' => ':',
            ',' | '，' => ',',
            _ => c,
        };
        out.push(c);
    }
    out
}

/// A normalised label without its leading list marker (`(一)`, `1.`, `一、`, `（七）`).
pub fn strip_marker(label: &str) -> &str {
    let mut s = label;
    // (一) / (1)
    if let Some(rest) = s.strip_prefix('(') {
        if let Some(end) = rest.find(')') {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(is_numeral) {
                s = &rest[end + 1..];
            }
        }
    }
    // 1. / 一.
    let digits: usize = s
        .char_indices()
        .take_while(|(_, c)| is_numeral(*c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if digits > 0 {
        if let Some(rest) = s[digits..].strip_prefix('.') {
            s = rest;
        }
    }
    s
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_machine_converted_labels_match_simplified() {
        assert_eq!(label("1.屬于國家秘密"), label("1．属于国家秘密"));
        assert_eq!(
            label("(本列數據的勾稽關系為:第一項加第二項之和)"),
            "(本列数据的勾稽关系为:第一项加第二项之和)"
        );
        assert_eq!(label("商業 企業"), "商业企业");
        assert_eq!(
            label("（二）部分公开（区分处理的）"),
            "(二)部分公开(区分处理的)"
        );
        assert_eq!(label("3.危及“三安全一穩定”"), "3.危及\"三安全一稳定\"");
        assert_eq!(
            label("本年收費金額（單位：萬元）"),
            "本年收费金额(单位:万元)"
        );
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "- 5 -",
            "— 12 —",
            "－3－",
            "第 5 页",
            "第5页 共9页",
            "5/9",
            "５/９",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "-5",
            "5",
            "12件",
            "第二十条第（五）项",
            "1/2/3",
            "2024/12/31",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn list_markers_are_stripped() {
        assert_eq!(strip_marker(&label("（一）予以公开")), "予以公开");
        assert_eq!(strip_marker(&label("1、属于国家秘密")), "属于国家秘密");
        assert_eq!(
            strip_marker(&label("一、本年新收政府信息公开申请数量")),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(strip_marker(&label("12.其他")), "其他");
        assert_eq!(strip_marker("其他"), "其他");
    }
}
