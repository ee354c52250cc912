//! The reporting unit and the report year: from the title, the opening sentence, the contact
//! sentence or the statistics period, falling back to the file name.

use super::tokens::Tok;
use super::Origin;
use crate::read::extract::Document;
use crate::read::normalize::label;
use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    title: Regex,
    opening: Regex,
    contact: Regex,
    contact2: Regex,
    period: Regex,
    range: Regex,
    any_report: Regex,
    file_year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("static pattern");
        let report = r"(?P<year>20\d{2})年度?政府信息公开(?:工作)?(?:年度)?(?:报告|年报)";
        Patterns {
            title: re(&format!(
                r"^(?:关于)?(?P<unit>[^,.;:《》]{{2,40}}?){report}"
            )),
            opening: re(&format!(
                r"编制(?:了|完成)?(?P<unit>[^,.;:《》()]{{2,40}}?){report}"
            )),
            contact: re(r"请(?:与|和|向)(?P<unit>[^,.;:()]{3,40}?)(?:联系|联络|咨询)"),
            contact2: re(r"请(?:联系|致电|咨询)(?P<unit>[^,.;:()]{3,40}?)(?:\(|,|\.|;|$)"),
            period: re(r"统计(?:期限|时限|期间|时间|区间)[^0-9]{0,6}(?P<year>20\d{2})年1月1日"),
            range: re(r"(?P<year>20\d{2})年1月1日(?:起)?(?:至|到|-|—)(?:20\d{2})年12月31日"),
            any_report: re(report),
            file_year: re(r"(?:^|[^0-9])(?P<year>20\d{2})(?:[^0-9]|$)"),
        }
    })
}

/// What a body's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Street,
    Town,
    /// A department-like body (局, 委员会, 办公室, 中心 …).
    Department,
    /// A government's own report (`临江区人民政府`, `平潭综合实验区`), also where the name does
    /// not tell: its deadline and limits are the later and larger ones, so a doubt never makes
    /// a false alarm.
    Government,
}

/// The kind of body a name most likely is (for a body off the roster: its deadline, the size
/// of its 收费).
pub fn kind_of_name(name: &str) -> NameKind {
    let n = label(name);
    let ends = |ss: &[&str]| ss.iter().any(|s| n.ends_with(s));
    if ends(&["街道办事处", "街道"]) {
        NameKind::Street
    } else if ends(&["镇人民政府", "乡人民政府", "镇政府", "乡政府", "镇", "乡"])
    {
        NameKind::Town
    } else if ends(&[
        "区人民政府",
        "县人民政府",
        "市人民政府",
        "区政府",
        "县政府",
        "市政府",
    ]) {
        NameKind::Government
    } else if ends(&[
        "局",
        "委员会",
        "委",
        "办公室",
        "办",
        "中心",
        "院",
        "馆",
        "所",
        "站",
        "队",
        "处",
        "管委会",
    ]) {
        NameKind::Department
    } else {
        NameKind::Government
    }
}

/// What every report-title pattern holds.
const REPORT_WORDS: &str = "政府信息公开";

/// How many leading rows may hold the title and opening sentence (a saved page has its
/// navigation first).
const HEAD_ROWS: usize = 40;

fn head_texts<'a>(doc: &'a Document, toks: &'a [Tok]) -> impl Iterator<Item = String> + 'a {
    let title = doc.title.iter().map(|t| label(t));
    let head: Vec<&'a Tok> = toks.iter().take_while(|t| t.row < HEAD_ROWS).collect();
    // A title broken over two lines ("某区人民政府" / "2024年政府信息公开工作年度报告", or
    // "…2025年政府信息公开工作" / "年度报告") is also tried whole.
    // The pair is tried after its second line alone, which may be the whole title.
    let rows = (0..head.len()).flat_map(move |i| {
        let one = head[i].norm.to_string();
        let joined = i.checked_sub(1).and_then(|p| {
            let before = &head[p].norm;
            let short = |s: &str| !s.is_empty() && s.chars().count() <= 30;
            (short(before) && short(&one)).then(|| format!("{before}{one}"))
        });
        std::iter::once(one).chain(joined)
    });
    title.chain(rows)
}

fn clean_unit(s: &str) -> Option<String> {
    let u = s.trim_matches(|c: char| "\"《》<>()[]-_|:".contains(c));
    let bad = [
        "我",
        "本机关",
        "本单位",
        "本局",
        "本报告",
        "现将",
        "根据",
        "特",
        "本年",
        "全年",
    ];
    let chars = u.chars().count();
    if !(2..=40).contains(&chars) || bad.iter().any(|b| u.starts_with(b)) {
        return None;
    }
    Some(u.to_string())
}

/// Drop a trailing office name from a contact ("…局办公室" → "…局").
fn strip_office(s: &str) -> String {
    for suffix in [
        "党政办公室",
        "综合办公室",
        "政务公开办公室",
        "办公室",
        "综合科",
        "政务公开办",
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            // `…局办公室`; also `…办公室办公室`, the office's own office.
            if rest.ends_with('局')
                || rest.ends_with("委员会")
                || rest.ends_with("办事处")
                || rest.ends_with("办公室")
            {
                return rest.to_string();
            }
        }
    }
    s.to_string()
}

/// The reporting unit's name (simplified script) and where it came from.
pub(crate) fn unit(doc: &Document, toks: &[Tok], file_stem: &str) -> (String, Origin) {
    let p = patterns();
    // Both patterns name 政府信息公开: the other texts (a long navigation) are passed at once.
    for text in head_texts(doc, toks).filter(|t| t.contains(REPORT_WORDS)) {
        if text.chars().count() <= 80 {
            if let Some(u) = p.title.captures(&text).and_then(|c| clean_unit(&c["unit"])) {
                return (u, Origin::Title);
            }
        }
        if let Some(u) = p
            .opening
            .captures(&text)
            .and_then(|c| clean_unit(&c["unit"]))
        {
            return (u, Origin::OpeningSentence);
        }
    }
    // Both contact patterns start with 请: most cells have none, and are passed at once. A
    // sentence a printed page broke over two lines (`…请与平潭综合实验区` / `交通与建设局办公室
    // 联系`) is read with the next line when it does not end on its own.
    for (i, t) in toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.norm.contains('请'))
    {
        // The sentence after the last 请 runs on to the line's end: read with the next line.
        let rest = t.norm.rsplit('请').next().unwrap_or("");
        let runs_on = !rest.contains(['。', '.', ';', '；', ',', '，', '(', ')']);
        let text = match toks.get(i + 1) {
            Some(next) if runs_on && rest.chars().count() < 60 => {
                std::borrow::Cow::Owned(format!("请{rest}{}", next.norm))
            }
            _ => std::borrow::Cow::Borrowed(t.norm.as_ref()),
        };
        let found = p
            .contact
            .captures(&text)
            .or_else(|| p.contact2.captures(&text));
        if let Some(u) = found.and_then(|c| clean_unit(&strip_office(&c["unit"]))) {
            return (u, Origin::ContactSentence);
        }
    }
    (file_stem.to_string(), Origin::FileName)
}

/// The year the statistics period states (`统计期限自2023年1月1日至2023年12月31日`), and where.
pub(crate) fn period(toks: &[Tok]) -> Option<(i32, crate::read::extract::Place)> {
    let p = patterns();
    toks.iter()
        .filter(|t| t.norm.contains("1月1日"))
        .find_map(|t| {
            let c = p
                .period
                .captures(&t.norm)
                .or_else(|| p.range.captures(&t.norm))?;
            Some((c["year"].parse::<i32>().ok()?, t.place))
        })
}

/// The year reported on, and where it came from.
pub(crate) fn year(doc: &Document, toks: &[Tok], file_stem: &str) -> Option<(i32, Origin)> {
    let p = patterns();
    let num = |c: regex::Captures| c["year"].parse::<i32>().ok();
    for (i, text) in head_texts(doc, toks)
        .enumerate()
        .filter(|(_, t)| t.contains(REPORT_WORDS))
    {
        let origin = if i == 0 && doc.title.is_some() {
            Origin::Title
        } else {
            Origin::OpeningSentence
        };
        if let Some(y) = p.opening.captures(&text).and_then(num) {
            return Some((y, Origin::OpeningSentence));
        }
        if text.chars().count() <= 80 {
            if let Some(y) = p.title.captures(&text).and_then(num) {
                return Some((y, origin));
            }
        }
    }
    // Both period patterns hold “1月1日”; a printed page may break the sentence in it
    // (`…统计期限自2023年1` / `月1日起至…`): such a line is read with the next.
    for (i, t) in toks.iter().enumerate() {
        let whole = t.norm.contains("1月1日");
        let broken = t.norm.contains("统计") && !whole && t.norm.chars().count() < 200;
        if !whole && !broken {
            continue;
        }
        let text = match toks.get(i + 1).filter(|_| broken) {
            Some(next) => std::borrow::Cow::Owned(format!("{}{}", t.norm, next.norm)),
            None => std::borrow::Cow::Borrowed(t.norm.as_ref()),
        };
        if let Some(y) = p
            .period
            .captures(&text)
            .or_else(|| p.range.captures(&text))
            .and_then(num)
        {
            return Some((y, Origin::StatisticsPeriod));
        }
    }
    for t in toks.iter().take_while(|t| t.row < HEAD_ROWS * 2) {
        if !t.norm.contains(REPORT_WORDS) {
            continue;
        }
        if let Some(y) = p.any_report.captures(&t.norm).and_then(num) {
            return Some((y, Origin::Text));
        }
    }
    p.file_year
        .captures(file_stem)
        .and_then(num)
        .map(|y| (y, Origin::FileName))
}

#[cfg(test)]
mod tests {
    use crate::read::extract::{html, text};
    use crate::template::{parse, Origin};

    #[test]
    fn unit_and_year_from_a_page_title() {
        let doc = html::extract("<title>平潭综合实验区2023年度政府信息公开工作年度报告_政府信息公开年报_平潭</title><p>正文</p>");
        let r = parse(&doc, "x");
        assert_eq!(
            (r.unit.as_str(), r.unit_origin),
            ("平潭综合实验区", Origin::Title)
        );
        assert_eq!((r.year, r.year_origin), (Some(2023), Some(Origin::Title)));
    }

    #[test]
    fn unit_and_year_from_the_opening_sentence_in_traditional_script() {
        let r = parse(
            &text::extract(
                "根據《條例》,特編制杭州錢江經濟開發區2022年度政府信息公開工作報告,并向社會公布。",
            ),
            "x",
        );
        assert_eq!(
            (r.unit.as_str(), r.year),
            ("杭州钱江经济开发区", Some(2022))
        );
    }

    #[test]
    fn unit_from_the_contact_sentence_without_its_office() {
        let r = parse(&text::extract("如对本报告有任何疑问，请与平潭综合实验区金井片区管理局党政办公室联系（地址：略）。\n本报告中所列数据的统计期限自2023年1月1日至2023年12月31日。"), "x");
        assert_eq!(
            (r.unit.as_str(), r.unit_origin),
            ("平潭综合实验区金井片区管理局", Origin::ContactSentence)
        );
        assert_eq!(
            (r.year, r.year_origin),
            (Some(2023), Some(Origin::StatisticsPeriod))
        );
        let r = parse(&text::extract("请与平潭综合实验区管委会办公室联系。"), "x");
        assert_eq!(
            r.unit, "平潭综合实验区管委会办公室",
            "an office that is itself the unit stays"
        );
    }

    #[test]
    fn a_title_over_two_lines() {
        let r = parse(
            &text::extract("淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告\n\n本报告由区政府办公室编制。"),
            "x",
        );
        assert_eq!(
            (r.unit.as_str(), r.unit_origin, r.year),
            ("淮安市洪泽区人民政府", Origin::Title, Some(2024))
        );
    }

    #[test]
    fn a_whole_title_after_page_navigation_is_not_joined_to_it() {
        let r = parse(
            &text::extract("• 政府信息公开年报\n平潭综合实验区2023年度政府信息公开工作年度报告\n来源：管委会办公室"),
            "x",
        );
        assert_eq!(r.unit, "平潭综合实验区");
        let r = parse(&text::extract("请与临江区人民政府办公室办公室联系。"), "x");
        assert_eq!(r.unit, "临江区人民政府办公室");
    }

    #[test]
    fn a_title_wrapped_before_its_last_words() {
        let r = parse(
            &text::extract("临江区退役军人事务局2025年政府信息公开工作\n年度报告\n一、总体情况"),
            "x",
        );
        assert_eq!(
            (r.unit.as_str(), r.year),
            ("临江区退役军人事务局", Some(2025))
        );
    }

    #[test]
    fn file_name_is_the_last_resort() {
        let r = parse(&text::extract("一、总体情况"), "某局_2024年报");
        assert_eq!(
            (r.unit.as_str(), r.unit_origin),
            ("某局_2024年报", Origin::FileName)
        );
        assert_eq!(
            (r.year, r.year_origin),
            (Some(2024), Some(Origin::FileName))
        );
    }
}
