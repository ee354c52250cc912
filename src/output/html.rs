//! `report.html`: one self-contained page (no script, no network) for the office to read in the
//! morning: the coverage, the district totals in the official layout, three charts drawn as
//! inline SVG, and the findings per unit. Prints on A4.

use super::official::{tables, Content, Grid};
use super::{Export, OutputError, RunRecord};
use crate::aggregate::{Level, Rollup};
use crate::finding::Severity;
use crate::input::load::Status;
use crate::ledger::Findings;
use crate::value::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write;

pub struct ReportHtml;

/// Outcome groups of table 三, with their colours (charts and legend).
/// Files named one by one in a list, at most.
const MAX_NAMED: usize = 200;
/// Units charted by their applications, at most.
const MAX_BARS: usize = 40;

const OUTCOMES: [(&str, &str, &[&str]); 6] = [
    ("予以公开", "#2e7d32", &["granted"]),
    ("部分公开", "#81c784", &["partial"]),
    (
        "不予公开",
        "#c62828",
        &[
            "denied_secret",
            "denied_law",
            "denied_safety",
            "denied_third_party",
            "denied_internal",
            "denied_process",
            "denied_enforcement",
            "denied_query",
        ],
    ),
    (
        "无法提供",
        "#ef6c00",
        &["unable_no_info", "unable_need_create", "unable_unclear"],
    ),
    (
        "不予处理",
        "#6a1b9a",
        &[
            "refused_petition",
            "refused_repeat",
            "refused_publication",
            "refused_mass",
            "refused_confirm",
        ],
    ),
    (
        "其他处理",
        "#757575",
        &[
            "other_no_correction",
            "other_no_fee",
            "other_other",
            "other_unsplit",
        ],
    ),
];

const STYLE: &str = r#"
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; margin: 24px; color: #222; font-size: 14px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #1f4e79; padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: #555; margin-top: 0; }
table.official { border-collapse: collapse; margin: 8px 0 16px; font-size: 12px; }
table.official td, table.official th { border: 1px solid #444; padding: 3px 5px; }
table.official th { background: #dce6f1; font-weight: bold; text-align: center; }
table.official td.v { text-align: right; min-width: 2.5em; }
table.official td.l { text-align: left; }
.cover { display: flex; gap: 16px; flex-wrap: wrap; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.missing { color: #b00020; }
nav.toc { background: #f3f6fa; padding: 6px 12px; margin: 12px 0; }
nav.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; }
ol.todo > li { margin-bottom: 6px; }
ol.todo ul, ul.todo { margin: 2px 0; }
.accepted { color: #2e7d32; }
@media print { nav.toc { display: none; } }
table.scan img { max-height: 48px; border: 1px solid #999; }
article.notice pre { white-space: pre-wrap; font-family: inherit; font-size: 15px; line-height: 1.7; border: 1px solid #ccc; padding: 16px 24px; }
@media print { article.notice { break-before: page; page-break-before: always; } article.notice pre { border: none; } }
.findings li { margin: 3px 0; }
.sev-error { color: #b00020; font-weight: bold; }
.sev-warning { color: #b26a00; font-weight: bold; }
.sev-info { color: #1f4e79; font-weight: bold; }
.place { color: #777; font-size: 12px; }
svg text { font-family: inherit; }
figure { margin: 12px 0 20px; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 6px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  table.official { font-size: 9px; break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.table { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .unit { break-inside: avoid; }
}
"#;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn int(d: Option<Decimal>) -> i128 {
    d.and_then(|d| d.as_int()).unwrap_or(0)
}

/// An official-layout grid as an HTML table.
fn grid_html(g: &Grid, out: &mut String) {
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); g.height];
    // HTML places a row's cells left to right in the order written: by column, whatever order
    // the grid was built in.
    let mut cells: Vec<&crate::output::official::GridCell> = g.cells.iter().collect();
    cells.sort_by_key(|c| (c.row, c.col));
    for c in cells {
        let span = format!(
            "{}{}",
            if c.rows > 1 {
                format!(" rowspan=\"{}\"", c.rows)
            } else {
                String::new()
            },
            if c.cols > 1 {
                format!(" colspan=\"{}\"", c.cols)
            } else {
                String::new()
            }
        );
        let cell = match &c.content {
            Content::Head(t) => format!("<th{span}>{}</th>", esc(t)),
            Content::Label(t) => format!("<td class=\"l\"{span}>{}</td>", esc(t)),
            Content::Value(key, v) => format!(
                "<td class=\"v\" data-key=\"{key}\"{span}>{}</td>",
                v.map(|d| d.plain()).unwrap_or_default()
            ),
        };
        rows[c.row].push(cell);
    }
    // The header rows (only headings, none spanning below them) repeat on every printed page
    // the table runs over.
    let head = (1..=g.height)
        .rev()
        .find(|&k| {
            g.cells
                .iter()
                .filter(|c| c.row < k)
                .all(|c| matches!(c.content, Content::Head(_)) && c.row + c.rows.max(1) <= k)
        })
        .unwrap_or(0);
    out.push_str("<table class=\"official\">\n");
    for (i, r) in rows.into_iter().enumerate() {
        if i == 0 && head > 0 {
            out.push_str("<thead>\n");
        }
        if i == head {
            out.push_str("<tbody>\n");
        }
        let _ = writeln!(out, "<tr>{}</tr>", r.concat());
        if i + 1 == head {
            out.push_str("</thead>\n");
        }
    }
    if head < g.height {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

fn level_tables(level: &Level, out: &mut String) {
    let value = |key: &str| level.total(key);
    for g in tables(&value) {
        // A heading never stands alone at a page's foot: it is printed with its table.
        let _ = writeln!(out, "<section class=\"table\"><h3>{}</h3>", esc(g.title));
        grid_html(&g, out);
        out.push_str("</section>\n");
    }
}

/// A legend of the outcome colours.
fn legend(x: f64, y: f64, out: &mut String) {
    for (i, (name, colour, _)) in OUTCOMES.iter().enumerate() {
        let lx = x + i as f64 * 105.0;
        let _ = write!(
            out,
            "<rect x=\"{lx}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{name}</text>",
            lx + 16.0,
            y + 11.0
        );
    }
}

/// Processed applications of a unit (or the district) by outcome group.
fn outcomes(value: &dyn Fn(&str) -> Option<Decimal>) -> [i128; 6] {
    let mut out = [0; 6];
    for (i, (_, _, rows)) in OUTCOMES.iter().enumerate() {
        out[i] = rows
            .iter()
            .map(|r| int(value(&format!("t3.{r}.total"))))
            .sum();
    }
    out
}

/// Chart 1: applications by unit, stacked by outcome.
fn chart_by_unit(r: &Rollup, out: &mut String) {
    let mut bars: Vec<(String, [i128; 6])> = r
        .units
        .iter()
        .filter(|u| u.summed())
        .filter_map(|u| {
            let value = |key: &str| u.number(key).filter(|_| key.starts_with("t3."));
            let o = outcomes(&value);
            (o.iter().sum::<i128>() > 0).then(|| (u.unit.clone(), o))
        })
        .collect();
    bars.sort_by(|a, b| {
        b.1.iter()
            .sum::<i128>()
            .cmp(&a.1.iter().sum::<i128>())
            .then(a.0.cmp(&b.0))
    });
    // A chart stays readable: the units with the most applications.
    let charted = bars.len();
    bars.truncate(MAX_BARS);
    let max = bars
        .iter()
        .map(|b| b.1.iter().sum::<i128>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, bar_w, row_h) = (190.0, 500.0, 18.0);
    let height = 40.0 + bars.len() as f64 * row_h;
    let _ = write!(
        out,
        "<figure id=\"chart-units\"><figcaption>各单位办理申请数（按办理结果）/ Applications processed by unit, by outcome</figcaption>\n<svg viewBox=\"0 0 760 {height}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    legend(0.0, 4.0, out);
    if charted > bars.len() {
        let _ = write!(
            out,
            "<text x=\"760\" y=\"14\" font-size=\"11\" text-anchor=\"end\">前 {} 个单位（共 {charted} 个）/ top {} of {charted}</text>",
            bars.len(),
            bars.len()
        );
    }
    for (i, (name, o)) in bars.iter().enumerate() {
        let y = 28.0 + i as f64 * row_h;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 12.0,
            esc(name)
        );
        let mut x = label_w;
        for (k, n) in o.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = *n as f64 / max as f64 * bar_w;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"14\" fill=\"{}\"><title>{} {}: {n}</title></rect>",
                OUTCOMES[k].1,
                esc(name),
                OUTCOMES[k].0
            );
            x += w;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
            x + 4.0,
            y + 12.0,
            o.iter().sum::<i128>()
        );
    }
    out.push_str("</svg></figure>\n");
}

/// Chart 2: the district's outcome shares, as one 100% bar.
fn chart_shares(level: &Level, out: &mut String) {
    let value = |key: &str| level.total(key);
    let o = outcomes(&value);
    let total: i128 = o.iter().sum::<i128>().max(1);
    let _ = write!(
        out,
        "<figure id=\"chart-shares\"><figcaption>{}办理结果构成 / Share of each outcome (total {})</figcaption>\n<svg viewBox=\"0 0 760 90\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&level.name),
        o.iter().sum::<i128>()
    );
    legend(0.0, 4.0, out);
    let mut x = 0.0;
    for (k, n) in o.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let w = *n as f64 / total as f64 * 760.0;
        let pct = *n as f64 * 100.0 / total as f64;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"28\" width=\"{w:.1}\" height=\"30\" fill=\"{}\"><title>{}: {n} ({pct:.1}%)</title></rect>",
            OUTCOMES[k].1,
            OUTCOMES[k].0
        );
        if w > 40.0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"76\" font-size=\"11\">{pct:.1}%</text>",
                x + 2.0
            );
        }
        x += w;
    }
    out.push_str("</svg></figure>\n");
}

/// Chart 3: units ranked by their findings (errors, then warnings).
fn chart_findings(r: &Rollup, findings: &Findings, out: &mut String) -> Result<(), OutputError> {
    let mut per: BTreeMap<String, [usize; 2]> = BTreeMap::new();
    for f in findings.all() {
        let f = f.map_err(OutputError::Spill)?;
        // Units' own files only: the district's levels and its published aggregate are not
        // units.
        let Some(i) = f.unit_index else {
            continue;
        };
        let u = &r.units[i];
        let name = r
            .roster_name(u)
            .map_or_else(|| u.name().into_owned(), str::to_string);
        let slot = match f.severity() {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => continue,
        };
        per.entry(name).or_default()[slot] += 1;
    }
    let mut ranked: Vec<(String, [usize; 2])> = per.into_iter().collect();
    ranked.sort_by(|a, b| (b.1[0], b.1[1]).cmp(&(a.1[0], a.1[1])).then(a.0.cmp(&b.0)));
    ranked.truncate(25);
    let max = ranked
        .iter()
        .map(|x| x.1[0] + x.1[1])
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, bar_w, row_h) = (190.0, 500.0, 18.0);
    let height = 40.0 + ranked.len() as f64 * row_h;
    let _ = write!(
        out,
        "<figure id=\"chart-findings\"><figcaption>各单位问题数（错误、警告）/ Units ranked by findings (errors, warnings)</figcaption>\n<svg viewBox=\"0 0 760 {height}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = write!(
        out,
        "<rect x=\"0\" y=\"4\" width=\"12\" height=\"12\" fill=\"#c62828\"/><text x=\"16\" y=\"15\" font-size=\"12\">错误 errors</text><rect x=\"110\" y=\"4\" width=\"12\" height=\"12\" fill=\"#f9a825\"/><text x=\"126\" y=\"15\" font-size=\"12\">警告 warnings</text>"
    );
    for (i, (name, [e, w])) in ranked.iter().enumerate() {
        let y = 28.0 + i as f64 * row_h;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 12.0,
            esc(name)
        );
        let we = *e as f64 / max as f64 * bar_w;
        let ww = *w as f64 / max as f64 * bar_w;
        let _ = write!(
            out,
            "<rect x=\"{label_w}\" y=\"{y}\" width=\"{we:.1}\" height=\"14\" fill=\"#c62828\"/><rect x=\"{:.1}\" y=\"{y}\" width=\"{ww:.1}\" height=\"14\" fill=\"#f9a825\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{e} / {w}</text>",
            label_w + we,
            label_w + we + ww + 4.0,
            y + 12.0
        );
    }
    out.push_str("</svg></figure>\n");
    Ok(())
}

fn coverage(run: &RunRecord, out: &mut String) {
    let r = run.rollup;
    let top = &r.levels[0];
    let card = |out: &mut String, label: &str, value: String| {
        let _ = write!(out, "<div class=\"card\">{label}<b>{value}</b></div>");
    };
    out.push_str("<div class=\"cover\" id=\"coverage-cards\">");
    // With a roster the cards add up: reported + missing = expected; reports of bodies not on
    // the roster are a card of their own.
    match top.expected {
        Some(expected) => {
            card(out, "应报单位 / units expected", expected.to_string());
            card(
                out,
                "已报 / reported",
                (expected - top.missing.min(expected)).to_string(),
            );
            card(out, "未报 / missing", top.missing.to_string());
            let off = r
                .units
                .iter()
                .filter(|u| u.summed() && u.roster.is_none())
                .count();
            card(out, "名册外 / not on the roster", off.to_string());
        }
        None => {
            card(
                out,
                "计入合计 / units summed",
                r.units_included().to_string(),
            );
        }
    }
    card(
        out,
        "无法读取 / unreadable files",
        r.units_failed().to_string(),
    );
    let count = |s: Severity| run.findings.count(s);
    card(out, "错误 / errors", count(Severity::Error).to_string());
    card(out, "警告 / warnings", count(Severity::Warning).to_string());
    out.push_str("</div>\n");
    let missing = r.missing_units();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"missing\" id=\"missing\">未报单位 / not reported: {}</p>",
            esc(&missing.join("、"))
        );
    }
    let likely = r.likely_units();
    if !likely.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"sub\">可能已用其他名称报送 / likely sent under another name: {}</p>",
            esc(&likely.join("、"))
        );
    }
    if let Some(line) = run.passed_over.describe() {
        let _ = writeln!(
            out,
            "<p class=\"sub\" id=\"passed-over\">{}</p>",
            esc(&line)
        );
    }
    if top.expected.is_none() {
        out.push_str("<p class=\"sub\">未提供名册，应报单位数未知 / no roster given: the units expected are unknown.</p>\n");
    }
    let failed_all = r.units_failed();
    let mut failed: Vec<String> = r
        .units
        .iter()
        .filter(|u| u.status == Status::Failed)
        .take(MAX_NAMED)
        .map(|u| u.source.clone())
        .collect();
    if failed_all > failed.len() {
        failed.push(format!(
            "… 共 {failed_all} 个 / {failed_all} in all (units.csv)"
        ));
    }
    if !failed.is_empty() {
        let _ = writeln!(
            out,
            "<p>无法读取的文件 / files that could not be read: {}</p>",
            esc(&failed.join("、"))
        );
    }
}

fn findings_by_unit(r: &Rollup, findings: &Findings, out: &mut String) -> Result<(), OutputError> {
    let (listed, all) = super::view_findings(findings)?;
    let groups = super::grouped(r, &listed);
    for (unit, source, mut list) in groups {
        list.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        let name = match unit {
            Some(i) => {
                let u = &r.units[i];
                r.roster_name(u)
                    .map_or_else(|| u.name().into_owned(), str::to_string)
            }
            None if source.is_empty() => "合计 / totals".to_string(),
            None => list.first().map_or_else(String::new, |f| f.unit.clone()),
        };
        let _ = writeln!(
            out,
            "<div class=\"unit\"><h3>{}{}</h3><ul class=\"findings\">",
            esc(&name),
            if source.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"place\">{}</span>", esc(&source))
            }
        );
        for f in list {
            let sev = f.severity().name();
            let place = crate::template::wording::place_zh(&f.place, &f.cells);
            let _ = writeln!(
                out,
                "<li><span class=\"sev-{sev}\" title=\"{}\">{}</span> {}{}{} <span class=\"place\">{}</span></li>",
                f.check.id(),
                f.check.name_zh(),
                esc(f.message().line()),
                if place.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"place\">（{}）</span>", esc(&place))
                },
                f.accepted
                    .map(|a| format!(" <b class=\"accepted\">{}</b>", esc(&a.note())))
                    .unwrap_or_default(),
                esc(&f.id)
            );
            if let crate::finding::Said::ScanDoubtful { cells, .. } = &f.said {
                scan_pictures(cells, out);
            }
        }
        out.push_str("</ul></div>\n");
    }
    if let Some((zh, en)) = super::more_line(listed.len(), all, "findings.csv") {
        let _ = writeln!(out, "<p class=\"sub\">{} / {}</p>", esc(&zh), esc(&en));
    }
    Ok(())
}

/// This year beside last year's.
fn year_on_year(y: &crate::office::previous::YearOnYear, out: &mut String) {
    let last = y.last_label();
    let row = |out: &mut String, cells: &[String]| {
        out.push_str("<tr>");
        for (i, c) in cells.iter().enumerate() {
            let class = if i == 0 { "l" } else { "v" };
            let _ = write!(out, "<td class=\"{class}\">{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    };
    let (zh, en) = y.heading();
    let _ = writeln!(
        out,
        "<h2 id=\"yoy\">与上年相比 / Year on year</h2>\n<p class=\"sub\">{} / {}</p>\n<table class=\"official yoy\"><tr><th>项目</th><th>本年</th><th>{last}</th><th>变化</th></tr>",
        esc(&zh),
        esc(&en)
    );
    for cells in y.total_rows() {
        row(out, &cells);
    }
    out.push_str("</table>\n<table class=\"official yoy\"><tr>");
    for h in crate::office::previous::UNIT_HEADS {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr>\n");
    for cells in y.unit_rows() {
        row(out, &cells);
    }
    out.push_str("</table>\n");
    let apart = y.apart_rows();
    if !apart.is_empty() {
        out.push_str("<h3>仅一年有报告的单位（未计入上面的比较） / units of only one year (not compared above)</h3>\n<table class=\"official yoy\"><tr><th>哪一年</th><th>单位</th><th>新收</th><th>办理</th></tr>\n");
        for cells in apart {
            row(out, &cells);
        }
        out.push_str("</table>\n");
    }
}

/// The to-do list (待办), first on the page.
/// Since the last run in full: each unit's new and resolved findings (errors first), the
/// district's own last; the totals that moved as a table.
fn since_html(since: &crate::office::since::Since, out: &mut String) {
    if since.findings_compared && (since.new_count > 0 || since.resolved_count > 0) {
        let _ = writeln!(
            out,
            "<p>新出现的问题{}项，已解决{}项 / {} new finding(s), {} resolved</p>",
            since.new_count, since.resolved_count, since.new_count, since.resolved_count
        );
        for g in since.groups() {
            let (zh, en) = g.counts();
            let _ = writeln!(
                out,
                "<div class=\"unit\"><h3>{} <span class=\"place\">{} / {}</span></h3><ul class=\"findings\">",
                esc(&g.title()),
                esc(&zh),
                esc(&en)
            );
            let items = g
                .new
                .iter()
                .map(|n| ("新", n))
                .chain(g.resolved.iter().map(|n| ("已解决", n)));
            for (what, n) in items {
                let (class, sev) = if n.error {
                    ("sev-error", "错误")
                } else {
                    ("sev-warning", "警告")
                };
                let _ = writeln!(
                    out,
                    "<li><span class=\"{class}\">{what}·{sev}</span> <code>{}</code> {}</li>",
                    esc(&n.check),
                    esc(&n.text)
                );
            }
            out.push_str("</ul></div>\n");
        }
        let more = since.new_count.saturating_sub(since.new_findings.len())
            + since.resolved_count.saturating_sub(since.resolved.len());
        if more > 0 {
            let _ = writeln!(
                out,
                "<p class=\"sub\">另有{more}项未列出，见 findings.csv / {more} more not listed: see findings.csv</p>"
            );
        }
    }
    if let Some((zh, en)) = since.totals_heading() {
        let _ = writeln!(
            out,
            "<h3>{} / {}</h3>\n<table class=\"official\"><thead><tr><th>项目</th><th>上次</th><th>本次</th><th>变化</th></tr></thead><tbody>",
            esc(&zh),
            esc(&en)
        );
        for [cell, last, now, change] in since.totals_rows() {
            let _ = writeln!(
                out,
                "<tr><td class=\"l\">{}</td><td class=\"v\">{}</td><td class=\"v\">{}</td><td class=\"v\">{}</td></tr>",
                esc(&cell),
                esc(&last),
                esc(&now),
                esc(&change)
            );
        }
        out.push_str("</tbody></table>\n");
    }
}

fn todo_html(t: &super::todo::Todo, out: &mut String) {
    if t.is_empty() {
        out.push_str("<p>没有需要联系的单位 / nothing to do: no unit needs a call</p>\n");
        for (zh, en) in [t.routine_line(), t.district_routine_line()]
            .into_iter()
            .flatten()
        {
            let _ = writeln!(out, "<p class=\"sub\">{} / {}</p>", esc(&zh), esc(&en));
        }
        return;
    }
    out.push_str("<ol class=\"todo\">\n");
    for u in &t.units {
        let _ = write!(
            out,
            "<li><b>{}</b> <span class=\"place\">{}</span>{}<ul>",
            esc(&u.unit),
            esc(&u.source),
            if u.aside().is_empty() {
                String::new()
            } else {
                format!(" <span class=\"sub\">{}</span>", esc(&u.aside()))
            }
        );
        for i in &u.items {
            let _ = write!(
                out,
                "<li><span class=\"sev-{}\">{}</span> {}</li>",
                i.severity.name(),
                i.verb(),
                esc(&i.detail())
            );
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n");
    if let Some((zh, en)) = t.routine_line() {
        let _ = writeln!(out, "<p class=\"sub\">{} / {}</p>", esc(&zh), esc(&en));
    }
    if t.likely_pairs().next().is_some() {
        let (zh, en) = super::todo::LIKELY_HEAD;
        let _ = writeln!(out, "<h3>{} / {}</h3><ul class=\"todo\">", esc(zh), esc(en));
        for m in t.likely_pairs() {
            let _ = writeln!(out, "<li>{}</li>", esc(&m.pair()));
        }
        out.push_str("</ul>\n");
    }
    if t.not_reported().next().is_some() {
        out.push_str("<h3>未报送 / not reported</h3><ul class=\"todo\">\n");
        for m in t.not_reported() {
            let _ = writeln!(
                out,
                "<li><b>{}</b>：{}</li>",
                esc(&m.name),
                esc(&m.what_zh())
            );
        }
        out.push_str("</ul>\n");
    }
    if !t.district.is_empty() {
        out.push_str("<h3>汇总本身（合计、公布的汇总报告） / the district's own totals and published report</h3><ul class=\"todo\">\n");
        for i in &t.district {
            let _ = writeln!(
                out,
                "<li><span class=\"sev-{}\">{}</span> {}</li>",
                i.severity.name(),
                i.verb(),
                esc(&i.detail())
            );
        }
        out.push_str("</ul>\n");
    }
    if let Some((zh, en)) = t.district_routine_line() {
        let _ = writeln!(out, "<p class=\"sub\">{} / {}</p>", esc(&zh), esc(&en));
    }
}

impl Export for ReportHtml {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        out.write_all(&render_bytes(run)?)?;
        Ok(())
    }

    fn optional(&self) -> bool {
        true
    }
}

/// A scanned report's doubtful cells: each as scanned beside what was read, for the clerk to
/// settle by eye.
fn scan_pictures(cells: &[crate::finding::said::DoubtfulCell], out: &mut String) {
    out.push_str("<table class=\"scan\"><tr><th>单元格 / cell</th><th>扫描件 / as scanned</th><th>识别为 / read as</th><th>置信度 / confidence</th></tr>");
    for d in cells.iter().take(super::VIEW_FINDINGS) {
        // Only base64 text goes into the attribute.
        let picture: String = d
            .picture
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td><img alt=\"\" src=\"data:image/png;base64,{picture}\"></td><td>{}</td><td>{}%</td></tr>",
            esc(&crate::template::wording::cell_label(&d.key)),
            if d.read.is_empty() { "（未识别出数字）".to_string() } else { esc(&d.read) },
            d.conf
        );
    }
    out.push_str("</table>\n");
}

/// Each unit's notice as a page of its own when printed (the text of `通知/<unit>.txt`).
fn notices_html(notices: &[super::notice::Notice], out: &mut String) {
    let _ = writeln!(
        out,
        "<h2 id=\"notices\">各单位通知（每单位一页，可打印） / Notices, one printed page per unit</h2>\n<p class=\"sub\">与 通知/ 文件夹中的文本相同；通知/清单.csv 列出各通知及其与上次运行相比的变化 / the same text as the files in 通知/; 通知/清单.csv lists them with what changed since the last run</p>"
    );
    // A province's notices are files; the page prints the first ones (it stays a page).
    for n in notices.iter().take(super::VIEW_UNITS) {
        let _ = writeln!(
            out,
            "<article class=\"notice\"><pre>{}</pre></article>",
            esc(&n.text)
        );
    }
    if let Some((zh, en)) =
        super::more_line(notices.len().min(super::VIEW_UNITS), notices.len(), "通知/")
    {
        let _ = writeln!(out, "<p class=\"sub\">{} / {}</p>", esc(&zh), esc(&en));
    }
}

fn render_bytes(run: &RunRecord) -> Result<Vec<u8>, OutputError> {
    let r = run.rollup;
    let year = r.year.map(|y| format!("{y}年")).unwrap_or_default();
    let title = format!("{}{year}政府信息公开工作年度报告汇总", r.own().name);
    let mut out = String::new();
    let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">{}<title>{}</title><style>{STYLE}</style></head><body>\n",
            super::marker::html_meta(run.version),
            esc(&title)
        );
    let _ = writeln!(
            out,
            "<h1>{}</h1><p class=\"sub\">District roll-up of the government information disclosure annual reports · gid-rollup {}</p>",
            esc(&title),
            run.version
        );
    for note in run.notes {
        let _ = writeln!(out, "<p class=\"missing\" role=\"alert\">{}</p>", esc(note));
    }
    // A table of contents.
    out.push_str("<nav class=\"toc\"><b>目录 / Contents</b><ol>");
    if run.since.is_some() {
        out.push_str("<li><a href=\"#since\">与上次运行相比 / Since the last run</a></li>");
    }
    out.push_str("<li><a href=\"#todo\">待办 / To do</a></li><li><a href=\"#coverage\">覆盖情况 / Coverage</a></li><li><a href=\"#charts\">图表 / Charts</a></li>");
    for (i, level) in r.view_levels().into_iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#totals-{i}\">{}</a></li>",
            esc(&super::level_heading(r, level).0)
        );
    }
    if run.yoy.is_some() {
        out.push_str("<li><a href=\"#yoy\">与上年相比 / Year on year</a></li>");
    }
    out.push_str("<li><a href=\"#findings\">各单位问题 / Findings by unit</a></li>");
    if run.notices.is_some_and(|n| !n.is_empty()) {
        out.push_str("<li><a href=\"#notices\">各单位通知 / Notices</a></li>");
    }
    out.push_str("</ol></nav>\n");
    if let Some(since) = run.since {
        let _ = writeln!(
            out,
            "<h2 id=\"since\">与上次运行相比 / Since the last run</h2>\n<p class=\"sub\">上次运行 / last run: {}</p><ul class=\"since\">",
            esc(&crate::util::timefmt::view(&since.when))
        );
        for line in since.file_lines() {
            let _ = writeln!(out, "<li>{}</li>", esc(&line));
        }
        out.push_str("</ul>\n");
        since_html(since, &mut out);
    }
    out.push_str("<h2 id=\"todo\">待办：需联系的单位 / To do: the units to contact</h2>\n");
    todo_html(&*run.todo()?, &mut out);
    out.push_str("<h2 id=\"coverage\">覆盖情况 / Coverage</h2>\n");
    coverage(run, &mut out);
    out.push_str("<h2 id=\"charts\">图表 / Charts</h2>\n");
    chart_shares(super::terminal::own_level(r), &mut out);
    chart_by_unit(r, &mut out);
    chart_findings(r, run.findings, &mut out)?;
    for (i, level) in r.view_levels().into_iter().enumerate() {
        let (zh, en) = super::level_heading(r, level);
        let _ = writeln!(
            out,
            "<h2 id=\"totals-{i}\">{} / {}</h2>",
            esc(&zh),
            esc(&en)
        );
        level_tables(level, &mut out);
        if i == 0 {
            if let Some((zh, en)) = super::off_own_line(r) {
                let _ = writeln!(out, "<p class=\"missing\">{} / {}</p>", esc(&zh), esc(&en));
            }
        }
    }
    if let Some(y) = run.yoy {
        year_on_year(y, &mut out);
    }
    out.push_str("<h2 id=\"findings\">各单位问题 / Findings by unit</h2>\n");
    findings_by_unit(r, run.findings, &mut out)?;
    if let Some(notices) = run.notices.filter(|n| !n.is_empty()) {
        notices_html(notices, &mut out);
    }
    out.push_str("</body></html>\n");
    Ok(out.into_bytes())
}
