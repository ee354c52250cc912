//! Accepted findings: the office's file of findings it has checked and explained
//! (`--accepted FILE`, CSV `id,reason,accepted_by,accepted_on`), and each finding's stable id.
//!
//! A finding's id is made from its meaning (see [`crate::ledger::id`]): the same finding gets
//! the same id every night and after a revision of the report that leaves it as it was; the
//! ids of the version before are carried over once ([`crate::ledger::legacy`]).

use crate::util::csvread::{csv_rows, csv_rows_checked};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The header of the file, in this order when the tool writes it.
pub const COLUMNS: [&str; 4] = ["id", "reason", "accepted_by", "accepted_on"];

/// Whether the file at `path` is an accepted-findings file: its first line (a byte-order mark,
/// UTF-8 or GBK, any column order) names the four columns. Only its first 4 KB are read.
pub fn is_accepted_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = text_of(&head);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let header = crate::util::csvread::csv_rows(first)
        .into_iter()
        .next()
        .map(|(_, r)| r)
        .unwrap_or_default();
    COLUMNS.iter().all(|c| {
        header.iter().any(|h| {
            h.trim()
                .trim_start_matches('\u{FEFF}')
                .eq_ignore_ascii_case(c)
        })
    })
}

/// The largest accepted-findings file read (a few hundred bytes a row).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Does `s` look like an id this version gives (see [`crate::ledger::id`])?
pub fn is_id(s: &str) -> bool {
    crate::ledger::id::is_id(s)
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub id: String,
    pub reason: String,
    pub accepted_by: String,
    pub accepted_on: String,
    /// The file's line.
    pub line: usize,
}

impl Acceptance {
    /// What a view prints beside an accepted finding.
    pub fn note(&self) -> String {
        let mut s = format!("已接受：{}", self.reason_text());
        let who: Vec<&str> = [self.accepted_by.as_str(), self.accepted_on.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        if !who.is_empty() {
            s.push_str(&format!("（{}）", who.join("，")));
        }
        s
    }

    /// The reason as `findings.csv` gives it: never empty for an accepted finding.
    pub fn reason_text(&self) -> &str {
        if self.reason.trim().is_empty() {
            "（未写原因 / no reason given）"
        } else {
            self.reason.trim()
        }
    }
}

/// The office's accepted findings (empty without `--accepted`).
#[derive(Debug, Clone, Default)]
pub struct Accepted {
    pub path: Option<PathBuf>,
    /// In the file's order; the first row of an id counts.
    pub entries: Vec<Acceptance>,
    by_id: HashMap<String, usize>,
    /// Lines not used, and why: said to the office with each run.
    problems: Vec<Problem>,
}

/// A line of the accepted-findings file that the run did not use as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not as many fields as the header (a quote left open swallows the next columns or lines):
    /// the line is not used, rather than read as some other reason or id.
    Malformed {
        line: usize,
        fields: usize,
        expected: usize,
    },
    /// An id accepted a second time: the first line counts.
    Duplicate {
        id: String,
        line: usize,
        first: usize,
    },
}

impl Problem {
    /// What the office is told, one bilingual line.
    pub fn note(&self, file: &str) -> String {
        match self {
            Problem::Malformed {
                line,
                fields,
                expected,
            } => crate::finding::note(
                format!("已接受问题文件 {file} 第{line}行格式有误（{fields}列，应为{expected}列，可能是引号不成对），该行未使用；请改正"),
                format!("the accepted-findings file {file}, line {line}: {fields} field(s) where {expected} were expected (an unpaired quote?); the line was not used — correct it"),
            ),
            Problem::Duplicate { id, line, first } => crate::finding::note(
                format!("已接受问题文件 {file} 第{line}行重复接受了第{first}行的问题 {id}，以第{first}行为准"),
                format!("the accepted-findings file {file}, line {line}: {id} was already accepted on line {first}, which counts"),
            ),
        }
    }
}

/// An accepted-findings file that cannot be used: the run stops (exit 2) and keeps the last
/// outputs, rather than bring every accepted finding back as open.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AcceptedError {
    #[error("已接受问题文件 {0} 无法读取 / cannot read the accepted-findings file {0}: {1}")]
    Read(String, String),
    #[error("已接受问题文件 {0} 无法写入 / cannot write the accepted-findings file {0}: {1}")]
    Write(String, String),
    #[error("已接受问题文件 {0} 所在文件夹不存在（网络盘未连接？） / the folder of the accepted-findings file {0} does not exist (a network share not mounted?)")]
    NoFolder(String),
    #[error("已接受问题文件 {0} 的表头须含 id,reason,accepted_by,accepted_on / the accepted-findings file {0} must have the header id,reason,accepted_by,accepted_on; found: {1}")]
    Header(String, String),
    #[error("已接受问题文件 {0} 太大（超过 {1} 字节） / the accepted-findings file {0} is larger than {1} bytes")]
    TooLarge(String, u64),
}

impl Accepted {
    /// Read the file at `path`. A file not there yet (in a folder that is) is an empty list:
    /// nothing has been accepted. Encodings: UTF-8 with or without a BOM, or GBK (Excel's
    /// "CSV" on a Chinese Windows).
    pub fn load(path: &Path) -> Result<Accepted, AcceptedError> {
        let name = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if !folder.is_dir() {
                    return Err(AcceptedError::NoFolder(name));
                }
                return Ok(Accepted {
                    path: Some(path.to_path_buf()),
                    ..Default::default()
                });
            }
            Err(e) => return Err(AcceptedError::Read(name, e.to_string())),
        };
        if meta.len() > MAX_BYTES {
            return Err(AcceptedError::TooLarge(name, MAX_BYTES));
        }
        let bytes =
            std::fs::read(path).map_err(|e| AcceptedError::Read(name.clone(), e.to_string()))?;
        let mut accepted = Accepted::parse(&text_of(&bytes))
            .map_err(|found| AcceptedError::Header(name, found))?;
        accepted.path = Some(path.to_path_buf());
        Ok(accepted)
    }

    /// Parse the file's text; `Err` holds the header found when it lacks a column.
    pub fn parse(text: &str) -> Result<Accepted, String> {
        let mut rows = csv_rows_checked(text)
            .into_iter()
            .filter(|(_, r, _)| r.iter().any(|c| !c.trim().is_empty()));
        let Some((_, header, _)) = rows.next() else {
            return Ok(Accepted::default());
        };
        let column = |name: &str| {
            header.iter().position(|h| {
                h.trim()
                    .trim_start_matches('\u{FEFF}')
                    .eq_ignore_ascii_case(name)
            })
        };
        let Some(cols) = COLUMNS
            .iter()
            .map(|c| column(c))
            .collect::<Option<Vec<usize>>>()
        else {
            return Err(header.join(","));
        };
        let mut accepted = Accepted::default();
        for (line, row, irregular) in rows {
            // A row no wider than the header, with every column this tool reads, on one line
            // (`accept` and Excel write so): anything else is a quote left open or a hand edit
            // gone wrong.
            let broken = row.iter().any(|f| f.contains(['\n', '\r']));
            let needed = cols.iter().copied().max().unwrap_or(0);
            if row.len() > header.len() || row.len() <= needed || broken || irregular {
                accepted.problems.push(Problem::Malformed {
                    line,
                    fields: row.len(),
                    expected: header.len(),
                });
                continue;
            }
            let get = |i: usize| {
                row.get(cols[i])
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            let id = get(0);
            if id.is_empty() {
                continue;
            }
            let entry = Acceptance {
                id: id.clone(),
                reason: get(1),
                accepted_by: get(2),
                accepted_on: get(3),
                line,
            };
            if let Some(&first) = accepted.by_id.get(&id) {
                accepted.problems.push(Problem::Duplicate {
                    id,
                    line,
                    first: accepted.entries[first].line,
                });
                continue;
            }
            accepted.by_id.insert(id, accepted.entries.len());
            accepted.entries.push(entry);
        }
        Ok(accepted)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The lines not used, one note each for the run's notes.
    pub fn problem_notes(&self) -> Vec<String> {
        let file = self
            .path
            .as_deref()
            .map(crate::util::pathtext::path_text)
            .unwrap_or_default();
        self.problems.iter().map(|p| p.note(&file)).collect()
    }

    /// The acceptance of the finding with this id.
    pub fn get(&self, id: &str) -> Option<&Acceptance> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The acceptances whose id no finding has any more (the report was revised, or the
    /// finding is gone), in the file's order, one per id.
    pub fn stale<'a>(&'a self, matched: &std::collections::HashSet<String>) -> Vec<&'a Acceptance> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, a)| self.by_id.get(&a.id) == Some(i) && !matched.contains(&a.id))
            .map(|(_, a)| a)
            .collect()
    }
}

/// The file's text: UTF-8 (a BOM tolerated), else GBK.
fn text_of(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// One CSV line of `fields` (without its line end), each quoted as needed and kept on one line.
fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| crate::util::csvread::field(&f.as_ref().replace(['\r', '\n'], " ")))
        .collect();
    cells.join(",")
}

/// Put `text` in place of the file at `path`, whole: written beside it and renamed over it, so
/// that the file is never half-written.
fn replace_whole(path: &Path, text: &str) -> Result<(), AcceptedError> {
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, text.as_bytes())
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            AcceptedError::Write(path.display().to_string(), e.to_string())
        })
}

/// Append acceptances of `ids` to the file at `path` (made, with its header and a BOM so that
/// Excel reads it as UTF-8, when it is not there yet). The file is rewritten whole and renamed
/// into place: never half-written. A file Excel saved as GBK is written back as UTF-8 with a
/// BOM. Ids already accepted are left as they are; returns the ids added.
pub fn append(
    path: &Path,
    ids: &[String],
    reason: &str,
    by: &str,
    on: &str,
) -> Result<Vec<String>, AcceptedError> {
    let name = path.display().to_string();
    let existing = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(AcceptedError::Read(name, e.to_string())),
    };
    let mut text = match &existing {
        Some(bytes) => {
            let utf8 =
                std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).is_ok();
            let text = text_of(bytes);
            if utf8 && !bytes.starts_with(b"\xEF\xBB\xBF") {
                text
            } else {
                format!("\u{FEFF}{text}")
            }
        }
        None => format!("\u{FEFF}{}\r\n", COLUMNS.join(",")),
    };
    let known =
        Accepted::parse(&text).map_err(|found| AcceptedError::Header(name.clone(), found))?;
    if existing.is_some()
        && csv_rows(&text)
            .iter()
            .all(|(_, r)| r.iter().all(|c| c.trim().is_empty()))
    {
        text.push_str(&format!("{}\r\n", COLUMNS.join(",")));
    }
    let newline = if text.contains("\r\n") || existing.is_none() {
        "\r\n"
    } else {
        "\n"
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(newline);
    }
    let mut added = Vec::new();
    for id in ids {
        if known.get(id).is_some() || added.contains(id) {
            continue;
        }
        text.push_str(&csv_line(&[id.as_str(), reason, by, on]));
        text.push_str(newline);
        added.push(id.clone());
    }
    replace_whole(path, &text)?;
    Ok(added)
}

/// Replace ids in the file at `path` (old → new in `map`), keeping each replaced id in an
/// `old_id` column (added when the file has none): the rows, their other columns and their
/// order stay as they are. Written whole as UTF-8 with a BOM and renamed into place. Returns
/// how many rows changed.
pub fn rewrite_ids(path: &Path, map: &HashMap<&str, &str>) -> Result<usize, AcceptedError> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| AcceptedError::Read(name.clone(), e.to_string()))?;
    let text = text_of(&bytes);
    let mut rows = csv_rows(&text).into_iter();
    let Some((_, mut header)) = rows.next() else {
        return Ok(0);
    };
    let column = |header: &[String], name: &str| {
        header.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{FEFF}')
                .eq_ignore_ascii_case(name)
        })
    };
    let id_col = column(&header, "id")
        .ok_or_else(|| AcceptedError::Header(name.clone(), header.join(",")))?;
    let old_col = match column(&header, "old_id") {
        Some(c) => c,
        None => {
            header.push("old_id".to_string());
            header.len() - 1
        }
    };
    if let Some(first) = header.first_mut() {
        *first = first.trim_start_matches('\u{FEFF}').to_string();
    }
    let line = |fields: &[String]| format!("{}\r\n", csv_line(fields));
    let mut out = format!("\u{FEFF}{}", line(&header));
    let mut changed = 0;
    for (_, mut row) in rows {
        if let Some(new) = row.get(id_col).and_then(|id| map.get(id.trim())) {
            let old = row[id_col].trim().to_string();
            row[id_col] = new.to_string();
            if row.len() <= old_col {
                row.resize(old_col + 1, String::new());
            }
            row[old_col] = old;
            changed += 1;
        }
        out.push_str(&line(&row));
    }
    if changed == 0 {
        return Ok(0);
    }
    replace_whole(path, &out)?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_for_this_versions_shape() {
        assert!(is_id("G0123456789a"));
        assert!(!is_id("F0123456789a"), "the version before's");
        assert!(!is_id("G12345"));
        assert!(!is_id("g0123456789a"));
    }

    #[test]
    fn rewriting_ids_keeps_every_row_and_the_old_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accepted.csv");
        std::fs::write(
            &path,
            "id,reason,accepted_by,accepted_on,备注\nF0123456789a,\"口径,不同\",王,2026-01-05,x\nF00000000001,b,李,2026-01-06,\n",
        )
        .unwrap();
        let map: HashMap<&str, &str> = [("F0123456789a", "G00000000abc")].into_iter().collect();
        assert_eq!(rewrite_ids(&path, &map).unwrap(), 1);
        let a = Accepted::load(&path).unwrap();
        let e = a.get("G00000000abc").unwrap();
        assert_eq!(
            (e.reason.as_str(), e.accepted_by.as_str()),
            ("口径,不同", "王")
        );
        assert!(a.get("F00000000001").is_some());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("\u{FEFF}id,reason,accepted_by,accepted_on,备注,old_id\r\n"),
            "{text}"
        );
        assert!(text.contains(",x,F0123456789a\r\n"), "{text}");
    }

    #[test]
    fn a_malformed_line_and_a_second_acceptance_of_an_id_are_said_not_guessed() {
        let text = "id,reason,accepted_by,accepted_on\n\
            G0123456789a,已核实,王,2026-01-05\n\
            G00000000001,\"引号\"不成对,李,2026-01-06\n\
            G0123456789a,另一个原因,赵,2026-01-07\n\
            G00000000002,原因\"吞掉了,后面的列,2026-01-08\n";
        let a = Accepted::parse(text).unwrap();
        assert_eq!(a.entries.len(), 1, "{:?}", a.entries);
        assert_eq!(a.get("G0123456789a").unwrap().reason, "已核实");
        assert!(
            a.get("G00000000001").is_none(),
            "not read as some other reason"
        );
        assert!(a.get("G00000000002").is_none());
        assert_eq!(
            a.problems,
            [
                Problem::Malformed {
                    line: 3,
                    fields: 4,
                    expected: 4
                },
                Problem::Duplicate {
                    id: "G0123456789a".into(),
                    line: 4,
                    first: 2
                },
                Problem::Malformed {
                    line: 5,
                    fields: 2,
                    expected: 4
                },
            ]
        );
        let notes = a.problem_notes();
        assert!(notes[0].contains("第3行格式有误"), "{}", notes[0]);
        assert!(
            notes[1].contains("line 4: G0123456789a was already accepted on line 2"),
            "{}",
            notes[1]
        );
    }

    #[test]
    fn excel_files_read_with_bom_gbk_crlf_and_any_column_order() {
        let text = "\u{FEFF}reason,ID,accepted_on,accepted_by,备注\r\n已电话核实,F0123456789a,2026-01-05,王,x\r\n,,,\r\n\"写明,原因\",Fabcdefabcde,,李,\r\n";
        let a = Accepted::parse(text).unwrap();
        assert_eq!(a.entries.len(), 2);
        let e = a.get("F0123456789a").unwrap();
        assert_eq!(
            (
                e.reason.as_str(),
                e.accepted_by.as_str(),
                e.accepted_on.as_str(),
                e.line
            ),
            ("已电话核实", "王", "2026-01-05", 2)
        );
        assert_eq!(a.get("Fabcdefabcde").unwrap().reason, "写明,原因");
        let (gbk, _, _) = encoding_rs::GBK
            .encode("id,reason,accepted_by,accepted_on\nF0123456789a,口径不同,张,2026-01-06\n");
        assert_eq!(
            Accepted::parse(&text_of(&gbk))
                .unwrap()
                .get("F0123456789a")
                .unwrap()
                .reason,
            "口径不同"
        );
        assert_eq!(
            Accepted::parse("id,why\nF0123456789a,x\n").unwrap_err(),
            "id,why"
        );
        assert!(Accepted::parse("").unwrap().is_empty());
    }

    #[test]
    fn stale_ones_are_those_no_finding_matched_in_file_order() {
        let a = Accepted::parse("id,reason,accepted_by,accepted_on\nF00000000003,c,,\nF00000000001,a,,\nF00000000002,b,,\nF00000000001,again,,\n").unwrap();
        let matched = ["F00000000001".to_string()].into_iter().collect();
        let stale: Vec<&str> = a.stale(&matched).iter().map(|e| e.id.as_str()).collect();
        assert_eq!(stale, ["F00000000003", "F00000000002"]);
        assert_eq!(a.get("F00000000001").unwrap().reason, "a");
    }

    #[test]
    fn appending_keeps_the_file_whole_and_readable() {
        let dir = std::env::temp_dir().join(format!("gid-accepted-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("accepted.csv");
        let added = append(
            &path,
            &["F0123456789a".into()],
            "已核实，口径",
            "王",
            "2026-12-03",
        )
        .unwrap();
        assert_eq!(added, ["F0123456789a"]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBFid,reason,accepted_by,accepted_on\r\n"));
        // Again, with one known id: only the new one is added.
        let added = append(
            &path,
            &["F0123456789a".into(), "Fabcdefabcde".into()],
            "b",
            "李",
            "2026-12-04",
        )
        .unwrap();
        assert_eq!(added, ["Fabcdefabcde"]);
        let a = Accepted::load(&path).unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.get("F0123456789a").unwrap().reason, "已核实，口径");
        // A GBK file saved by Excel is written back as UTF-8, nothing lost.
        let (gbk, _, _) = encoding_rs::GBK
            .encode("id,reason,accepted_by,accepted_on\r\nF00000000001,旧的,张,2026-01-01\r\n");
        std::fs::write(&path, &gbk).unwrap();
        append(&path, &["F00000000002".into()], "新的", "王", "2026-12-03").unwrap();
        let a = Accepted::load(&path).unwrap();
        assert_eq!(a.get("F00000000001").unwrap().reason, "旧的");
        assert_eq!(a.get("F00000000002").unwrap().reason, "新的");
        // Not there yet, in a folder that is: nothing accepted. In a folder that is not: an error.
        assert!(Accepted::load(&dir.join("none.csv")).unwrap().is_empty());
        assert!(matches!(
            Accepted::load(&dir.join("gone/none.csv")),
            Err(AcceptedError::NoFolder(_))
        ));
        // A folder that is not there cannot be written to: said as a write, nothing half-made.
        assert!(matches!(
            append(
                &dir.join("gone/a.csv"),
                &["F00000000003".into()],
                "r",
                "b",
                "d"
            ),
            Err(AcceptedError::Write(..))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
