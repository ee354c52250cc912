//! `accept`: add findings the office has checked and explained to its accepted-findings file,
//! so that nobody edits the CSV by hand.

use crate::cli::AcceptArgs;
use crate::cmd::{exit, Error};
use crate::ledger::accepted::{append, is_id};
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

/// Append the ids (checked first: well-formed, not blank reasons, and findings of the last
/// run in `--out`: an id that cannot be looked up there is refused, so a typo never stands in
/// the file as an acceptance of nothing).
pub fn accept(a: &AcceptArgs) -> Result<ExitCode, Error> {
    let bad: Vec<&str> = a
        .ids
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !is_id(s))
        .collect();
    if !bad.is_empty() {
        return Err(Error::Accept(format!(
            "不是问题编号：{} / not finding ids: {} (an id is G and 11 hex digits, the first column of findings.csv); nothing was accepted",
            bad.join("、"),
            bad.join(", ")
        )));
    }
    if a.reason.trim().is_empty() || a.by.trim().is_empty() {
        return Err(Error::Accept(
            "请写明接受的原因（--reason）和接受人（--by） / give the reason (--reason) and who accepts (--by); nothing was accepted".into(),
        ));
    }
    let findings_csv = a.out.join("findings.csv");
    let Some(known) = last_findings(&findings_csv) else {
        return Err(Error::Accept(format!(
            "无法核对编号：{} 不存在或没有编号列（请先运行一次汇总，或用 --out 指向汇总的输出文件夹）；未接受任何问题 / cannot look the ids up: {} is not there or has no id column (run the roll-up first, or point --out at its output folder); nothing was accepted",
            findings_csv.display(),
            findings_csv.display()
        )));
    };
    let unknown: Vec<&str> = a
        .ids
        .iter()
        .map(|s| s.as_str())
        .filter(|id| !known.contains_key(*id))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Accept(format!(
            "{} 中没有这些问题：{}（请从最新的 findings.csv 复制编号）；未接受任何问题 / not in {}: {} (copy the ids from the latest findings.csv); nothing was accepted",
            findings_csv.display(),
            unknown.join("、"),
            findings_csv.display(),
            unknown.join(", ")
        )));
    }
    let today: String = crate::util::timefmt::now().chars().take(10).collect();
    let added = append(&a.accepted, &a.ids, a.reason.trim(), a.by.trim(), &today)
        .map_err(|e| Error::Accept(e.to_string()))?;
    // The file is written: what follows only tells, and a terminal that cannot be written to
    // changes nothing of it, nor the exit status.
    let mut out = std::io::stdout().lock();
    let mut told = Ok(());
    for id in &a.ids {
        let what = known
            .get(id.as_str())
            .map(|s| format!("：{s}"))
            .unwrap_or_default();
        if told.is_ok() {
            told = if added.contains(id) {
                writeln!(out, "已接受 / accepted {id}{what}")
            } else {
                writeln!(out, "早已接受 / already accepted {id}{what}")
            };
        }
    }
    if told.is_ok() {
        let _ = writeln!(
            out,
            "已写入 / written to {}；下次运行请加 / next run with: --accepted {}",
            a.accepted.display(),
            a.accepted.display()
        );
    }
    Ok(ExitCode::from(exit::CLEAN))
}

/// The ids of the last run's findings and a line saying what each is; `None` when there is no
/// readable findings.csv with ids.
fn last_findings(path: &std::path::Path) -> Option<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut rows = crate::util::csvread::csv_rows(&text).into_iter();
    let (_, header) = rows.next()?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let (id, unit, check) = (col("id")?, col("unit")?, col("check")?);
    // The Chinese sentence alone where the file has it (an older findings.csv: the whole line).
    let text = col("message_zh").or(col("message"))?;
    Some(
        rows.filter_map(|(_, r)| {
            let get = |i: usize| r.get(i).cloned().unwrap_or_default();
            let zh = get(text);
            Some((
                r.get(id)?.clone(),
                format!("{} {} {}", get(unit), get(check), zh),
            ))
        })
        .collect(),
    )
}
