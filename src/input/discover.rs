//! Find the report files under the inputs: files as given, folders searched recursively, in
//! sorted order. Directory loops and unreadable entries become findings, never a silent skip.
//! What is not a report — this tool's own outputs (by folder, and by the mark in each file), its
//! run lock, Office lock files, system, temporary and hidden files — is passed over and counted.

use crate::finding::{Check, Finding, Said};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Report files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Problems met on the way (loops, unreadable folders), with their paths as sources.
    pub findings: Vec<Finding>,
    /// What was not read, and why.
    pub passed_over: PassedOver,
}

/// Why a file was not read as a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// Written by this tool: an output folder, or a file with this tool's mark.
    OutputFile,
    /// This tool's run lock.
    RunLock,
    /// `~$name.docx`, `.~lock.name#`: Office and LibreOffice keep them while a file is open.
    OfficeLock,
    /// `Thumbs.db`, `desktop.ini`, `.DS_Store` and the like.
    SystemFile,
    /// `*.tmp`, partial downloads.
    TempFile,
    /// Other names starting with `.`.
    Hidden,
    /// This tool's record cache (a folder with its `CACHEDIR.TAG`).
    RecordCache,
    /// The office's accepted-findings file (known by its header).
    AcceptedFindings,
}

impl Skip {
    pub const ALL: [Skip; 8] = [
        Skip::OutputFile,
        Skip::RunLock,
        Skip::OfficeLock,
        Skip::SystemFile,
        Skip::TempFile,
        Skip::Hidden,
        Skip::RecordCache,
        Skip::AcceptedFindings,
    ];

    /// Machine name (manifest key).
    pub fn key(self) -> &'static str {
        match self {
            Skip::OutputFile => "output_file",
            Skip::RunLock => "run_lock",
            Skip::OfficeLock => "office_lock",
            Skip::SystemFile => "system_file",
            Skip::TempFile => "temporary_file",
            Skip::Hidden => "hidden",
            Skip::RecordCache => "record_cache",
            Skip::AcceptedFindings => "accepted_findings",
        }
    }

    /// Chinese name, and English singular and plural.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Skip::OutputFile => ("本工具的输出文件", "output file", "output files"),
            Skip::RunLock => ("运行锁文件", "run lock file", "run lock files"),
            Skip::OfficeLock => ("Office锁定文件", "Office lock file", "Office lock files"),
            Skip::SystemFile => ("系统文件", "system file", "system files"),
            Skip::TempFile => ("临时文件", "temporary file", "temporary files"),
            Skip::Hidden => ("隐藏文件", "hidden file", "hidden files"),
            Skip::RecordCache => (
                "本工具的记录缓存文件夹",
                "record cache folder",
                "record cache folders",
            ),
            Skip::AcceptedFindings => (
                "已接受问题文件",
                "accepted-findings file",
                "accepted-findings files",
            ),
        }
    }
}

/// The files passed over, sorted by path.
#[derive(Debug, Default, Clone)]
pub struct PassedOver {
    pub entries: Vec<(PathBuf, Skip)>,
}

impl PassedOver {
    pub fn counts(&self) -> BTreeMap<Skip, usize> {
        let mut m = BTreeMap::new();
        for (_, k) in &self.entries {
            *m.entry(*k).or_default() += 1;
        }
        m
    }

    /// "已跳过：本工具的输出文件8个、Office锁定文件1个 / passed over: 8 output files, 1 Office
    /// lock file"; `None` when nothing was passed over.
    pub fn describe(&self) -> Option<String> {
        let counts = self.counts();
        if counts.is_empty() {
            return None;
        }
        let zh: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{}{n}个", k.words().0))
            .collect();
        let en: Vec<String> = counts
            .iter()
            .map(|(k, n)| {
                let (_, one, many) = k.words();
                format!("{n} {}", if *n == 1 { one } else { many })
            })
            .collect();
        Some(crate::finding::note(
            format!("已跳过：{}", zh.join("、")),
            format!("passed over: {}", en.join(", ")),
        ))
    }
}

/// What discovery knows of this tool's own files — its output sets, their files, its run lock —
/// which are never read as reports, wherever they sit: told by their marks (`output::marker`
/// gives them, being what writes them).
pub trait OwnFiles: Sync {
    /// A folder of this tool's outputs.
    fn is_output_dir(&self, path: &Path) -> bool;
    /// A file this tool wrote (an output, under any name).
    fn is_output_file(&self, path: &Path) -> bool;
    /// A run lock this tool holds or left.
    fn is_lock_file(&self, path: &Path) -> bool;
    /// An accepted-findings file (by its header), wherever it sits.
    fn is_accepted_file(&self, path: &Path) -> bool;
}

/// What a run must not read besides the junk every office folder holds and what carries this
/// tool's marks (`own`): its own output folders (`--out`, the previous set beside it), also
/// before they hold a manifest.
#[derive(Clone)]
pub struct Exclude<'a> {
    /// How this tool's own files are told.
    pub own: &'a dyn OwnFiles,
    /// Folders (canonical paths) whose files are outputs.
    pub output_dirs: Vec<PathBuf>,
    /// The record cache folder (canonical), also before it carries its tag.
    pub cache_dirs: Vec<PathBuf>,
    /// Files read as reports last time and unchanged since (the record cache's index): their
    /// content is not opened to see whether this tool wrote them.
    pub known_report: Option<&'a KnownReport<'a>>,
}

impl<'a> Exclude<'a> {
    /// Nothing to leave out but this tool's own files (told by `own`) and the junk.
    pub fn own_files(own: &'a dyn OwnFiles) -> Exclude<'a> {
        Exclude {
            own,
            output_dirs: Vec::new(),
            cache_dirs: Vec::new(),
            known_report: None,
        }
    }
}

/// Whether the file at a path, with this metadata, was read as a report last time and has not
/// changed since.
pub type KnownReport<'a> = dyn Fn(&Path, &fs::Metadata) -> bool + 'a;

/// Walk `inputs`, passing over what is not a report (see [`Skip`]).
pub fn discover(inputs: &[PathBuf], exclude: &Exclude<'_>) -> Discovered {
    let mut out = Discovered::default();
    for input in inputs {
        let mut ancestors = HashSet::new();
        walk(input, exclude, &mut ancestors, &mut out, 0);
    }
    out.files.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out.files.dedup();
    out.findings.sort_by(|a, b| a.source.cmp(&b.source));
    out.passed_over
        .entries
        .sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    out.passed_over.entries.dedup();
    out
}

/// What a file's name alone says it is, if not a report.
pub fn skip_by_name(name: &str) -> Option<Skip> {
    let lower = name.to_lowercase();
    if name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#')) {
        return Some(Skip::OfficeLock);
    }
    if matches!(
        lower.as_str(),
        "thumbs.db" | "ehthumbs.db" | "desktop.ini" | ".ds_store" | "icon\r" | ".directory"
    ) || lower.starts_with("._")
    {
        return Some(Skip::SystemFile);
    }
    if [".tmp", ".temp", ".crdownload", ".part", ".partial"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Some(Skip::TempFile);
    }
    if name.starts_with('.') {
        return Some(Skip::Hidden);
    }
    None
}

const MAX_DEPTH: usize = 64;

fn problem(path: &Path, said: Said) -> Finding {
    Finding {
        source: crate::util::pathtext::path_text(path),
        unit: String::new(),
        check: Check::Unparseable,
        cells: vec![],
        said,
        place: String::new(),
        facts: Vec::new(),
    }
}

fn walk(
    path: &Path,
    exclude: &Exclude<'_>,
    ancestors: &mut HashSet<PathBuf>,
    out: &mut Discovered,
    depth: usize,
) {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = fs::symlink_metadata(path).is_ok();
            out.findings.push(problem(
                path,
                Said::Unreachable {
                    dangling,
                    error: e.to_string(),
                },
            ));
            return;
        }
    };
    if meta.is_file() {
        let known = exclude.known_report.is_some_and(|k| k(path, &meta));
        match classify_file(path, known, exclude.own) {
            Some(skip) => out.passed_over.entries.push((path.to_path_buf(), skip)),
            None => out.files.push(path.to_path_buf()),
        }
        return;
    }
    if !meta.is_dir() {
        out.findings.push(problem(path, Said::NotAFile));
        return;
    }
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if meta.is_dir()
        && (exclude.cache_dirs.contains(&canonical) || crate::input::cache::is_cache_dir(path))
    {
        out.passed_over
            .entries
            .push((path.to_path_buf(), Skip::RecordCache));
        return;
    }
    if meta.is_dir()
        && (exclude.output_dirs.contains(&canonical) || exclude.own.is_output_dir(path))
    {
        pass_over_output_dir(path, out);
        return;
    }
    if depth > MAX_DEPTH || !ancestors.insert(canonical.clone()) {
        out.findings.push(problem(
            path,
            Said::FolderLoop {
                path: crate::util::pathtext::path_text(path),
            },
        ));
        return;
    }
    match fs::read_dir(path) {
        Ok(entries) => {
            let mut children = Vec::new();
            for entry in entries {
                match entry {
                    Ok(e) => {
                        let name = e.file_name().to_string_lossy().into_owned();
                        // Hidden folders are passed over whole; files are classified below.
                        let hidden_dir =
                            name.starts_with('.') && e.file_type().is_ok_and(|t| t.is_dir());
                        if hidden_dir {
                            out.passed_over.entries.push((e.path(), Skip::Hidden));
                        } else {
                            children.push(e.path());
                        }
                    }
                    Err(e) => out.findings.push(problem(
                        path,
                        Said::FolderEntryUnreadable {
                            error: e.to_string(),
                        },
                    )),
                }
            }
            children.sort();
            for child in children {
                walk(&child, exclude, ancestors, out, depth + 1);
            }
        }
        Err(e) => out.findings.push(problem(
            path,
            Said::FolderUnreadable {
                error: e.to_string(),
            },
        )),
    }
    ancestors.remove(&canonical);
}

/// A file's kind when it is not a report: by name first, then this tool's lock and marks (not
/// looked for in a file `known` as a report).
fn classify_file(path: &Path, known: bool, own: &dyn OwnFiles) -> Option<Skip> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if let Some(skip) = skip_by_name(&name) {
        return Some(skip);
    }
    if name.ends_with(".lock") && own.is_lock_file(path) {
        return Some(Skip::RunLock);
    }
    let csv = Path::new(&name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv && own.is_accepted_file(path) {
        return Some(Skip::AcceptedFindings);
    }
    (!known && own.is_output_file(path)).then_some(Skip::OutputFile)
}

/// Count an output folder's files as passed over (without reading them).
fn pass_over_output_dir(path: &Path, out: &mut Discovered) {
    let entries = fs::read_dir(path).into_iter().flatten().flatten();
    out.passed_over
        .entries
        .extend(entries.map(|e| (e.path(), Skip::OutputFile)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_junk_is_known_by_its_name_and_reports_are_not() {
        for (name, kind) in [
            ("~$财政局.docx", Skip::OfficeLock),
            (".~lock.财政局.docx#", Skip::OfficeLock),
            ("Thumbs.db", Skip::SystemFile),
            ("desktop.ini", Skip::SystemFile),
            ("DESKTOP.INI", Skip::SystemFile),
            (".DS_Store", Skip::SystemFile),
            ("._08_财政局.docx", Skip::SystemFile),
            ("报告.docx.tmp", Skip::TempFile),
            ("报告.pdf.crdownload", Skip::TempFile),
            (".hidden.html", Skip::Hidden),
        ] {
            assert_eq!(skip_by_name(name), Some(kind), "{name}");
        }
        for report in [
            "08_财政局.docx",
            "报告~1.html",
            "lock.txt",
            "temp报告.pdf",
            "a.tmp.html",
        ] {
            assert_eq!(skip_by_name(report), None, "{report}");
        }
        let passed = PassedOver {
            entries: vec![
                ("a".into(), Skip::OutputFile),
                ("b".into(), Skip::OutputFile),
                ("c".into(), Skip::OfficeLock),
            ],
        };
        assert_eq!(
            passed.describe().unwrap(),
            "已跳过：本工具的输出文件2个、Office锁定文件1个 / passed over: 2 output files, 1 Office lock file"
        );
        assert_eq!(PassedOver::default().describe(), None);
    }

    #[test]
    fn folders_are_sorted_and_loops_reported() {
        let dir = std::env::temp_dir().join(format!("gid-discover-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/sub")).unwrap();
        fs::write(dir.join("b/sub/2.txt"), "x").unwrap();
        fs::write(dir.join("a.txt"), "x").unwrap();
        fs::write(dir.join(".hidden"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("b/sub/loop")).unwrap();
        // Created in reverse order: the listing must still come out sorted.
        for i in (10..30).rev() {
            fs::write(dir.join(format!("b/{i}.html")), "x").unwrap();
        }
        let found = discover(
            std::slice::from_ref(&dir),
            &Exclude::own_files(&crate::output::Marks),
        );
        let mut want = vec![dir.join("a.txt")];
        want.extend((10..30).map(|i| dir.join(format!("b/{i}.html"))));
        want.push(dir.join("b/sub/2.txt"));
        assert_eq!(found.files, want);
        #[cfg(unix)]
        {
            assert_eq!(found.findings.len(), 1);
            assert!(found.findings[0].message().contains("directory loop"));
            assert_eq!(
                found.findings[0].source,
                dir.join("b/sub/loop").display().to_string()
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
