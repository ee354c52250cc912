//! Ids of the version before. It gave each finding an id (`F` and 11 hex digits) made of its
//! file's content, its wording and its place, so the office's accepted-findings file may hold
//! such ids. They are carried over once, through last night's `findings.csv` (written by that
//! version): each accepted old id's row there — its file, check, cells, wording and place — is
//! matched to this run's finding of the same file, check and cells (the same wording, then the
//! same place, decide between several), whose new id then carries the acceptance. The run then
//! writes the new ids into the accepted-findings file ([`rewrite`]), keeping each old one in an
//! `old_id` column, so the next night needs no last night of the version before.

use super::Findings;
use crate::util::csvread::Rows;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The letter the ids of the version before start with.
pub const PREFIX: char = 'F';

/// Does `s` look like an id of the version before?
pub fn is_legacy_id(s: &str) -> bool {
    super::id::shaped(s, PREFIX)
}

/// One of last night's findings, as the version before wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    source: String,
    check: String,
    cells: String,
    message: String,
    place: String,
}

/// Last night's rows of the accepted old ids.
#[derive(Debug, Default)]
pub struct Legacy {
    rows: Vec<Row>,
}

/// The largest `findings.csv` read for the migration.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

impl Legacy {
    /// The rows of `findings_csv` whose id is one of `wanted` (the accepted ids of the version
    /// before); `None` when none is wanted, or the file is not there or has no such row.
    pub fn read(findings_csv: &Path, wanted: &HashSet<&str>) -> Option<Legacy> {
        if wanted.is_empty() {
            return None;
        }
        let meta = std::fs::metadata(findings_csv).ok()?;
        if meta.len() > MAX_BYTES {
            return None;
        }
        let text = std::fs::read_to_string(findings_csv).ok()?;
        Legacy::parse(&text, wanted)
    }

    fn parse(text: &str, wanted: &HashSet<&str>) -> Option<Legacy> {
        let mut rows = Rows::new(text);
        let (_, header) = rows.next()?;
        let col = |name: &str| header.iter().position(|h| h == name);
        let cols = [
            col("id")?,
            col("source")?,
            col("check")?,
            col("cells")?,
            col("message")?,
            col("place").unwrap_or(usize::MAX),
        ];
        let mut legacy = Legacy::default();
        while let Some(mut f) = rows.pick(&cols) {
            if !wanted.contains(f[0].as_str()) {
                continue;
            }
            let mut take = |i: usize| std::mem::take(&mut f[i]);
            legacy.rows.push(Row {
                id: take(0),
                source: take(1),
                check: take(2),
                cells: take(3),
                message: take(4),
                place: take(5),
            });
        }
        (!legacy.rows.is_empty()).then_some(legacy)
    }

    /// Each old id → the new id of this run's finding it was (see the module's doc); an old
    /// id whose finding is gone is left out (it is stale, as any other).
    pub fn map_onto(&self, findings: &Findings) -> std::io::Result<HashMap<String, String>> {
        type Key = (String, String, String);
        let key = |r: &Row| (r.source.clone(), r.check.clone(), r.cells.clone());
        let wanted: HashSet<Key> = self.rows.iter().map(key).collect();
        // This run's findings of those files, checks and cells: (id, wording, place).
        let mut now: HashMap<Key, Vec<(String, String, String)>> = HashMap::new();
        for f in findings.all() {
            let f = f?;
            let k = (
                f.source.clone(),
                f.check.id().to_string(),
                f.cells.join(";"),
            );
            if wanted.contains(&k) {
                now.entry(k).or_default().push((
                    f.id.clone(),
                    f.message().line().to_string(),
                    f.place.clone(),
                ));
            }
        }
        let mut map = HashMap::new();
        let mut taken: HashSet<String> = HashSet::new();
        for row in &self.rows {
            let Some(candidates) = now.get(&key(row)) else {
                continue;
            };
            let free: Vec<&(String, String, String)> = candidates
                .iter()
                .filter(|c| !taken.contains(&c.0))
                .collect();
            let chosen = free
                .iter()
                .find(|c| c.1 == row.message)
                .or_else(|| {
                    free.iter()
                        .find(|c| !row.place.is_empty() && c.2 == row.place)
                })
                .or_else(|| (free.len() == 1).then(|| &free[0]));
            if let Some(c) = chosen {
                taken.insert(c.0.clone());
                map.insert(row.id.clone(), c.0.clone());
            }
        }
        Ok(map)
    }
}

/// The accepted ids of the version before in the accepted-findings file at `path`, when it
/// has any.
pub fn wanted(accepted: &crate::ledger::accepted::Accepted) -> HashSet<&str> {
    accepted
        .entries
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| is_legacy_id(id))
        .collect()
}

/// Write the new ids of `migrated` (old → new) into the accepted-findings file at `path`,
/// each old id kept in an `old_id` column; the file is rewritten whole and renamed into place.
pub fn rewrite(
    path: &Path,
    migrated: &[(&str, &str)],
) -> Result<usize, crate::ledger::accepted::AcceptedError> {
    if migrated.is_empty() {
        return Ok(0);
    }
    let map: HashMap<&str, &str> = migrated.iter().copied().collect();
    crate::ledger::accepted::rewrite_ids(path, &map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_wanted_rows_of_an_old_findings_csv_are_kept() {
        let text = "id,source,unit,check,severity,cells,message,accepted,place\n\
            F0123456789a,r/a.txt,甲局,T3_ROW_SUM,error,t3.partial.natural;t3.partial.total,\"表三 / table 3, row\",,line 4\n\
            F00000000001,r/b.txt,乙局,ZERO_REPORT,info,,无 / none,,\n";
        let wanted: HashSet<&str> = ["F0123456789a"].into_iter().collect();
        let l = Legacy::parse(text, &wanted).expect("a row");
        assert_eq!(
            l.rows,
            [Row {
                id: "F0123456789a".into(),
                source: "r/a.txt".into(),
                check: "T3_ROW_SUM".into(),
                cells: "t3.partial.natural;t3.partial.total".into(),
                message: "表三 / table 3, row".into(),
                place: "line 4".into(),
            }]
        );
        assert!(Legacy::parse(text, &["Fffffffffff0"].into_iter().collect()).is_none());
        assert!(is_legacy_id("F0123456789a") && !is_legacy_id("G0123456789a"));
    }
}
