//! A notice for each unit (`通知/<unit>.txt`): what the unit must correct or verify, in full and
//! in the template's words, its deadline and the office's contact line (`--contact`), ready to
//! be sent; and `通知/清单.csv`, the list of notices with what changed since the last night.
//!
//! A notice holds nothing of the run itself (no run time, no days left): it is byte-identical
//! from night to night while nothing about its unit changed, so a mail script sends only the
//! changed ones (`清单.csv`'s `changed`). The days left change daily; they are in `清单.csv`
//! and the page.

use super::todo::{self, Item, Missing, Sent, Todo};
use super::OutputError;
use crate::aggregate::Rollup;
use crate::finding::Severity;
use crate::ledger::Findings;
use crate::util::date::Date;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The folder of the notices in `--out`.
pub const DIR: &str = "通知";
/// The list of notices.
pub const LIST: &str = "清单.csv";
/// A notice's first line (and the mark by which this tool knows its own notices).
pub const HEAD: &str = "政府信息公开工作年度报告审核通知（gid-rollup）";
/// `清单.csv`'s header (also its mark).
pub const LIST_HEAD: &str = "unit,file,errors,to_verify,deadline,days_left,changed";

/// One unit's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The roster body's name, else the unit's own.
    pub unit: String,
    /// Its file name in `通知/`.
    pub file: String,
    pub errors: usize,
    pub to_verify: usize,
    pub due: Option<Date>,
    pub text: String,
}

/// What a unit's notice is made of.
#[derive(Default)]
struct Draft {
    /// Its report files, with their items.
    files: BTreeMap<String, Vec<Item>>,
    routine: usize,
    missing: Option<Missing>,
    due: Option<Date>,
    /// Where it stands in the roster (then files on no body, in path order).
    order: Option<(usize, usize)>,
}

impl Draft {
    /// Its place: the first of its files' or body's.
    fn place(&mut self, key: (usize, usize)) {
        self.order = Some(self.order.map_or(key, |o| o.min(key)));
    }
}

/// Every unit's notice, in roster order: units with something to correct or verify (every item,
/// not only the views' first ones) and the bodies with no report.
pub fn notices(
    r: &Rollup,
    findings: &Findings,
    todo: &Todo,
    contact: Option<&str>,
) -> Result<Vec<Notice>, OutputError> {
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    let name_of = |i: usize| {
        let u = &r.units[i];
        r.roster_name(u)
            .map_or_else(|| u.name().into_owned(), str::to_string)
    };
    for f in findings.all() {
        let f = f.map_err(OutputError::Spill)?;
        let Some(i) = f.unit_index else {
            continue;
        };
        if !todo::actionable(&f) || f.check.is_for_office() {
            continue;
        }
        let u = &r.units[i];
        let d = drafts.entry(name_of(i)).or_default();
        d.place((u.roster.unwrap_or(usize::MAX), i));
        if d.due.is_none() {
            d.due = r.due_date(u);
        }
        if todo::routine(&f) {
            d.routine += 1;
        } else {
            d.files
                .entry(file_name(&u.source))
                .or_default()
                .push(todo::item(&f));
        }
    }
    drafts.retain(|_, d| !d.files.is_empty());
    for m in todo.not_reported() {
        let body = r.roster_nodes.iter().position(|n| *n == m.name);
        let d = drafts.entry(m.name.clone()).or_default();
        d.place((body.unwrap_or(usize::MAX), 0));
        d.due = m.due.map(|(date, _)| date).or(d.due);
        d.missing = Some(m.clone());
    }
    let mut list: Vec<(String, Draft)> = drafts.into_iter().collect();
    list.sort_by(|a, b| (a.1.order, &a.0).cmp(&(b.1.order, &b.0)));
    let mut taken = std::collections::HashSet::new();
    Ok(list
        .into_iter()
        .map(|(unit, mut d)| {
            for items in d.files.values_mut() {
                items.sort_by_key(|i| std::cmp::Reverse(i.severity));
            }
            let items = d.files.values().flatten();
            let errors = items
                .clone()
                .filter(|i| i.severity == Severity::Error)
                .count();
            let to_verify = items.count() - errors;
            let file = unique(&mut taken, &unit);
            let text = text(&unit, r.year, &d, contact);
            Notice {
                unit,
                file,
                errors,
                to_verify,
                due: d.due,
                text,
            }
        })
        .collect())
}

/// A report's file name (the notice names the file, not the office's folders).
fn file_name(source: &str) -> String {
    Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A file name for the unit's notice: its name with what a file system refuses replaced, cut
/// to a length every system takes, made unique.
fn unique(taken: &mut std::collections::HashSet<String>, unit: &str) -> String {
    let mut base: String = unit
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    base = base.trim().trim_start_matches('.').to_string();
    if base.is_empty() {
        base = "单位".to_string();
    }
    let mut name = format!("{base}.txt");
    let mut n = 2;
    while !taken.insert(name.clone()) || name == LIST {
        name = format!("{base}_{n}.txt");
        n += 1;
    }
    name
}

const NUMERALS: [&str; 3] = ["一", "二", "三"];

fn text(unit: &str, year: Option<i32>, d: &Draft, contact: Option<&str>) -> String {
    let mut s = String::new();
    let year_zh = year.map(|y| format!("{y}年度")).unwrap_or_default();
    let _ = writeln!(s, "{HEAD}\n");
    let _ = writeln!(s, "致：{unit}");
    let files: Vec<&str> = d.files.keys().map(String::as_str).collect();
    if files.is_empty() {
        let _ = writeln!(s, "事由：{year_zh}政府信息公开工作年度报告未报送");
    } else {
        let _ = writeln!(
            s,
            "事由：{year_zh}政府信息公开工作年度报告审核意见（文件：{}）",
            files.join("、")
        );
    }
    if let Some(due) = d.due {
        let _ = writeln!(s, "截止日期：{due}");
    }
    s.push('\n');
    let mut part = 0;
    let mut heading = |s: &mut String, title: &str| {
        let _ = writeln!(
            s,
            "{}、{title}",
            NUMERALS.get(part).copied().unwrap_or("又")
        );
        part += 1;
    };
    // A body whose file could not be read has that file's items: they say what to do.
    if let Some(m) = d.missing.as_ref().filter(|_| d.files.is_empty()) {
        heading(&mut s, "未收到报告");
        if m.sent.is_empty() {
            let _ = writeln!(
                s,
                "尚未收到贵单位{year_zh}政府信息公开工作年度报告。请于截止日期前在本单位政府信息公开专栏发布，并告知我们。"
            );
        } else {
            let _ = writeln!(
                s,
                "收到的文件未能计入：{}。请发布可读取的{year_zh}报告，并告知我们。",
                m.sent
                    .iter()
                    .map(|x| file_line(x))
                    .collect::<Vec<_>>()
                    .join("；")
            );
        }
        s.push('\n');
    }
    let several = d.files.len() > 1;
    for (severity, title) in [(Severity::Error, "须更正"), (Severity::Warning, "请核实")] {
        let items: Vec<(&String, &Item)> = d
            .files
            .iter()
            .flat_map(|(f, items)| items.iter().map(move |i| (f, i)))
            .filter(|(_, i)| (i.severity == Severity::Error) == (severity == Severity::Error))
            .collect();
        if items.is_empty() {
            continue;
        }
        heading(&mut s, &format!("{title}（{}项）", items.len()));
        for (n, (f, i)) in items.iter().enumerate() {
            let file = if several {
                format!("〔{f}〕")
            } else {
                String::new()
            };
            let _ = writeln!(s, "{}. {file}{}", n + 1, i.detail());
        }
        s.push('\n');
    }
    if d.routine > 0 {
        let _ = writeln!(
            s,
            "另有供参考事项{}项（结转下年、复议或诉讼未审结、按元填写已换算），无须更正。\n",
            d.routine
        );
    }
    if !d.files.is_empty() {
        s.push_str("请更正后重新发布，并告知我们；“请核实”的事项如确认无误，请说明理由。\n");
    }
    if let Some(c) = contact.map(str::trim).filter(|c| !c.is_empty()) {
        let _ = writeln!(s, "联系：{c}");
    }
    s
}

/// `32_统计局.doc：文件无法读取` with the folders left out of the file's path.
fn file_line(sent: &str) -> String {
    match sent.split_once('：') {
        Some((path, why)) => format!("{}（{why}）", file_name(path)),
        None => sent.to_string(),
    }
}

/// What changed of a notice since last night's set (`清单.csv`'s `changed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    New,
    Changed,
    Unchanged,
    /// Last night's notice has none tonight: everything in it was settled.
    Resolved,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Changed => "changed",
            Change::Unchanged => "unchanged",
            Change::Resolved => "resolved",
        }
    }

    /// A notice against last night's (`last`: its `通知` folder).
    fn of(last: &Path, n: &Notice) -> Change {
        match std::fs::read(last.join(&n.file)) {
            Ok(bytes) if bytes == n.text.as_bytes() => Change::Unchanged,
            Ok(_) => Change::Changed,
            Err(_) => Change::New,
        }
    }
}

/// The files of `通知/`: each notice, and `清单.csv` (one row per notice; then a row `resolved`
/// for each of last night's notices that has none tonight). `last` is last night's `--out`.
pub fn files(notices: &[Notice], last: &Path) -> (Vec<(String, Vec<u8>)>, Sent) {
    let last = last.join(DIR);
    let today = Date::today();
    let mut list = format!("\u{FEFF}{LIST_HEAD}\n");
    let mut sent = Sent {
        all: notices.len(),
        ..Sent::default()
    };
    let row = |fields: [String; 7]| -> String {
        let cells: Vec<String> = fields
            .iter()
            .map(|f| crate::util::csvread::field(f))
            .collect();
        format!("{}\n", cells.join(","))
    };
    for n in notices {
        let days = n
            .due
            .zip(today)
            .map_or(String::new(), |(due, t)| t.days_to(due).to_string());
        let what = Change::of(&last, n);
        if what != Change::Unchanged {
            sent.to_send += 1;
        }
        list.push_str(&row([
            n.unit.clone(),
            n.file.clone(),
            n.errors.to_string(),
            n.to_verify.to_string(),
            n.due.map(|d| d.to_string()).unwrap_or_default(),
            days,
            what.name().to_string(),
        ]));
    }
    let now: std::collections::HashSet<&str> = notices.iter().map(|n| n.file.as_str()).collect();
    let mut gone: Vec<String> = std::fs::read_dir(&last)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|f| f.ends_with(".txt") && !now.contains(f.as_str()))
                .collect()
        })
        .unwrap_or_default();
    gone.sort();
    sent.resolved = gone.len();
    for f in gone {
        let unit = f.trim_end_matches(".txt").to_string();
        list.push_str(&row([
            unit,
            f,
            "0".into(),
            "0".into(),
            String::new(),
            String::new(),
            Change::Resolved.name().to_string(),
        ]));
    }
    let mut out: Vec<(String, Vec<u8>)> = notices
        .iter()
        .map(|n| (format!("{DIR}/{}", n.file), n.text.clone().into_bytes()))
        .collect();
    out.push((format!("{DIR}/{LIST}"), list.into_bytes()));
    (out, sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_names_are_safe_and_unique() {
        let mut taken = Default::default();
        assert_eq!(unique(&mut taken, "临江区教育局"), "临江区教育局.txt");
        assert_eq!(unique(&mut taken, "临江区教育局"), "临江区教育局_2.txt");
        assert_eq!(unique(&mut taken, "a/b:c*"), "a_b_c_.txt");
        assert_eq!(unique(&mut taken, ".隐藏"), "隐藏.txt");
        assert_eq!(unique(&mut taken, "..."), "单位.txt");
        assert_eq!(unique(&mut taken, "清单.csv"), "清单.csv.txt");
    }
}
