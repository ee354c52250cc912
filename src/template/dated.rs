//! The day a report was published, as the page says it: a publication-date `<meta>`
//! (`PubDate` …) or a date line near the title (发布日期：2020-01-31, 时间：2025-03-10 15:35).
//! Never a file's time: a copy made on another day has other times.

use super::tokens::Tok;
use crate::read::extract::Document;
use crate::util::date::Date;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where a publication date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The page's publication-date `<meta>`.
    Meta,
    /// A date line near the report's title.
    Page,
    /// The roster's `published` column.
    Roster,
}

impl DateSource {
    /// As `units.csv`'s `published_on_source` gives it.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Meta => "meta",
            DateSource::Page => "page",
            DateSource::Roster => "roster",
        }
    }

    pub fn from_name(s: &str) -> Option<DateSource> {
        Some(match s {
            "meta" => DateSource::Meta,
            "page" => DateSource::Page,
            "roster" => DateSource::Roster,
            _ => return None,
        })
    }

    /// In the clerk's words: where the date was read.
    pub fn zh(self) -> &'static str {
        match self {
            DateSource::Meta => "网页发布日期标记",
            DateSource::Page => "网页标题下的日期",
            DateSource::Roster => "名册",
        }
    }
}

/// A report's publication date and where it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub on: Date,
    pub source: DateSource,
}

/// Rows around the title a date line may stand in (a page's date is under its title, or
/// above it in a page's header).
const BEFORE_TITLE: usize = 6;
const AFTER_TITLE: usize = 10;
/// Rows searched for the title.
const HEAD_ROWS: usize = 60;

fn patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        let date = r"(?P<y>20\d{2})(?:-|/|\.|年)(?P<m>\d{1,2})(?:-|/|\.|月)(?P<d>\d{1,2})";
        (
            // The label, then the date (the label's colon optional: normalised text has no
            // blanks). 成文日期 and 印发日期 are when it was written, not published.
            Regex::new(&format!(
                r"(?P<before>成文|印发|截止|统计)?(?:发布日期|发布时间|发文日期|公开日期|发布于|时间|日期):?{date}"
            ))
            .expect("static pattern"),
            Regex::new(&format!(r"^{date}")).expect("static pattern"),
        )
    })
}

fn date_of(c: &regex::Captures) -> Option<Date> {
    Date::new(
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    )
}

/// Whether `on` can be the publication of a report of `year`: after the year it reports on
/// (a date inside that year is some other date), and within three years.
fn plausible(on: Date, year: Option<i32>) -> bool {
    year.is_none_or(|y| on.year() > y && on.year() <= y + 3)
}

/// The page's publication date, when it gives one that fits a report of `year`.
pub(crate) fn published(doc: &Document, toks: &[Tok], year: Option<i32>) -> Option<Published> {
    let (line, leading) = patterns();
    let from_meta = doc.meta_date.as_deref().and_then(|m| {
        let m = crate::read::normalize::label(m);
        leading.captures(&m).as_ref().and_then(date_of)
    });
    if let Some(on) = from_meta.filter(|on| plausible(*on, year)) {
        return Some(Published {
            on,
            source: DateSource::Meta,
        });
    }
    let head: Vec<&Tok> = toks.iter().take_while(|t| t.row < HEAD_ROWS).collect();
    let title = head
        .iter()
        .find(|t| t.norm.contains("政府信息公开") && t.norm.contains("报告"))
        .map(|t| t.row);
    let rows = match title {
        Some(r) => r.saturating_sub(BEFORE_TITLE)..r + AFTER_TITLE,
        None => 0..AFTER_TITLE,
    };
    head.iter()
        .filter(|t| rows.contains(&t.row))
        .flat_map(|t| line.captures_iter(&t.norm))
        .filter(|c| c.name("before").is_none())
        .filter_map(|c| date_of(&c))
        .find(|on| plausible(*on, year))
        .map(|on| Published {
            on,
            source: DateSource::Page,
        })
}

#[cfg(test)]
mod tests {
    use crate::read::extract::{html, text};
    use crate::template::parse;

    fn on(doc: &crate::read::extract::Document) -> Option<(String, &'static str)> {
        parse(doc, "x")
            .published
            .map(|p| (p.on.to_string(), p.source.name()))
    }

    #[test]
    fn a_date_line_under_the_title_is_the_publication_date() {
        let doc = text::extract("首页 > 政务公开\n临江区教育局2024年度政府信息公开工作年度报告\n发布日期：2025-01-20 09:30  来源：区教育局\n一、总体情况\n2024年，本局……");
        assert_eq!(on(&doc), Some(("2025-01-20".into(), "page")));
        let doc =
            text::extract("临江区教育局2024年度政府信息公开工作年度报告\n时间： 2025年2月3日\n");
        assert_eq!(on(&doc), Some(("2025-02-03".into(), "page")));
    }

    #[test]
    fn dates_that_are_not_publication_are_passed_over() {
        // The written date, a date inside the year reported on, an impossible date.
        for t in [
            "临江区教育局2024年度政府信息公开工作年度报告\n成文日期：2025-01-10\n",
            "临江区教育局2024年度政府信息公开工作年度报告\n日期：2024-12-31\n",
            "临江区教育局2024年度政府信息公开工作年度报告\n日期：2025-02-30\n",
            "临江区教育局2024年度政府信息公开工作年度报告\n一、总体情况\n本报告中所列数据的统计期限自2024年1月1日至2024年12月31日。",
        ] {
            assert_eq!(on(&text::extract(t)), None, "{t}");
        }
    }

    #[test]
    fn the_pubdate_meta_is_read_before_the_page() {
        let doc = html::extract("<html><head><meta content=\"2024-03-08 15:34\" name=\"PubDate\"><title>平潭综合实验区2023年度政府信息公开工作年度报告</title></head><body><p>平潭综合实验区2023年度政府信息公开工作年度报告</p><p>时间：2024-03-09</p></body></html>");
        assert_eq!(on(&doc), Some(("2024-03-08".into(), "meta")));
    }
}
