//! What keeps an unattended night from leaving outputs worse than the last: nothing to read,
//! far fewer reports than last time, a roll-up year that few reports give. Each says in the
//! clerk's words (Chinese, then English) what happened and what to do.

use crate::aggregate::Rollup;
use crate::cli::Config;
use crate::input::discover::Discovered;
use crate::input::load::Status;
use crate::output::set::OutSet;

/// Under half as many reports summed as the last run summed, unless allowed: why the run stops
/// (with the run's own warnings, such as a doubtful year, which may be the reason).
pub fn shrunk(set: &OutSet, summed: usize, allow: bool, notes: &[String]) -> Option<String> {
    let last = set.last_summed().filter(|_| !allow)?;
    (summed * 2 < last).then(|| {
        let out = set.dir().display();
        let why: String = notes.iter().map(|n| format!(" ({n})")).collect();
        crate::finding::note(
            format!(
                "本次只有{summed}份报告计入合计，上次为{last}份，不到一半（文件夹是否挂载完整、是否选错、汇总年度是否正确？）；{out}中上次的输出保持不变。确认无误请加 --allow-shrink 重新运行"
            ),
            format!(
                "only {summed} report(s) summed this time against {last} last time, under half (is the folder fully mounted, is it the right one, is the year right?); the previous outputs in {out} are unchanged — if this is right, run again with --allow-shrink{why}"
            ),
        )
    })
}

/// Why a run with nothing to read stops (exit 2), keeping the last outputs in `out` if any.
pub fn no_reports(config: &Config, out: Option<&OutSet>, found: &Discovered) -> String {
    let inputs: Vec<String> = config
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    // What was passed over, and why folders could not be read (a share that went away).
    let skipped: String = found
        .passed_over
        .describe()
        .into_iter()
        .chain(
            found
                .findings
                .iter()
                .map(|f| format!("{}: {}", f.source, f.message())),
        )
        .map(|s| format!(" ({s})"))
        .collect();
    let (kept_zh, kept_en) = out.map_or_else(Default::default, |set| {
        (
            format!("；{}中上次的输出保持不变", set.dir().display()),
            format!(
                "; the previous outputs in {} are unchanged",
                set.dir().display()
            ),
        )
    });
    crate::finding::note(
        format!(
            "在{}中没有找到任何报告文件（文件夹为空、网络盘未挂载，或路径有误）{kept_zh}",
            inputs.join("、"),
        ),
        format!(
            "no report file found in {} (the folder is empty, a network share is not mounted, or it is the wrong folder){kept_en}{skipped}",
            inputs.join(", "),
        ),
    )
}

/// A warning when under half of the readable reports are of the roll-up year, naming the years
/// the reports give.
pub fn year_note(r: &Rollup) -> Option<String> {
    let year = r.year?;
    let readable: Vec<Option<i32>> = r
        .units
        .iter()
        .filter(|u| u.status != Status::Failed)
        .map(|u| u.year)
        .collect();
    let matching = readable.iter().filter(|y| **y == Some(year)).count();
    if readable.is_empty() || matching * 2 >= readable.len() {
        return None;
    }
    let mut by_year: std::collections::BTreeMap<std::cmp::Reverse<Option<i32>>, usize> =
        Default::default();
    for y in &readable {
        *by_year.entry(std::cmp::Reverse(*y)).or_default() += 1;
    }
    let name = |y: Option<i32>| y.map_or("年度不明".to_string(), |y| format!("{y}年"));
    let name_en = |y: Option<i32>| y.map_or("no year".to_string(), |y| y.to_string());
    let zh: Vec<String> = by_year
        .iter()
        .map(|(y, n)| format!("{}{n}份", name(y.0)))
        .collect();
    let en: Vec<String> = by_year
        .iter()
        .map(|(y, n)| format!("{} ({n})", name_en(y.0)))
        .collect();
    Some(crate::finding::note(
        format!(
            "汇总年度为{year}年，但{}份可读报告中只有{matching}份是{year}年度的，请核对汇总年度（--year）；各报告的年度：{}",
            readable.len(),
            zh.join("、")
        ),
        format!(
            "the roll-up year is {year}, but only {matching} of {} readable reports are for {year}: check the year (--year); the reports give {}",
            readable.len(),
            en.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_half_of_last_runs_summed_reports_stops_the_run_unless_allowed() {
        let dir = std::env::temp_dir().join(format!("gid-guards-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("out")).unwrap();
        let set = OutSet::new(&dir.join("out"));
        assert_eq!(
            shrunk(&set, 0, false, &[]),
            None,
            "no last run: nothing to compare"
        );
        std::fs::write(
            dir.join("out/manifest.json"),
            r#"{"tool": "gid-rollup", "units_included": 32}"#,
        )
        .unwrap();
        assert_eq!(shrunk(&set, 16, false, &[]), None, "16 of 32 is half");
        let message = shrunk(&set, 15, false, &["year?".into()]).expect("15 of 32 is under half");
        assert!(message.contains("only 15 report(s) summed this time against 32 last time"));
        assert!(
            message.contains("上次为32份") && message.ends_with("(year?)"),
            "{message}"
        );
        assert_eq!(shrunk(&set, 15, true, &[]), None, "--allow-shrink");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
