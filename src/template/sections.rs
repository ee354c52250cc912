//! The six parts of an annual report (both templates: 一、总体情况 … 六、其他需要报告的事项),
//! found by their headings' words rather than their numerals (table 三's rows are numbered
//! 一、 to 四、 too), with the text of part 五 (问题及改进) and where the report cites the 2019
//! notice (国办公开办函〔2019〕60号) that the 2021 template replaced.

use super::tokens::Tok;
use crate::read::extract::Place;
use crate::read::normalize::strip_marker;

/// The parts in the template's words.
pub const PARTS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The longest heading read as one (the introduction that lists the six parts is prose).
const MAX_HEADING_CHARS: usize = 24;

/// What a report's headings say of its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// Where each part's heading stands (`None`: not found).
    pub headings: [Option<Place>; 6],
    /// Part 五's own text (between its heading and part 六's, or the end), when its heading was
    /// found; its place is the heading's.
    pub improvement: Option<String>,
    /// Part 一's own text (between its heading and the next part's), when its heading was found.
    pub overview: Option<String>,
    /// Where the report cites the 2019 notice.
    pub old_notice: Option<Place>,
}

/// Which part a heading names, by its words (`五、存在的主要问题及改进情况`, `（五）存在问题和
/// 改进措施`, `其他需报告的事项`).
fn part_of(norm: &str) -> Option<usize> {
    // Most cells are numbers or longer text: passed over before any search (a report has
    // thousands of cells, a province millions).
    let first = norm.as_bytes().first()?;
    if first.is_ascii_digit() || norm.len() > 3 * MAX_HEADING_CHARS {
        return None;
    }
    // Every heading ends in 情况, 事项, 问题… or is 概述: a cell without one of these
    // characters is no heading (one scan, not a dozen searches).
    if !norm.contains(['况', '项', '题', '述', '施']) || norm.chars().count() > MAX_HEADING_CHARS
    {
        return None;
    }
    let h = strip_marker(norm);
    let has = |w: &str| h.contains(w);
    if h == "总体情况" || h == "概述" {
        Some(0)
    } else if has("主动公开") && !has("申请") && (has("情况") || h.ends_with("政府信息"))
    {
        Some(1)
    } else if (has("收到和处理") || has("收到与处理") || has("依申请公开"))
        && (has("情况") || has("申请"))
    {
        Some(2)
    } else if has("行政复议") && has("行政诉讼") {
        Some(3)
    } else if has("存在的主要问题")
        || has("存在问题")
        || has("问题及改进")
        || has("问题和改进")
        || has("问题与改进")
    {
        Some(4)
    } else if has("其他需要报告") || has("其他需报告") || h == "其他事项" {
        Some(5)
    } else {
        None
    }
}

/// A heading in the template's own words run on after other text (a PDF line that joined the
/// end of one paragraph with the next heading): the part, and where it starts in `norm`.
fn embedded(norm: &str) -> Option<(usize, usize)> {
    // The headings' normalised forms, each with its searcher, made once (this runs on every
    // cell of every report).
    static HEADINGS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let headings = HEADINGS.get_or_init(|| {
        PARTS
            .iter()
            .map(|h| {
                memchr::memmem::Finder::new(crate::read::normalize::label(h).as_bytes())
                    .into_owned()
            })
            .collect()
    });
    // A heading is at least 6 characters: shorter text holds none.
    if norm.len() < 18 {
        return None;
    }
    headings.iter().enumerate().find_map(|(p, f)| {
        f.find(norm.as_bytes())
            .filter(|&at| at > 0)
            .map(|at| (p, at))
    })
}

/// The parts of the report whose cells in reading order are `toks`.
pub(crate) fn sections(toks: &[Tok]) -> Sections {
    let mut s = Sections::default();
    // Each part's token, and where its heading starts in the token's normalised text.
    let mut at: [Option<(usize, usize)>; 6] = [None; 6];
    for (i, t) in toks.iter().enumerate() {
        let found = part_of(&t.norm)
            .map(|p| (p, 0))
            .or_else(|| embedded(&t.norm));
        if let Some((p, offset)) = found {
            if at[p].is_none() {
                at[p] = Some((i, offset));
                s.headings[p] = Some(t.place);
            }
        }
        if s.old_notice.is_none() && cites_2019_notice(t.text) {
            s.old_notice = Some(t.place);
        }
    }
    if let Some((one, _)) = at[0] {
        // To the next part's heading (or table 二's, when part 二's heading was not printed).
        let end = at[1..]
            .iter()
            .flatten()
            .map(|&(i, _)| i)
            .filter(|&i| i > one)
            .min()
            .unwrap_or(toks.len());
        let text: Vec<&str> = toks[one + 1..end]
            .iter()
            .filter(|t| !t.is_value())
            .map(|t| t.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        s.overview = Some(text.join("\n"));
    }
    if let Some((five, _)) = at[4] {
        let six = at[5].filter(|&(six, _)| six > five);
        let end = six.map_or(toks.len(), |(six, _)| six);
        let mut text: Vec<&str> = toks[five + 1..end]
            .iter()
            .map(|t| t.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        // Part 五's last words on the line that runs on into part 六's heading.
        if let Some((six, offset)) = six.filter(|&(_, offset)| offset > 0) {
            text.push(toks[six].norm.get(..offset).unwrap_or_default());
        }
        s.improvement = Some(text.join("\n"));
    }
    s
}

/// `国办公开办函〔2019〕60号` in any of its bracket forms.
fn cites_2019_notice(text: &str) -> bool {
    static SIXTY: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let sixty = SIXTY.get_or_init(|| memchr::memmem::Finder::new(b"60"));
    if sixty.find(text.as_bytes()).is_none() {
        return false;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ['〕', ']', ')', '）', '】', '年']
        .iter()
        .any(|b| compact.contains(&format!("2019{b}60号")))
}

impl Sections {
    /// The parts not found, by index (`present` adds the parts a table stands for: a report
    /// whose table 二 was read has part 二 even when its heading was not printed).
    pub fn missing(&self, present: [bool; 6]) -> Vec<usize> {
        (0..6)
            .filter(|&p| self.headings[p].is_none() && !present[p])
            .collect()
    }

    /// Part 五 is there but says nothing: empty, or only 无 / 暂无 / 没有.
    pub fn improvement_empty(&self) -> bool {
        self.improvement.as_deref().is_some_and(|t| {
            let bare: String = t
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
                .filter(|c| !matches!(c, '。' | '，' | '；' | '：' | '、' | '．'))
                .collect();
            matches!(bare.as_str(), "" | "无" | "暂无" | "没有" | "无问题")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::normalize::label;

    #[test]
    fn headings_of_both_templates_and_their_variants() {
        for (text, part) in [
            ("一、总体情况", 0),
            ("二、主动公开政府信息情况", 1),
            ("三、收到和处理政府信息公开申请情况", 2),
            ("四、政府信息公开行政复议、行政诉讼情况", 3),
            ("五、存在的主要问题及改进情况", 4),
            ("（五）存在问题和改进措施", 4),
            ("六、其他需要报告的事项", 5),
            ("六、其他需报告的事项", 5),
        ] {
            assert_eq!(part_of(&label(text)), Some(part), "{text}");
        }
        // Table 三's rows and the introduction are not headings.
        for text in [
            "一、本年新收政府信息公开申请数量",
            "三、本年度办理结果",
            "四、结转下年度继续办理",
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等共六个部分组成",
        ] {
            assert_eq!(part_of(&label(text)), None, "{text}");
        }
    }

    #[test]
    fn the_2019_notice_in_its_bracket_forms() {
        for text in [
            "按照国办公开办函〔2019〕60号要求",
            "（国办公开办函[2019]60号）",
            "国办公开办函（2019）60号",
        ] {
            assert!(cites_2019_notice(text), "{text}");
        }
        assert!(!cites_2019_notice("国办公开办函〔2021〕30号"));
        assert!(!cites_2019_notice("收到申请60号"));
    }
}
