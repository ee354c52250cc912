//! `summary.md`: the district totals in the official layout of tables 二, 三 and 四 (ready to
//! paste), the coverage, and the findings grouped by unit.

use super::{Export, OutputError, RunRecord};
use crate::aggregate::{Level, Rollup};
use crate::finding::Finding;
use crate::input::load::Status;
use crate::ledger::Findings;
use crate::template::cells;
use crate::template::keys::{t3_key, t4_key, T3Col, T3Group, T3Row, T4Block, T4Result};
use std::fmt::Write;

pub struct SummaryMd;

fn v(l: &Level, key: &str) -> String {
    l.total(key).map(|d| d.plain()).unwrap_or_default()
}

fn table_two(r: &Level, s: &mut String) {
    let _ = writeln!(s, "## 二、主动公开政府信息情况\n");
    let _ = writeln!(s, "| 第二十条第（一）项 | | | |\n|---|---|---|---|");
    let _ = writeln!(
        s,
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"
    );
    for (label, key) in [("规章", "rules"), ("行政规范性文件", "normative")] {
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {} |",
            v(r, &format!("t2.{key}.issued")),
            v(r, &format!("t2.{key}.repealed")),
            v(r, &format!("t2.{key}.in_force"))
        );
    }
    let _ = writeln!(
        s,
        "| **第二十条第（五）项** | | | |\n| 信息内容 | 本年处理决定数量 | | |"
    );
    let _ = writeln!(s, "| 行政许可 | {} | | |", v(r, &cells::LICENSING.key()));
    let _ = writeln!(
        s,
        "| **第二十条第（六）项** | | | |\n| 信息内容 | 本年处理决定数量 | | |"
    );
    let _ = writeln!(s, "| 行政处罚 | {} | | |", v(r, &cells::PUNISHMENT.key()));
    let _ = writeln!(s, "| 行政强制 | {} | | |", v(r, &cells::COERCION.key()));
    let _ = writeln!(
        s,
        "| **第二十条第（八）项** | | | |\n| 信息内容 | 本年收费金额（单位：万元） | | |"
    );
    let _ = writeln!(s, "| 行政事业性收费 | {} | | |\n", v(r, "t2.fees_10k_yuan"));
}

fn table_three(r: &Level, s: &mut String) {
    let _ = writeln!(s, "## 三、收到和处理政府信息公开申请情况\n");
    let _ = writeln!(
        s,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    );
    let _ = writeln!(
        s,
        "| 申请人情况 | 自然人 | 法人或其他组织·商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    let show_unsplit = T3Col::ALL
        .iter()
        .any(|c| r.total(&t3_key(T3Row::OtherUnsplit, *c)).is_some());
    let mut group: Option<T3Group> = None;
    for row in T3Row::ALL {
        if row == T3Row::OtherUnsplit && !show_unsplit {
            continue;
        }
        let g = row.group();
        if g != group && g.is_some() && row != T3Row::TotalProcessed {
            if group.is_none() {
                let _ = writeln!(s, "| {} | | | | | | | |", T3Group::Results.label());
            }
            if g != Some(T3Group::Results) {
                let _ = writeln!(s, "| {} | | | | | | | |", g.map_or("", T3Group::label));
            }
        }
        if g.is_some() {
            group = g;
        }
        let cells: Vec<String> = T3Col::ALL.iter().map(|c| v(r, &t3_key(row, *c))).collect();
        let _ = writeln!(s, "| {} | {} |", row.label(), cells.join(" | "));
    }
    s.push('\n');
}

fn table_four(r: &Level, s: &mut String) {
    let _ = writeln!(s, "## 四、政府信息公开行政复议、行政诉讼情况\n");
    let _ = writeln!(
        s,
        "| 行政复议 | | | | | 行政诉讼：未经复议直接起诉 | | | | | 行政诉讼：复议后起诉 | | | | |"
    );
    let _ = writeln!(s, "|{}", "---:|".repeat(15));
    let labels: Vec<&str> = T4Block::ALL
        .iter()
        .flat_map(|_| T4Result::ALL.iter().map(|x| x.label()))
        .collect();
    let _ = writeln!(s, "| {} |", labels.join(" | "));
    let values: Vec<String> = T4Block::ALL
        .iter()
        .flat_map(|b| T4Result::ALL.iter().map(move |x| v(r, &t4_key(*b, *x))))
        .collect();
    let _ = writeln!(s, "| {} |\n", values.join(" | "));
}

fn coverage(run: &RunRecord, s: &mut String) {
    let r = run.rollup;
    let excluded = r
        .units
        .iter()
        .filter(|u| !u.summed() && u.status != Status::Failed)
        .count();
    let _ = writeln!(s, "## 覆盖情况 / Coverage\n");
    let _ = writeln!(s, "- 读取报告 / reports read: {}", r.units.len());
    let _ = writeln!(s, "- 计入合计 / units summed: {}", r.units_included());
    let _ = writeln!(
        s,
        "- 未计入（年度不符或重复）/ not summed (other year or duplicate): {excluded}"
    );
    let _ = writeln!(s, "- 无法读取 / failed: {}", r.units_failed());
    if let Some(line) = run.passed_over.describe() {
        let _ = writeln!(s, "- {}", super::md_text(&line));
    }
    let _ = writeln!(
        s,
        "- 有空白单元格 / with blank cells: {}",
        r.units_blank_celled()
    );
    match r
        .levels
        .first()
        .and_then(|l| l.expected.map(|e| (e, l.missing)))
    {
        Some((expected, missing)) => {
            let _ = writeln!(
                s,
                "- 名册应报单位 / units on the roster: {expected}，未报 / missing: {missing}"
            );
            let names = r.missing_units();
            if !names.is_empty() {
                let _ = writeln!(
                    s,
                    "- 未报单位 / not reported: {}",
                    super::md_text(&names.join("、"))
                );
            }
            let likely = r.likely_units();
            if !likely.is_empty() {
                let _ = writeln!(
                    s,
                    "- 可能已用其他名称报送 / likely sent under another name: {}",
                    super::md_text(&likely.join("、"))
                );
            }
            let _ = writeln!(s);
        }
        None => {
            let _ = writeln!(
                s,
                "- 未提供名册，应报单位数未知 / no roster given: the number of units expected is unknown\n"
            );
        }
    }
    let _ = writeln!(s, "| 单位 / unit | 文件 / source | 状态 / status | 计入 / summed | 错误 / errors | 警告 / warnings |\n|---|---|---|---|---:|---:|");
    let counts = run.findings.counts_by_source();
    for u in r.units.iter().take(super::VIEW_UNITS) {
        let inc = u.summed();
        let c = counts.get(u.source.as_str()).copied().unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            super::md_text(&u.unit),
            super::md_code(&u.source),
            u.status.name(),
            if inc { "是 yes" } else { "否 no" },
            c.errors,
            c.warnings
        );
    }
    if let Some((zh, en)) = super::more_line(
        r.units.len().min(super::VIEW_UNITS),
        r.units.len(),
        "units.csv",
    ) {
        let _ = writeln!(s, "\n{zh} / {en}");
    }
    s.push('\n');
}

/// This year beside last year's: the key totals, then each unit's received and processed.
fn year_on_year(y: &crate::office::previous::YearOnYear, s: &mut String) {
    let last = y.last_label();
    let _ = writeln!(s, "## 与上年相比 / Year on year\n");
    let (zh, en) = y.heading();
    let _ = writeln!(s, "{zh} / {en}.\n");
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| super::md_text(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(s, "| 项目 / item | 本年 / this year | {last} / last year | 变化 / change |\n|---|---:|---:|---:|");
    for cells in y.total_rows() {
        let _ = writeln!(s, "{}", row(&cells));
    }
    let _ = writeln!(
        s,
        "\n| {} |\n|---|---:|---:|---:|---:|---:|---:|",
        crate::office::previous::UNIT_HEADS.join(" | ")
    );
    for cells in y.unit_rows() {
        let _ = writeln!(s, "{}", row(&cells));
    }
    let apart = y.apart_rows();
    if !apart.is_empty() {
        let _ = writeln!(
            s,
            "\n仅一年有报告的单位（未计入上面的比较） / units of only one year (not compared above):\n\n| 哪一年 / year | 单位 / unit | 新收 / received | 办理 / processed |\n|---|---|---:|---:|"
        );
        for cells in apart {
            let _ = writeln!(s, "{}", row(&cells));
        }
    }
    s.push('\n');
}

/// The office's accepted findings: how many this run matched, and those that matched nothing.
fn accepted(findings: &Findings, s: &mut String) {
    let Some(path) = &findings.accepted().path else {
        return;
    };
    let review = findings.review();
    let matched = review.counts.total();
    let _ = writeln!(
        s,
        "## 已接受的问题 / Accepted findings
"
    );
    let _ = writeln!(
        s,
        "- 已接受并仍存在 / accepted and still found: {matched}（错误 / errors {}，警告 / warnings {}；不计入退出状态 / not counted toward the exit status）",
        review.counts.errors, review.counts.warnings
    );
    let _ = writeln!(
        s,
        "- 文件 / file: {}",
        super::md_code(&path.display().to_string())
    );
    let stale = findings.stale_acceptances();
    if !stale.is_empty() {
        let _ = writeln!(
            s,
            "- 已不再出现（报告已修改或问题已消除），可从文件中删除 / no longer found (the report was revised or the finding is gone), may be removed from the file: {}",
            stale
                .iter()
                .map(|a| format!("`{}`（{}，第{}行）", a.id, super::md_text(a.reason_text()), a.line))
                .collect::<Vec<_>>()
                .join("、")
        );
    }
    s.push('\n');
}

fn findings(r: &Rollup, findings: &Findings, s: &mut String) -> Result<(), OutputError> {
    let _ = writeln!(s, "## 问题清单 / Findings by unit\n");
    let (listed, all) = super::view_findings(findings)?;
    if listed.is_empty() {
        let _ = writeln!(s, "无 / none");
        return Ok(());
    }
    for (unit, source, list) in super::grouped(r, &listed) {
        let title = match unit {
            Some(i) => {
                let u = &r.units[i];
                let name = r
                    .roster_name(u)
                    .map_or_else(|| u.name().into_owned(), str::to_string);
                format!(
                    "### {} — {}",
                    super::md_text(&name),
                    super::md_code(&source)
                )
            }
            None if source.is_empty() => format!(
                "### {}（合计 / district totals）",
                super::md_text(r.district())
            ),
            None => format!(
                "### {} — {}",
                super::md_text(list.first().map_or("?", |f| f.unit.as_str())),
                super::md_code(&source)
            ),
        };
        let _ = writeln!(s, "\n{title}\n");
        for f in list {
            let accepted = f
                .accepted
                .map(|a| format!(" — **{}**", super::md_text(&a.note())))
                .unwrap_or_default();
            let _ = writeln!(s, "- {}{accepted} `{}`", finding_line(f), f.id);
        }
    }
    if let Some((zh, en)) = super::more_line(listed.len(), all, "findings.csv") {
        let _ = writeln!(s, "\n{zh} / {en}");
    }
    Ok(())
}

/// `**error** `T3_ROW_SUM` message (place)`.
pub fn finding_line(f: &Finding) -> String {
    // The place as the report prints it (`表三第9行第5列`, `第2页`).
    let place = if f.place.is_empty() {
        String::new()
    } else {
        format!(
            "（{}）",
            crate::template::wording::place_zh(&f.place, &f.cells)
        )
    };
    format!(
        "**{}** `{}` {}{}",
        f.severity().name(),
        f.check.id(),
        super::md_text(f.message().line()),
        place
    )
}

impl Export for SummaryMd {
    fn file_name(&self) -> &'static str {
        "summary.md"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        out.write_all(&render_bytes(run)?)?;
        Ok(())
    }
}

fn render_bytes(run: &RunRecord) -> Result<Vec<u8>, OutputError> {
    let r = run.rollup;
    let mut s = String::new();
    let year = r.year.map_or("?".to_string(), |y| y.to_string());
    let _ = writeln!(s, "{}", super::marker::markdown_comment(run.version));
    let _ = writeln!(
        s,
        "# 政府信息公开工作年度报告汇总 / Annual report roll-up: {} {year}\n",
        super::md_text(&r.own().name)
    );
    for note in run.notes {
        let _ = writeln!(s, "> **注意 / Note:** {}\n", super::md_text(note));
    }
    if let Some(since) = run.since {
        let _ = writeln!(s, "## 与上次运行相比 / Since the last run\n");
        if !since.when.is_empty() {
            let _ = writeln!(
                s,
                "上次运行 / last run: {}\n",
                crate::util::timefmt::view(&since.when)
            );
        }
        for line in since.screen() {
            // A unit's line is indented under the findings' counts.
            match line.strip_prefix("  ") {
                Some(unit) => {
                    let _ = writeln!(s, "  - {}", super::md_text(unit));
                }
                None => {
                    let _ = writeln!(s, "- {}", super::md_text(&line));
                }
            }
        }
        s.push('\n');
        if let Some((zh, en)) = since.totals_heading() {
            let _ = writeln!(
                s,
                "{zh} / {en}:\n\n| 项目 / cell | 上次 / last | 本次 / now | 变化 / change |\n|---|---:|---:|---:|"
            );
            for row in since.totals_rows() {
                let cells: Vec<String> = row.iter().map(|c| super::md_text(c)).collect();
                let _ = writeln!(s, "| {} |", cells.join(" | "));
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## 待办：需联系的单位 / To do: the units to contact\n");
    s.push_str(&super::todo::markdown(&*run.todo()?));
    s.push('\n');
    // One district total: the district's own node, named; the top above it only as such.
    let own = r.own();
    let (zh, en) = super::level_heading(r, own);
    let _ = writeln!(s, "## {} / {}\n", super::md_text(&zh), super::md_text(&en));
    let _ = writeln!(
            s,
            "合计为{}个单位报告逐格相加；空白单元格不计为0。/ Totals are the cell-by-cell sum of {} unit reports; blank cells are not zero.\n",
            own.included,
            own.included
        );
    if let Some((zh, en)) = super::off_own_line(r) {
        let _ = writeln!(s, "> {} / {}\n", super::md_text(&zh), super::md_text(&en));
    }
    table_two(own, &mut s);
    table_three(own, &mut s);
    table_four(own, &mut s);
    if r.is_above_own(r.top()) {
        let (zh, en) = super::level_heading(r, r.top());
        let _ = writeln!(
            s,
            "- {} / {}：新收申请 {}，办理 {}，结转下年 {}\n",
            super::md_text(&zh),
            super::md_text(&en),
            v(r.top(), &cells::NEW_RECEIVED.key()),
            v(r.top(), &cells::TOTAL_PROCESSED.key()),
            v(r.top(), &cells::CARRIED_FORWARD.key())
        );
    }
    if let Some(y) = run.yoy {
        year_on_year(y, &mut s);
    }
    coverage(run, &mut s);
    accepted(run.findings, &mut s);
    findings(r, run.findings, &mut s)?;
    Ok(s.into_bytes())
}
