//! `roster`: the roster against the reports. Each report on no body whose name is most like a
//! body with no report is a likely pair (`东城街道` ← `临江区东城街道办事处`); with `--suggest`,
//! a copy of the roster is written with those names added to the bodies' aliases and a
//! `suggested` column saying so, for the clerk to review and keep. The roster itself is never
//! changed.

use super::load::load_found;
use super::{exit, guards, Error};
use crate::aggregate::roster::{roster_text, with_aliases};
use crate::aggregate::{rollup, YearChoice};
use crate::cli::{Config, RosterArgs};
use crate::input::discover::{discover, Exclude};
use crate::ledger::Ledger;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The likely pairs, printed; with `--suggest`, the roster's copy with them.
pub fn roster(a: &RosterArgs, arguments: Vec<String>) -> Result<ExitCode, Error> {
    let config = Config::new(a.inputs.clone(), "out".into(), &a.common, true, arguments)?
        .with_roster(Some(&a.roster))?;
    let Some(roster) = config.roster.as_ref() else {
        return Err(Error::Roster("no roster".into()));
    };
    let found = discover(&config.inputs, &Exclude::own_files(&crate::output::Marks));
    if found.files.is_empty() {
        return Err(Error::NoReports(guards::no_reports(&config, None, &found)));
    }
    let records = load_found(found, &config, &std::env::temp_dir())?;
    let choice = config.year.map_or(YearChoice::Majority, YearChoice::Given);
    let mut ledger = Ledger::new(records.spill, records.discovery);
    let r = rollup(records.units, &mut ledger, choice, Some(roster));
    // Body name → the names its likely reports give, in path order.
    let mut add: HashMap<String, Vec<String>> = HashMap::new();
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for u in &r.units {
        if let Some(b) = u.maybe_body {
            let body = roster.nodes[b].name.clone();
            add.entry(body.clone()).or_default().push(u.unit.clone());
            pairs.push((body, u.unit.clone(), u.source.clone()));
        }
    }
    let mut out = std::io::stdout().lock();
    if pairs.is_empty() {
        writeln!(
            out,
            "没有名称不一致的单位：每份报告都已对上名册，或没有相近的名册单位 / no likely pair: every report matches the roster, or none is close to a body with no report"
        )?;
        return Ok(ExitCode::from(exit::CLEAN));
    }
    writeln!(
        out,
        "名称与名册不一致、可能是同一单位{}对 / {} likely pair(s) (roster body ← report):",
        pairs.len(),
        pairs.len()
    )?;
    for (body, unit, source) in &pairs {
        writeln!(out, "  {body} ← “{unit}”（{source}）")?;
    }
    if !a.suggest {
        writeln!(
            out,
            "加 --suggest 写出加了别名的名册副本 / add --suggest to write a copy of the roster with them as aliases"
        )?;
        return Ok(ExitCode::from(exit::CLEAN));
    }
    let text = roster_text(&a.roster).map_err(|e| Error::Roster(e.to_string()))?;
    let copy = with_aliases(&text, &add).map_err(|e| Error::Roster(e.to_string()))?;
    let target = a.write.clone().unwrap_or_else(|| suggested_path(&a.roster));
    if same_file(&target, &a.roster) {
        return Err(Error::Roster(format!(
            "不会覆盖名册本身 {} / the roster itself {} is never overwritten: give another --write",
            a.roster.display(),
            a.roster.display()
        )));
    }
    // Written whole, then renamed: never half a roster.
    let tmp = target.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, copy.as_bytes())
        .and_then(|_| std::fs::rename(&tmp, &target))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::Roster(format!(
                "无法写入 {}：{e} / cannot write {}: {e}",
                target.display(),
                target.display()
            ))
        })?;
    let _ = writeln!(
        out,
        "已写出加了建议别名的名册副本 / the roster with the suggested aliases: {}（请核对 suggested 列后替换原名册 / review its suggested column, then use it as the roster）",
        target.display()
    );
    Ok(ExitCode::from(exit::CLEAN))
}

/// `名册.csv` → `名册.suggested.csv`, beside it.
fn suggested_path(roster: &std::path::Path) -> PathBuf {
    let stem = roster
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roster".into());
    roster.with_file_name(format!("{stem}.suggested.csv"))
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
