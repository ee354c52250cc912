//! `accept`: add findings the office has checked and explained to its accepted-findings file,
//! so that nobody edits the CSV by hand.

use crate::cli::AcceptArgs;
use crate::cmd::{exit, Error};
use crate::ledger::accepted::{append, is_id};
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

/// Append the ids (checked first: well-formed, not blank reasons, and findings of the last
/// run in `--out` when its findings.csv is there).
pub fn accept(a: &AcceptArgs) -> Result<ExitCode, Error> {
    let bad: Vec<&str> = a
        .ids
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !is_id(s))
        .collect();
    if !bad.is_empty() {
        return Err(Error::Accept(format!(
            "不是问题编号：{} / not finding ids: {} (an id is F and 11 hex digits, the first column of findings.csv); nothing was accepted",
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
    let known = last_findings(&findings_csv);
    let mut out = std::io::stdout().lock();
    if let Some(known) = &known {
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
    } else {
        writeln!(
            out,
            "注意：{} 不存在或没有编号列（请先运行一次汇总），未核对编号 / note: {} is not there or has no id column (run the roll-up first): the ids were not looked up",
            findings_csv.display(),
            findings_csv.display()
        )?;
    }
    let today: String = crate::util::timefmt::now().chars().take(10).collect();
    let added = append(&a.accepted, &a.ids, a.reason.trim(), a.by.trim(), &today)
        .map_err(|e| Error::Accept(e.to_string()))?;
    for id in &a.ids {
        let what = known
            .as_ref()
            .and_then(|k| k.get(id.as_str()))
            .map(|s| format!("：{s}"))
            .unwrap_or_default();
        if added.contains(id) {
            writeln!(out, "已接受 / accepted {id}{what}")?;
        } else {
            writeln!(out, "早已接受 / already accepted {id}{what}")?;
        }
    }
    writeln!(
        out,
        "已写入 / written to {}；下次运行请加 / next run with: --accepted {}",
        a.accepted.display(),
        a.accepted.display()
    )?;
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
