//! Outputs: one [`Export`] per file, all rendered in memory first, then written together as a
//! new set that replaces the last one whole ([`set`]), under a run lock ([`lock`]).

pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod lock;
pub(crate) mod manifest;
pub(crate) mod marker;
pub(crate) mod notice;
pub(crate) mod official;
pub(crate) mod parquet;
pub(crate) mod set;
pub(crate) mod summary;
pub(crate) mod terminal;
pub(crate) mod todo;
pub(crate) mod xlsx;

use crate::aggregate::Rollup;
use crate::input::discover::PassedOver;
use crate::ledger::{Findings, Listed};
use std::path::PathBuf;

/// This tool's own files, told by their marks: what discovery passes over.
pub struct Marks;

impl crate::input::discover::OwnFiles for Marks {
    fn is_output_dir(&self, path: &std::path::Path) -> bool {
        marker::is_output_dir(path)
    }

    fn is_output_file(&self, path: &std::path::Path) -> bool {
        marker::is_own_output(path)
    }

    fn is_lock_file(&self, path: &std::path::Path) -> bool {
        lock::is_lock_file(path)
    }

    fn is_accepted_file(&self, path: &std::path::Path) -> bool {
        crate::ledger::accepted::is_accepted_file(path)
    }
}

/// What is known of the run apart from its roll-up and notes.
pub struct RunInfo<'a> {
    pub version: &'static str,
    pub arguments: Vec<String>,
    pub started: String,
    pub passed_over: &'a PassedOver,
    pub cache: Option<crate::input::cache::CacheCounts>,
    /// What changed since the last run (none on the first night).
    pub since: Option<crate::office::since::Since>,
    /// This year beside last year's (with `--previous`).
    pub yoy: Option<crate::office::previous::YearOnYear>,
    /// The office's contact line for the notices (`--contact`).
    pub contact: Option<String>,
}

impl RunInfo<'_> {
    /// What the writers see, finished now.
    pub fn record<'b>(
        &'b self,
        rollup: &'b Rollup,
        findings: &'b Findings<'b>,
        notes: &'b [String],
    ) -> RunRecord<'b> {
        RunRecord {
            rollup,
            findings,
            version: self.version,
            arguments: self.arguments.clone(),
            started: self.started.clone(),
            finished: crate::util::timefmt::now(),
            passed_over: self.passed_over,
            notes,
            cache: self.cache,
            since: self.since.as_ref(),
            yoy: self.yoy.as_ref(),
            todo: None,
            notices: None,
        }
    }
}

/// What a writer sees of the run.
pub struct RunRecord<'a> {
    pub rollup: &'a Rollup,
    /// Every finding of the run, finished (ordered, with ids and acceptances).
    pub findings: &'a Findings<'a>,
    pub version: &'static str,
    pub arguments: Vec<String>,
    pub started: String,
    pub finished: String,
    /// What discovery did not read as reports.
    pub passed_over: &'a PassedOver,
    /// Run-level warnings and notes, one bilingual line each (a year few reports match, a lock
    /// taken over): shown at the top of the summary, the page and the terminal.
    pub notes: &'a [String],
    /// Reports taken from the record cache and reports read, when there is a cache.
    pub cache: Option<crate::input::cache::CacheCounts>,
    pub since: Option<&'a crate::office::since::Since>,
    pub yoy: Option<&'a crate::office::previous::YearOnYear>,
    /// The to-do list, made once for every view (made by the view when absent).
    pub todo: Option<&'a todo::Todo>,
    /// Each unit's notice (the page prints them), when they were made.
    pub notices: Option<&'a [notice::Notice]>,
}

impl RunRecord<'_> {
    /// The to-do list: the one made for the run, or made now.
    pub fn todo(&self) -> Result<std::borrow::Cow<'_, todo::Todo>, OutputError> {
        match self.todo {
            Some(t) => Ok(std::borrow::Cow::Borrowed(t)),
            None => Ok(std::borrow::Cow::Owned(todo::todo(
                self.rollup,
                self.findings,
            )?)),
        }
    }
}

/// An output error.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot create output folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot render {name}: {message}")]
    Render { name: &'static str, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("cannot read the reports' findings back from the temporary file: {0}")]
    Spill(std::io::Error),
    #[error("输出文件夹 {path} 中有不是本工具写的内容（{what}），为免误删未写入；请换一个空文件夹或新文件夹 / the output folder {path} holds what this tool did not write ({what}); nothing was written so that it is not lost — choose an empty or a new folder")]
    NotOurs { path: PathBuf, what: String },
    #[error("输出未更新：写入 {path} 失败（{source}）；{out} 中上次的输出保持不变 / outputs not updated: writing {path} failed ({source}); the previous outputs in {out} are unchanged")]
    NotPublished {
        out: PathBuf,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How many units and findings the views for people (`summary.md`, `report.html`,
/// `district.xlsx`) list one by one; the data files (`units.csv`, `findings.csv`,
/// `units.parquet`) list every one. Keeps the views readable, and their size and the memory to
/// make them bounded, at a province's scale.
pub const VIEW_UNITS: usize = 2_000;
pub const VIEW_FINDINGS: usize = 5_000;

/// The findings a view lists (the first [`VIEW_FINDINGS`] in `findings.csv` order) and how many
/// there are in all.
pub fn view_findings<'a>(
    findings: &'a Findings<'_>,
) -> Result<(Vec<Listed<'a>>, usize), OutputError> {
    let all = findings.count_all();
    let listed = findings
        .all()
        .take(VIEW_FINDINGS)
        .collect::<Result<Vec<_>, _>>()
        .map_err(OutputError::Spill)?;
    Ok((listed, all))
}

/// The listed findings as the views show them: one group per unit's file (then the district's
/// own, and the published aggregate's), units with errors first, then in roster order; within
/// a group, errors first. Each group: its unit, its source, its findings.
pub type Group<'a, 'b> = (Option<usize>, String, Vec<&'b Listed<'a>>);

pub fn grouped<'a, 'b>(
    r: &crate::aggregate::Rollup,
    listed: &'b [Listed<'a>],
) -> Vec<Group<'a, 'b>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut at: std::collections::HashMap<(Option<usize>, &str), usize> = Default::default();
    for f in listed {
        let key = (
            f.unit_index,
            if f.unit_index.is_some() {
                ""
            } else {
                f.source.as_str()
            },
        );
        let g = *at.entry(key).or_insert_with(|| {
            groups.push((f.unit_index, f.source.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[g].2.push(f);
    }
    let worst = |list: &[&Listed]| list.iter().map(|f| f.severity()).max();
    groups.sort_by_cached_key(|(unit, source, list)| {
        (
            std::cmp::Reverse(worst(list)),
            unit.is_none(),
            unit.and_then(|i| r.units[i].roster).unwrap_or(usize::MAX),
            *unit,
            source.clone(),
        )
    });
    for g in &mut groups {
        g.2.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    }
    groups
}

/// The line under a view's list when it does not list everything.
pub fn more_line(listed: usize, all: usize, file: &str) -> Option<(String, String)> {
    (all > listed).then(|| {
        (
            format!("此处只列出前 {listed} 项（共 {all} 项），全部见 {file}"),
            format!("only the first {listed} of {all} are listed here; all are in {file}"),
        )
    })
}

/// One output file.
pub trait Export: Sync {
    fn file_name(&self) -> &'static str;
    /// Write the whole file to `out` (buffered by the caller).
    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError>;
    /// A view for people (the workbook, the page): when it cannot be made, the run says so
    /// (OUTPUT_FAILED) and writes every other output.
    fn optional(&self) -> bool {
        false
    }
}

/// The whole file in memory (the views, which are bounded by design).
pub fn render(export: &dyn Export, run: &RunRecord) -> Result<Vec<u8>, OutputError> {
    let mut buf = Vec::new();
    export.write(run, &mut buf)?;
    Ok(buf)
}

/// Every output of a run, in the order they are written.
pub fn all_exports() -> Vec<Box<dyn Export>> {
    vec![
        Box::new(csv::UnitsCsv),
        Box::new(csv::DistrictCsv),
        Box::new(csv::FindingsCsv),
        Box::new(parquet::UnitsParquet),
        Box::new(summary::SummaryMd),
        Box::new(xlsx::DistrictXlsx),
        Box::new(html::ReportHtml),
        Box::new(manifest::Manifest),
    ]
}

/// The names this tool writes into `--out`.
pub fn output_names() -> Vec<&'static str> {
    all_exports().iter().map(|e| e.file_name()).collect()
}

/// Make and publish a run's outputs (`exports`, normally [`all_exports`]). The views for people
/// (`optional()`) are made in memory first; one that cannot be made becomes a finding
/// (OUTPUT_FAILED) and a note in `notes`, and every other output is still written. Then the
/// data files are streamed into the new set, which replaces the last one whole; a failure
/// there leaves the last set as it was.
pub fn publish<'r>(
    out: &set::OutSet,
    r: &'r Rollup,
    findings: Findings<'r>,
    info: &RunInfo,
    notes: &mut Vec<String>,
    exports: &[Box<dyn Export>],
) -> Result<(Findings<'r>, todo::Todo), OutputError> {
    let limits = view_limits(r, &findings);
    let findings = findings
        .with(limits.into_iter().collect())
        .map_err(OutputError::Spill)?;
    // The to-do list once, for every view and the terminal; each unit's notice from it.
    let mut todo = todo::todo(r, &findings)?;
    let notices = notice::notices(r, &findings, &todo, info.contact.as_deref())?;
    let (extra, sent) = notice::files(&notices, out.dir());
    todo.notices = sent;
    let views: Vec<(&'static str, Result<Vec<u8>, OutputError>)> = {
        let mut run = info.record(r, &findings, notes);
        run.todo = Some(&todo);
        run.notices = Some(&notices);
        use rayon::prelude::*;
        exports
            .par_iter()
            .with_max_len(1)
            .filter(|e| e.optional())
            .map(|e| (e.file_name(), render(e.as_ref(), &run)))
            .collect()
    };
    let mut made = Vec::new();
    let mut failed = Vec::new();
    for (name, view) in views {
        match view {
            Ok(bytes) => made.push((name, bytes)),
            Err(e) => {
                let finding = view_failed(name, &e, r.district());
                notes.push(finding.message().line().to_string());
                failed.push(finding);
            }
        }
    }
    let findings = findings.with(failed).map_err(OutputError::Spill)?;
    // The data files and the summary see the same to-do list and notices as the views.
    let mut run = info.record(r, &findings, notes);
    run.todo = Some(&todo);
    run.notices = Some(&notices);
    write_all(out, &run, made, exports, &extra)?;
    Ok((findings, todo))
}

/// Write a new output set: the data files streamed into it, the views made before
/// (`views`: those that could be made) — then replace the last set whole. A failure leaves
/// the last set as it was.
fn write_all(
    out: &set::OutSet,
    run: &RunRecord,
    views: Vec<(&'static str, Vec<u8>)>,
    exports: &[Box<dyn Export>],
    extra: &[(String, Vec<u8>)],
) -> Result<(), OutputError> {
    let mut files: Vec<(&'static str, set::Content)> = Vec::new();
    for e in exports {
        if e.optional() {
            if let Some(i) = views.iter().position(|(n, _)| *n == e.file_name()) {
                files.push((e.file_name(), set::Content::Bytes(&views[i].1)));
            }
        } else {
            files.push((e.file_name(), set::Content::Export(e.as_ref(), run)));
        }
    }
    out.publish_with(&files, extra)
}

/// A note (and finding) when the views list only part of the units or findings.
pub fn view_limits(r: &Rollup, all: &Findings) -> Option<crate::finding::Finding> {
    let findings: usize = all.count_all();
    let units = r.units.len();
    if units <= VIEW_UNITS && findings < VIEW_FINDINGS {
        return None;
    }
    Some(crate::finding::Finding {
        source: String::new(),
        unit: r.district().to_string(),
        check: crate::finding::Check::OutputLimited,
        cells: vec![],
        said: crate::finding::Said::ViewsLimited {
            units,
            findings: findings + 1,
            view_units: VIEW_UNITS,
            view_findings: VIEW_FINDINGS,
        },
        place: String::new(),
        facts: Vec::new(),
    })
}

/// The finding and note when a view could not be made.
pub fn view_failed(name: &str, e: &OutputError, district: &str) -> crate::finding::Finding {
    crate::finding::Finding {
        source: String::new(),
        unit: district.to_string(),
        check: crate::finding::Check::OutputFailed,
        cells: vec![],
        said: crate::finding::Said::ViewFailed {
            file: name.to_string(),
            error: e.to_string(),
        },
        place: String::new(),
        facts: vec![name.to_string()],
    }
}

#[cfg(test)]
mod tests;

/// Text for Markdown (`summary.md`): names, files and messages from the inputs are data, so
/// the characters Markdown would read as markup are escaped, and those HTML would read (a
/// Markdown viewer passes HTML through) are entities; a line break is a space.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // `_` inside a word (`32_统计局`) is never emphasis: left as it is, for legibility.
        let inside_word = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '_' if inside_word => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span (a file name, an id) holding `s` whatever its backticks: the fence is longer than
/// any run of them inside, and nothing in a code span is markup or HTML.
pub fn md_code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let (mut run, mut longest) = (0usize, 0usize);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// The reports in the top's total but not the district's own (off the roster), each with what
/// it would add — said apart in every view, so that the district's total is never confused
/// with the top's: `None` when there are none.
pub fn off_own_line(r: &crate::aggregate::Rollup) -> Option<(String, String)> {
    use crate::template::cells;
    let off = r.off_own();
    if off.is_empty() {
        return None;
    }
    let own = r.own();
    // Each unit's name and what it would add: new, processed, carried forward.
    let figures: Vec<(String, [Option<String>; 3])> = off
        .iter()
        .map(|u| {
            let n = |c: crate::template::CellRef| u.number_of(c).map(|d| d.plain());
            (
                u.name().into_owned(),
                [
                    n(cells::NEW_RECEIVED),
                    n(cells::TOTAL_PROCESSED),
                    n(cells::CARRIED_FORWARD),
                ],
            )
        })
        .collect();
    let or = |v: &Option<String>, blank: &str| v.clone().unwrap_or_else(|| blank.to_string());
    let zh: Vec<String> = figures
        .iter()
        .map(|(name, [a, b, c])| {
            format!(
                "{name}（新收申请{}件，办理{}件，结转下年{}件）",
                or(a, "空白"),
                or(b, "空白"),
                or(c, "空白")
            )
        })
        .collect();
    let en: Vec<String> = figures
        .iter()
        .map(|(name, [a, b, c])| {
            format!(
                "{name} ({} new, {} processed, {} carried forward)",
                or(a, "blank"),
                or(b, "blank"),
                or(c, "blank")
            )
        })
        .collect();
    Some((
        format!(
            "名册外单位{}个，未计入{}（只计入上级{}的合计）：{}",
            off.len(),
            own.totals_zh(),
            r.top().name,
            zh.join("；")
        ),
        format!(
            "{} unit(s) off the roster, not in the {} totals (only in {}'s): {}",
            off.len(),
            own.name,
            r.top().name,
            en.join("; ")
        ),
    ))
}

/// How the views title a level's totals: the district's own plainly; the top above it as what
/// it is (its total holds the reports off the roster).
pub fn level_heading(
    r: &crate::aggregate::Rollup,
    l: &crate::aggregate::Level,
) -> (String, String) {
    if r.is_above_own(l) {
        let off = r.off_own().len();
        (
            format!(
                "{}（名册顶层，{}个单位，含名册外单位{off}个；不是{}合计）",
                l.totals_zh(),
                l.included,
                r.own().name
            ),
            format!(
                "totals of the roster's top {} ({} units, {off} of them off the roster; not {}'s totals)",
                l.name,
                l.included,
                r.own().name
            ),
        )
    } else {
        (
            format!("{}（{}个单位）", l.totals_zh(), l.included),
            if l.name == crate::aggregate::DISTRICT {
                format!("totals ({} units)", l.included)
            } else {
                format!("totals of {} ({} units)", l.name, l.included)
            },
        )
    }
}
