//! The output set is replaced whole. Every file is written into a fresh folder beside `--out`
//! (`.out.new-<pid>-<nanos>`), flushed to disk, and the folder is swapped in: a reader sees the
//! complete old set or the complete new set, never a mix. The old set is kept as `out.previous`.
//! A failure while writing leaves the old set as it was; leftovers of a run that was killed are
//! removed by the next run (which holds the lock, so no other run is using them).

use super::lock::{acquire, LockError, RunLock};
use super::OutputError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Environment variable that makes the write of one output fail (`GID_ROLLUP_FAIL_WRITE=
/// report.html`): how the tests prove that a failed night leaves the previous set.
pub const FAIL_WRITE_ENV: &str = "GID_ROLLUP_FAIL_WRITE";

/// `--out` and the paths beside it.
#[derive(Debug, Clone)]
pub struct OutSet {
    out: PathBuf,
    parent: PathBuf,
    name: String,
}

impl OutSet {
    pub fn new(out: &Path) -> OutSet {
        // `.` or `..` have no name of their own, and a link to a folder (on a share, say) is
        // replaced by renaming what it points to: use the folder's real path.
        let is_link = std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
        let out = if out.file_name().is_none() || is_link {
            std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf())
        } else {
            out.to_path_buf()
        };
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = out
            .file_name()
            .map_or_else(|| "out".to_string(), |n| n.to_string_lossy().into_owned());
        OutSet { out, parent, name }
    }

    pub fn dir(&self) -> &Path {
        &self.out
    }

    /// The folder `--out` is in (where the lock, the staging folder and the run's temporary
    /// files go: on the disk of the outputs).
    pub fn parent(&self) -> &Path {
        &self.parent
    }

    /// The set before the last one: `out.previous`.
    pub fn previous_dir(&self) -> PathBuf {
        self.parent.join(format!("{}.previous", self.name))
    }

    /// The run lock: `out.lock`.
    pub fn lock_path(&self) -> PathBuf {
        self.parent.join(format!("{}.lock", self.name))
    }

    /// Take the run lock (creating the folder above `--out` when needed).
    pub fn lock(&self) -> Result<RunLock, LockError> {
        acquire(&self.lock_path())
    }

    fn temp_prefixes(&self) -> [String; 2] {
        [
            format!(".{}.new-", self.name),
            format!(".{}.old-", self.name),
        ]
    }

    fn temp_dir(&self, kind: &str) -> PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        self.parent.join(format!(
            ".{}.{kind}-{}-{nanos}",
            self.name,
            std::process::id()
        ))
    }

    /// Remove what runs that were killed left beside `--out` (their unfinished sets). Call with
    /// the lock held.
    pub fn remove_leftovers(&self) {
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return;
        };
        let prefixes = self.temp_prefixes();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if prefixes.iter().any(|p| name.starts_with(p.as_str()))
                && e.file_type().is_ok_and(|t| t.is_dir())
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }

    /// `--out` and `out.previous` must be empty, absent, or sets this tool wrote: the swap moves
    /// and later deletes them, and a folder of someone else's files is never deleted.
    pub fn check_owned(&self) -> Result<(), OutputError> {
        for dir in [self.out.clone(), self.previous_dir()] {
            let Ok(meta) = std::fs::symlink_metadata(&dir) else {
                continue;
            };
            if !meta.is_dir() {
                return Err(OutputError::NotOurs {
                    path: dir,
                    what: "不是文件夹 / not a folder".into(),
                });
            }
            let foreign = foreign_entries(&dir);
            if !foreign.is_empty() {
                return Err(OutputError::NotOurs {
                    path: dir,
                    what: foreign.join(", "),
                });
            }
        }
        Ok(())
    }

    /// The number of reports last night's set summed (`units_included` in its manifest), if
    /// there is one.
    pub fn last_summed(&self) -> Option<usize> {
        let path = self.out.join("manifest.json");
        let file = std::fs::File::open(&path).ok()?;
        // This tool writes the field among the manifest's first lines, before the inputs: read
        // up to there. (A string holds no raw line break, so a line at two spaces' indent is a
        // top-level field.)
        use std::io::BufRead;
        for line in std::io::BufReader::new(file).lines() {
            let line = line.ok()?;
            if line.starts_with("  \"inputs\":") {
                break;
            }
            if let Some(value) = line.strip_prefix("  \"units_included\": ") {
                return value.trim_end_matches(',').parse().ok();
            }
        }
        // Laid out otherwise: read as a stream, keeping only the one field (a province's
        // manifest lists every input, and a tree of it would cost more than the whole run).
        #[derive(serde::Deserialize)]
        struct Last {
            units_included: Option<u64>,
        }
        let file = std::fs::File::open(&path).ok()?;
        let m: Last = serde_json::from_reader(std::io::BufReader::new(file)).ok()?;
        m.units_included.and_then(|n| usize::try_from(n).ok())
    }

    /// Write `files` as the new set and swap it in. On any error the old set is unchanged and
    /// nothing of the new one is left.
    pub fn publish(&self, files: &[(&'static str, Content)]) -> Result<(), OutputError> {
        self.publish_with(files, &[])
    }

    /// [`OutSet::publish`], with `extra` files made already (`通知/…`: a path under the set,
    /// its folders made as needed).
    pub fn publish_with(
        &self,
        files: &[(&'static str, Content)],
        extra: &[(String, Vec<u8>)],
    ) -> Result<(), OutputError> {
        std::fs::create_dir_all(&self.parent).map_err(|source| OutputError::CreateDir {
            path: self.parent.clone(),
            source,
        })?;
        let staging = self.temp_dir("new");
        let result = write_set(&staging, files)
            .and_then(|()| write_extra(&staging, extra))
            .and_then(|()| self.swap_in(&staging));
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result.map_err(|(path, source)| OutputError::NotPublished {
            out: self.out.clone(),
            path,
            source,
        })
    }

    /// Put the written set at `--out`, the old one at `out.previous`.
    fn swap_in(&self, staging: &Path) -> Result<(), (PathBuf, std::io::Error)> {
        let at = |p: &Path| {
            let p = p.to_path_buf();
            move |e| (p, e)
        };
        let out_is_empty = std::fs::read_dir(&self.out).is_ok_and(|mut d| d.next().is_none());
        if out_is_empty {
            std::fs::remove_dir(&self.out).map_err(at(&self.out))?;
        }
        if !self.out.exists() {
            std::fs::rename(staging, &self.out).map_err(at(&self.out))?;
            return sync_dir(&self.parent).map_err(at(&self.parent));
        }
        let previous = self.previous_dir();
        if exchange(staging, &self.out).is_ok() {
            // The new set is in place, in one step; `staging` now holds the old one.
            sync_dir(&self.parent).map_err(at(&self.parent))?;
            self.retire_previous();
            if std::fs::rename(staging, &previous).is_err() {
                let _ = std::fs::remove_dir_all(staging);
            }
        } else {
            // No atomic exchange here (another system, some network shares): two renames,
            // undone if the second fails.
            self.retire_previous();
            std::fs::rename(&self.out, &previous).map_err(at(&self.out))?;
            if let Err(e) = std::fs::rename(staging, &self.out) {
                let _ = std::fs::rename(&previous, &self.out);
                return Err((self.out.clone(), e));
            }
        }
        sync_dir(&self.parent).map_err(at(&self.parent))
    }

    /// Move `out.previous` aside (one rename) and delete it.
    fn retire_previous(&self) {
        let previous = self.previous_dir();
        if previous.exists() {
            let old = self.temp_dir("old");
            if std::fs::rename(&previous, &old).is_ok() {
                let _ = std::fs::remove_dir_all(&old);
            } else {
                let _ = std::fs::remove_dir_all(&previous);
            }
        }
    }
}

/// The entries of an output folder that this tool did not write.
fn foreign_entries(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec!["(无法读取 / unreadable)".into()];
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let outputs = super::output_names();
    let has_manifest = names.iter().any(|n| n == "manifest.json");
    let ours = has_manifest && super::marker::is_output_dir(dir);
    names
        .into_iter()
        .filter(|n| {
            let known = outputs.contains(&n.as_str())
                // The notices' folder, when it holds only this tool's notices.
                || (n == super::notice::DIR && notices_are_ours(&dir.join(n)))
                // Temporary names of earlier versions.
                || outputs.iter().any(|o| n == &format!(".{o}.tmp"));
            !(known && (ours || !has_manifest))
        })
        .collect()
}

/// Is `dir` a notices folder this tool wrote (a folder of its notices and list, nothing else)?
fn notices_are_ours(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|e| {
        e.file_type().is_ok_and(|t| t.is_file()) && super::marker::is_own_output(&e.path())
    })
}

/// What goes into one file of the set.
pub enum Content<'a> {
    /// Made already.
    Bytes(&'a [u8]),
    /// Written straight into the file.
    Export(&'a dyn super::Export, &'a super::RunRecord<'a>),
}

fn write_set(
    dir: &Path,
    files: &[(&'static str, Content)],
) -> Result<(), (PathBuf, std::io::Error)> {
    use rayon::prelude::*;
    std::fs::create_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    let fail = std::env::var(FAIL_WRITE_ENV).ok();
    // The files are independent: written side by side, and the first failure in the set's
    // order is the one reported.
    let written: Vec<Result<(), (PathBuf, std::io::Error)>> = files
        .par_iter()
        // One task per file, so that an idle thread takes the next whole file.
        .with_max_len(1)
        .map(|(name, content)| {
            let path = dir.join(name);
            let write = || -> std::io::Result<()> {
                if fail.as_deref() == Some(name) {
                    return Err(std::io::Error::other(format!(
                        "injected write failure ({FAIL_WRITE_ENV})"
                    )));
                }
                let mut f =
                    std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&path)?);
                match content {
                    Content::Bytes(bytes) => f.write_all(bytes)?,
                    Content::Export(export, run) => {
                        export.write(run, &mut f).map_err(|e| match e {
                            super::OutputError::Io(e) => e,
                            other => std::io::Error::other(other.to_string()),
                        })?
                    }
                }
                f.into_inner().map_err(|e| e.into_error())?.sync_all()
            };
            write().map_err(|e| (path.clone(), e))
        })
        .collect();
    written.into_iter().collect::<Result<(), _>>()?;
    sync_dir(dir).map_err(|e| (dir.to_path_buf(), e))
}

/// The files made already, each in its folder under `dir` (made here), flushed.
fn write_extra(dir: &Path, extra: &[(String, Vec<u8>)]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut folders = std::collections::BTreeSet::new();
    for (name, bytes) in extra {
        let path = dir.join(name);
        let folder = path.parent().unwrap_or(dir).to_path_buf();
        if folders.insert(folder.clone()) {
            std::fs::create_dir_all(&folder).map_err(|e| (folder.clone(), e))?;
        }
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&path)?;
            f.write_all(bytes)?;
            f.sync_all()
        };
        write().map_err(|e| (path.clone(), e))?;
    }
    for folder in folders {
        sync_dir(&folder).map_err(|e| (folder.clone(), e))?;
    }
    Ok(())
}

/// Flush a folder's entries to disk (its renames and new files).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Swap two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gid-set-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn content<'a>(files: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, Content<'a>)> {
        files.iter().map(|(n, b)| (*n, Content::Bytes(b))).collect()
    }

    fn set(tag: &str) -> Vec<(&'static str, Vec<u8>)> {
        vec![
            (
                "units.csv",
                format!("source,unit,year,template,status,t3.x\n{tag}\n").into_bytes(),
            ),
            (
                "manifest.json",
                format!("{{\n  \"tool\": \"gid-rollup\",\n  \"tag\": \"{tag}\"\n}}\n").into_bytes(),
            ),
        ]
    }

    /// Last night's count, read from the manifest's head as this tool lays it out, and from a
    /// manifest laid out otherwise.
    #[test]
    fn last_nights_count_is_read_from_the_manifest() {
        let dir = scratch("last");
        let s = OutSet::new(&dir.join("out"));
        assert_eq!(s.last_summed(), None);
        let ours = "{\n  \"tool\": \"gid-rollup\",\n  \"unit\": {\n    \"units_included\": 1\n  },\n  \
                    \"units_included\": 34,\n  \"year\": 2025,\n  \"inputs\": [\n    {\n      \"units_included\": 9\n    }\n  ]\n}\n";
        let other = "{\"inputs\": [{\"units_included\": 9}], \"units_included\": 12}";
        for (manifest, count) in [(ours, Some(34)), (other, Some(12)), ("{\"tool\": 1}", None)] {
            std::fs::create_dir_all(dir.join("out")).unwrap();
            std::fs::write(dir.join("out/manifest.json"), manifest).unwrap();
            assert_eq!(s.last_summed(), count, "{manifest}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_set_replaces_the_last_whole_and_keeps_it_as_previous() {
        let dir = scratch("swap");
        let s = OutSet::new(&dir.join("out"));
        s.publish(&content(&set("one"))).unwrap();
        s.publish(&content(&set("two"))).unwrap();
        let read = |d: &Path| std::fs::read_to_string(d.join("units.csv")).unwrap();
        assert!(read(s.dir()).contains("two"));
        assert!(read(&s.previous_dir()).contains("one"));
        s.publish(&content(&set("three"))).unwrap();
        assert!(read(s.dir()).contains("three"));
        assert!(read(&s.previous_dir()).contains("two"));
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["out", "out.previous"], "nothing else is left beside");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_output_folder_is_followed_and_stays_a_link() {
        let dir = scratch("link");
        std::fs::create_dir_all(dir.join("share/汇总")).unwrap();
        std::os::unix::fs::symlink(dir.join("share/汇总"), dir.join("out")).unwrap();
        let s = OutSet::new(&dir.join("out"));
        s.publish(&content(&set("one"))).unwrap();
        s.publish(&content(&set("two"))).unwrap();
        let read = |d: &Path| std::fs::read_to_string(d.join("units.csv")).unwrap();
        assert!(
            read(&dir.join("out")).contains("two"),
            "read through the link"
        );
        assert!(read(&dir.join("share/汇总.previous")).contains("one"));
        assert!(std::fs::symlink_metadata(dir.join("out"))
            .unwrap()
            .file_type()
            .is_symlink());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_of_other_files_is_never_taken_over() {
        let dir = scratch("foreign");
        std::fs::write(dir.join("notes.docx"), "x").unwrap();
        std::fs::write(dir.join("units.csv"), "x").unwrap();
        let s = OutSet::new(&dir);
        match s.check_owned() {
            Err(OutputError::NotOurs { what, .. }) => assert_eq!(what, "notes.docx"),
            other => panic!("{other:?}"),
        }
        std::fs::remove_file(dir.join("notes.docx")).unwrap();
        // units.csv with no manifest: an earlier set whose manifest is missing; ours by name.
        s.check_owned().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
