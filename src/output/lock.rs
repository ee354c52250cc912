//! One run per output folder at a time: a lock file beside the folder (`out.lock` for `out`),
//! held with an exclusive `flock` for the whole run and naming its holder (pid, start time,
//! host). A second run finds it held and stops at once, naming the holder. A lock file left by
//! a run that died (killed, power cut) is not held by anyone: the next run takes it over and says
//! so. The file is removed when the run ends.

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Who holds (or held) a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub tool: String,
    /// Always true: tells a lock from the tool's other JSON.
    pub lock: bool,
    pub pid: u32,
    pub started: String,
    #[serde(default)]
    pub host: String,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            tool: super::marker::GENERATOR.to_string(),
            lock: true,
            pid: std::process::id(),
            started: crate::util::timefmt::wall(),
            host: host_name(),
        }
    }

    /// "进程 1234（开始于 …，主机 …）", "pid 1234 (started …, host …)".
    pub fn describe(&self) -> (String, String) {
        let host_zh = if self.host.is_empty() {
            String::new()
        } else {
            format!("，主机 {}", self.host)
        };
        let host_en = if self.host.is_empty() {
            String::new()
        } else {
            format!(", host {}", self.host)
        };
        (
            format!("进程 {}（开始于 {}{host_zh}）", self.pid, self.started),
            format!("pid {} (started {}{host_en})", self.pid, self.started),
        )
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", held_message(.path, .holder.as_ref()))]
    Held {
        path: PathBuf,
        holder: Option<Holder>,
    },
    #[error("无法创建运行锁 {path} / cannot create the run lock {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn held_message(path: &Path, holder: Option<&Holder>) -> String {
    let (zh, en) = holder.map_or_else(
        || ("另一个进程".to_string(), "another process".to_string()),
        |h| h.describe(),
    );
    format!(
        "另一次汇总正在写入同一输出文件夹：{zh}持有 {p}；本次未运行，等它结束后再运行 / another gid-rollup run is writing to the same output folder: {en} holds {p}; this run did nothing — run again when it has finished",
        p = path.display()
    )
}

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
    file: File,
    /// The holder of a lock file that was left behind by a run that is no longer running.
    pub took_over: Option<Holder>,
}

impl RunLock {
    /// The note to give when a stale lock was taken over.
    pub fn takeover_note(&self) -> Option<String> {
        self.took_over.as_ref().map(|h| {
            let (zh, en) = h.describe();
            crate::finding::note(
                format!("接管了此前一次运行遗留的锁（{zh}）：该运行已不在进行（可能被中断）"),
                format!("took over the lock left by an earlier run ({en}), which is no longer running (it may have been interrupted)"),
            )
        })
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Remove the file only while it is still ours; the flock goes with the handle.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Take the lock at `path`, or say who holds it.
pub fn acquire(path: &Path) -> Result<RunLock, LockError> {
    let io = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // A lock file removed and made again by the runs around us between our open and our lock:
    // try again on the file that is there now.
    for _ in 0..8 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Held {
                    path: path.to_path_buf(),
                    holder: holder_soon(path),
                })
            }
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                // A file system without locks (some network shares): the holder's pid decides.
                if let Some(h) = read_holder(path).filter(alive) {
                    return Err(LockError::Held {
                        path: path.to_path_buf(),
                        holder: Some(h),
                    });
                }
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if !same_file(&file, path) {
            continue;
        }
        let mut old = String::new();
        let _ = file.read_to_string(&mut old);
        let took_over = serde_json::from_str::<Holder>(&old).ok();
        let me = serde_json::to_string_pretty(&Holder::me()).unwrap_or_default();
        file.set_len(0).map_err(io)?;
        (&file)
            .write_all(format!("{me}\n").as_bytes())
            .map_err(io)?;
        file.sync_all().map_err(io)?;
        return Ok(RunLock {
            path: path.to_path_buf(),
            file,
            took_over,
        });
    }
    Err(LockError::Held {
        path: path.to_path_buf(),
        holder: read_holder(path),
    })
}

/// Is the file at `path` this tool's run lock? (By its content.)
pub fn is_lock_file(path: &Path) -> bool {
    read_holder(path).is_some_and(|h| h.lock && h.tool == super::marker::GENERATOR)
}

fn read_holder(path: &Path) -> Option<Holder> {
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(4096)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}

/// The holder of a lock just taken may not have written its name yet: wait for it briefly.
fn holder_soon(path: &Path) -> Option<Holder> {
    for _ in 0..20 {
        if let Some(h) = read_holder(path) {
            return Some(h);
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    None
}

/// A holder on this host whose process still runs.
fn alive(h: &Holder) -> bool {
    h.host == host_name() && Path::new(&format!("/proc/{}", h.pid)).exists()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_names_its_holder_and_a_left_one_is_taken_over() {
        let dir = std::env::temp_dir().join(format!("gid-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("out.lock");
        let first = acquire(&path).expect("a free lock is taken");
        assert!(first.took_over.is_none());
        assert!(is_lock_file(&path));
        match acquire(&path) {
            Err(LockError::Held {
                holder: Some(h), ..
            }) => {
                assert_eq!(h.pid, std::process::id());
                let message = LockError::Held {
                    path: path.clone(),
                    holder: Some(h),
                }
                .to_string();
                assert!(
                    message.contains(&format!("pid {}", std::process::id())),
                    "{message}"
                );
                assert!(message.contains("另一次汇总正在写入"), "{message}");
            }
            other => panic!("the second run must be refused: {other:?}"),
        }
        drop(first);
        assert!(!path.exists(), "the lock file goes with the run");
        // A lock file left by a run that died: nobody holds it.
        let dead = Holder {
            tool: "gid-rollup".into(),
            lock: true,
            pid: 4_000_000,
            started: "2026-01-01T00:00:00Z".into(),
            host: "x".into(),
        };
        std::fs::write(&path, serde_json::to_string(&dead).unwrap()).unwrap();
        let again = acquire(&path).expect("a left lock is taken over");
        assert_eq!(again.took_over.as_ref(), Some(&dead));
        let note = again.takeover_note().unwrap();
        assert!(
            note.contains("pid 4000000") && note.contains("接管"),
            "{note}"
        );
        drop(again);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
