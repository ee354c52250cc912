//! What a run tells the terminal: the district's own totals (each level's with `--levels`), the
//! units to phone (with errors by name, the first few), the missing units, the counts, where the
//! outputs are, and a last line saying why the exit status is what it is. Chinese first, English
//! after, as in the files.

use super::todo::Todo;
use super::RunRecord;
use crate::aggregate::{Level, Rollup};
use crate::finding::Severity;
use crate::input::load::Status;

/// Units named on the terminal before "and N more".
const NAMED: usize = 5;

/// How the exit status was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Exit 0: nothing at the threshold (`None`: `--fail-on never`).
    Clean(Option<Severity>),
    /// Exit 1: open findings at the threshold.
    Findings(Severity, usize),
}

/// The verdict for a `--fail-on` threshold (`None`: never).
pub fn verdict(findings: &crate::ledger::Findings, threshold: Option<Severity>) -> Verdict {
    let Some(t) = threshold else {
        return Verdict::Clean(None);
    };
    let open: usize = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter(|s| *s >= t)
        .map(|s| findings.count_open(s))
        .sum();
    if open > 0 {
        Verdict::Findings(t, open)
    } else {
        Verdict::Clean(Some(t))
    }
}

/// The level that is the district itself (the roster's `district` row), else the top.
pub fn own_level(r: &Rollup) -> &Level {
    r.own()
}

/// A level's key totals after its heading as the views give it ([`super::level_heading`]).
fn totals_line(r: &Rollup, l: &Level) -> String {
    // A total no unit printed a number for is blank, never 0.
    use crate::template::cells;
    let v = |c: crate::template::CellRef| l.total_of(c).map(|d| d.plain());
    let suits = l
        .total_of(cells::SUIT_DIRECT_TOTAL)
        .zip(l.total_of(cells::SUIT_AFTER_REVIEW_TOTAL))
        .and_then(|(a, b)| a.checked_add(b))
        .map(|d| d.plain());
    let zh = |n: Option<String>| n.unwrap_or_else(|| "空白".into());
    let en = |n: Option<String>| n.unwrap_or_else(|| "blank".into());
    let (head_zh, head_en) = super::level_heading(r, l);
    let [new, done, fwd, review] = [
        cells::NEW_RECEIVED,
        cells::TOTAL_PROCESSED,
        cells::CARRIED_FORWARD,
        cells::REVIEW_TOTAL,
    ]
    .map(v);
    format!(
        "{head_zh}：新收申请{}件，办理{}件，结转下年{}件；行政复议{}件，行政诉讼{}件 / {head_en}: {} new applications, {} processed, {} carried forward; {} reviews, {} lawsuits",
        zh(new.clone()),
        zh(done.clone()),
        zh(fwd.clone()),
        zh(review.clone()),
        zh(suits.clone()),
        en(new),
        en(done),
        en(fwd),
        en(review),
        en(suits),
    )
}

/// The lines the terminal shows after a run.
pub fn lines(
    run: &RunRecord,
    todo: &Todo,
    out: &std::path::Path,
    levels: bool,
    verdict: Verdict,
) -> Vec<String> {
    let r = run.rollup;
    let mut v = Vec::new();
    let year = match (r.year, r.year_inferred) {
        (Some(y), true) => {
            format!("{y}年（按多数报告推定） / year {y} (the year most reports give)")
        }
        (Some(y), false) => format!("{y}年 / year {y}"),
        (None, _) => "年度未知 / year unknown".into(),
    };
    let own = own_level(r);
    v.push(format!(
        "gid-rollup {} · {} · {year}",
        run.version, own.name
    ));
    // What changed since last night, first.
    if let Some(since) = run.since {
        let when = if since.when.is_empty() {
            String::new()
        } else {
            format!("（{}）", crate::util::timefmt::view(&since.when))
        };
        v.push(format!("  与上次运行相比{when} / since the last run:"));
        for line in since.screen() {
            v.push(format!("    {line}"));
        }
        if let Some((zh, en)) = since.totals_heading() {
            v.push(format!("    {zh} / {en}:"));
            let rows = since.totals_rows();
            for [cell, last, now, change] in rows.iter().take(crate::office::changes::SCREEN_UNITS)
            {
                v.push(format!("      {cell}：{last} → {now}（{change}）"));
            }
            if rows.len() > crate::office::changes::SCREEN_UNITS {
                v.push(format!(
                    "      ……全部{}处见 report.html / all {} in report.html",
                    rows.len(),
                    rows.len()
                ));
            }
        }
    }
    v.push(format!("  {}", totals_line(r, own)));
    if let Some((zh, en)) = super::off_own_line(r) {
        v.push(format!("  {zh} / {en}"));
    }
    if levels {
        for l in r.levels.iter().filter(|l| !std::ptr::eq(*l, own)) {
            v.push(format!("  {}", totals_line(r, l)));
        }
    }
    let status = |s: Status| r.units.iter().filter(|u| u.status == s).count();
    let not_summed = r.units.len() - r.units_included() - status(Status::Failed);
    v.push(format!(
        "  报告{}份：计入{}，未计入{}，无法读取{} / {} reports: {} summed, {} not summed, {} unreadable",
        r.units.len(),
        r.units_included(),
        not_summed,
        status(Status::Failed),
        r.units.len(),
        r.units_included(),
        not_summed,
        status(Status::Failed)
    ));
    if let Some(line) = run.passed_over.describe() {
        v.push(format!("  {line}"));
    }
    if let Some(expected) = own.expected {
        let likely = todo.likely_pairs().count();
        let (zh, en) = if likely > 0 {
            (
                format!("（其中{likely}个可能已用其他名称报送）"),
                format!(" ({likely} of them likely sent under another name)"),
            )
        } else {
            Default::default()
        };
        v.push(format!(
            "  名册：应报{expected}个单位，未报{}个{zh} / roster: {expected} units expected, {} missing{en}",
            own.missing, own.missing
        ));
    }
    // The units to phone.
    let with_errors: Vec<&str> = todo.with_errors().map(|u| u.unit.as_str()).collect();
    let to_verify = todo.units.len() - with_errors.len();
    if todo.units.is_empty() {
        v.push("  待办：没有需要联系的单位 / to do: no unit needs a call".into());
    } else {
        let (routine_zh, routine_en) = if todo.routine > 0 {
            (
                format!(
                    "；另有{}个单位共{}项例行情况供参考",
                    todo.routine_units, todo.routine
                ),
                format!(
                    "; {} routine fact(s) in {} unit(s) for reference",
                    todo.routine, todo.routine_units
                ),
            )
        } else {
            Default::default()
        };
        v.push(format!(
            "  待办：{}个单位有错误须更正，{to_verify}个单位有事项请核实{routine_zh}（见 summary.md 开头的待办清单） / to do: {} unit(s) with errors to correct, {to_verify} with items to verify{routine_en} (the list opens summary.md)",
            with_errors.len(),
            with_errors.len()
        ));
    }
    if !with_errors.is_empty() {
        v.push(format!(
            "  有错误的单位 / units with errors: {}",
            named(&with_errors)
        ));
    }
    let likely: Vec<String> = todo.likely_pairs().map(|m| m.pair()).collect();
    if !likely.is_empty() {
        let pairs: Vec<&str> = likely.iter().map(String::as_str).collect();
        v.push(format!(
            "  名称不一致、可能已报送 / likely sent under another name: {}",
            named(&pairs)
        ));
    }
    // Each with the days left before its deadline, or past it.
    let names: Vec<String> = todo
        .not_reported()
        .map(|m| format!("{}{}", m.name, m.due_zh()))
        .collect();
    if !names.is_empty() {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        v.push(format!("  未报送 / not reported: {}", named(&names)));
    }
    if todo.accepted > 0 || run.findings.accepted().path.is_some() {
        let stale = run.findings.stale_acceptances().len();
        v.push(format!(
            "  已接受的问题{}项（不计入退出状态），已失效{stale}项 / {} accepted finding(s) (not counted toward the exit status), {stale} no longer found",
            todo.accepted, todo.accepted
        ));
    }
    let count = |s: Severity| run.findings.count(s);
    v.push(format!(
        "  问题：错误{}，警告{}，提示{} / findings: {} errors, {} warnings, {} infos",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    v.push(format!(
        "  输出 / outputs: {}/（summary.md 待办清单、report.html、district.xlsx、findings.csv …）",
        out.display()
    ));
    if let Some((zh, en)) = todo.notices.line() {
        v.push(format!("  {zh} / {en}"));
    }
    v.push(match verdict {
        Verdict::Findings(t, n) => format!(
            "退出状态1：有{n}项{}未处理（--fail-on {}） / exit status 1: {n} open finding(s) at {} or worse (--fail-on {})",
            severity_zh(t),
            t.name(),
            t.name(),
            t.name()
        ),
        Verdict::Clean(Some(t)) => format!(
            "退出状态0：没有未处理的{}（--fail-on {}） / exit status 0: no open finding at {} or worse (--fail-on {})",
            severity_zh(t),
            t.name(),
            t.name(),
            t.name()
        ),
        Verdict::Clean(None) => "退出状态0：--fail-on never / exit status 0: --fail-on never".into(),
    });
    v
}

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "错误或警告",
        Severity::Info => "问题",
    }
}

/// The first few names, then "等N个".
fn named(names: &[&str]) -> String {
    if names.len() <= NAMED {
        names.join("、")
    } else {
        format!(
            "{}等{}个 / and {} more",
            names[..NAMED].join("、"),
            names.len(),
            names.len() - NAMED
        )
    }
}
