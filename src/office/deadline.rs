//! Published by the deadline (《条例》第四十九条): `PUBLISHED_LATE` when a report's publication
//! date — the roster's, else its page's — is after its body's deadline in the year after the
//! one it reports on: the roster's `due`, else `--deadline` for its kind, else 31 January (31
//! March for the 本级政府's own report).

use crate::aggregate::roster::MonthDay;
use crate::aggregate::{Inclusion, Rollup};
use crate::finding::{Check, Finding, Said};
use crate::input::load::Loaded;
use crate::template::dated::Published;

/// The finding when `published` is after `day` of the year after `year`.
fn late(
    source: &str,
    unit: &str,
    year: Option<i32>,
    published: Option<Published>,
    day: MonthDay,
) -> Option<Finding> {
    let p = published?;
    let due = day.in_year_after(year?)?;
    let days = due.days_to(p.on);
    (days > 0).then(|| Finding {
        source: source.to_string(),
        unit: unit.to_string(),
        check: Check::PublishedLate,
        cells: vec![],
        said: Said::PublishedLate {
            on: p.on,
            source: p.source,
            due,
            days,
        },
        place: String::new(),
        facts: vec![p.on.to_string(), due.to_string()],
    })
}

/// Every report published after its deadline (a file that could not be read has no date).
pub fn check(r: &Rollup) -> Vec<Finding> {
    r.units
        .iter()
        .filter(|u| u.inclusion != Inclusion::Unread)
        .filter_map(|u| late(&u.source, &u.unit, u.year, u.published, r.due_of(u)))
        .collect()
}

/// The published aggregate (`--published`): the 本级政府's own report, due by its node's day
/// (31 March unless the roster or `--deadline` says otherwise).
pub fn check_published(r: &Rollup, published: &Loaded) -> Option<Finding> {
    let report = published.report.as_ref()?;
    let level = crate::office::published::level_of(r, &report.unit);
    let day = r
        .roster_nodes
        .iter()
        .position(|n| *n == level.name)
        .and_then(|i| r.roster_due.get(i).copied())
        .unwrap_or_else(|| r.due_of_kind(level.kind));
    late(
        &published.source,
        &report.unit,
        report.year,
        report.published,
        day,
    )
}
