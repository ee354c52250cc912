//! Find the report files under the inputs: files as given, folders searched recursively, in
//! sorted order. Directory loops and unreadable entries become findings, never a silent skip.

use crate::findings::{bilingual, Check, Finding};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Report files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Problems met on the way (loops, unreadable folders), with their paths as sources.
    pub findings: Vec<Finding>,
}

/// Walk `inputs`. Hidden entries (names starting with `.`) are not reports and are passed over.
pub fn discover(inputs: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    for input in inputs {
        let mut ancestors = HashSet::new();
        walk(input, &mut ancestors, &mut out, 0);
    }
    out.files.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    out.files.dedup();
    out.findings.sort_by(|a, b| a.source.cmp(&b.source));
    out
}

const MAX_DEPTH: usize = 64;

fn problem(path: &Path, zh: String, en: String) -> Finding {
    Finding {
        source: path.display().to_string(),
        unit: String::new(),
        check: Check::Unparseable,
        cells: vec![],
        message: bilingual(zh, en),
        place: String::new(),
    }
}

fn walk(path: &Path, ancestors: &mut HashSet<PathBuf>, out: &mut Discovered, depth: usize) {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = fs::symlink_metadata(path).is_ok();
            let (zh, en) = if dangling {
                (
                    "链接指向的文件不存在或无法读取",
                    "a link whose target is missing or unreadable",
                )
            } else {
                ("无法读取", "cannot be read")
            };
            out.findings
                .push(problem(path, format!("{zh}：{e}"), format!("{en}: {e}")));
            return;
        }
    };
    if meta.is_file() {
        out.files.push(path.to_path_buf());
        return;
    }
    if !meta.is_dir() {
        out.findings.push(problem(
            path,
            "不是普通文件或文件夹，已跳过".into(),
            "not a regular file or folder; passed over".into(),
        ));
        return;
    }
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if depth > MAX_DEPTH || !ancestors.insert(canonical.clone()) {
        out.findings.push(problem(
            path,
            format!(
                "文件夹循环：{} 指回其上级文件夹，未重复读取",
                path.display()
            ),
            format!(
                "directory loop: {} leads back to a folder above it; not read again",
                path.display()
            ),
        ));
        return;
    }
    match fs::read_dir(path) {
        Ok(entries) => {
            let mut children = Vec::new();
            for entry in entries {
                match entry {
                    Ok(e) => {
                        if !e.file_name().to_string_lossy().starts_with('.') {
                            children.push(e.path());
                        }
                    }
                    Err(e) => out.findings.push(problem(
                        path,
                        format!("文件夹中有无法读取的条目：{e}"),
                        format!("an entry of this folder cannot be read: {e}"),
                    )),
                }
            }
            children.sort();
            for child in children {
                walk(&child, ancestors, out, depth + 1);
            }
        }
        Err(e) => out.findings.push(problem(
            path,
            format!("无法读取文件夹：{e}"),
            format!("cannot read folder: {e}"),
        )),
    }
    ancestors.remove(&canonical);
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let found = discover(std::slice::from_ref(&dir));
        let mut want = vec![dir.join("a.txt")];
        want.extend((10..30).map(|i| dir.join(format!("b/{i}.html"))));
        want.push(dir.join("b/sub/2.txt"));
        assert_eq!(found.files, want);
        #[cfg(unix)]
        {
            assert_eq!(found.findings.len(), 1);
            assert!(found.findings[0].message.contains("directory loop"));
            assert_eq!(
                found.findings[0].source,
                dir.join("b/sub/loop").display().to_string()
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
