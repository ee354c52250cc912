//! One run per output folder at a time: a lock file beside the folder (`out.lock` for `out`),
//! held with an exclusive `flock` for the whole run and naming its holder (pid, start time,
//! host). A second run finds it held and stops at once, naming the holder. A lock file left by
//! a run that died (killed, power cut) is not held by anyone: the next run takes it over and says
//! so, as it says when it takes over a lock file left empty or damaged (a power cut). The file
//! is opened without following links and must be a regular file that this tool wrote (or an
//! empty or damaged one): a link planted there, or someone's own file under that name, is
//! refused and never written through. The file is removed when the run ends.

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
            format!(
                "进程 {}（开始于 {}{host_zh}）",
                self.pid,
                crate::util::timefmt::view(&self.started)
            ),
            format!(
                "pid {} (started {}{host_en})",
                self.pid,
                crate::util::timefmt::view(&self.started)
            ),
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
    #[error("{}", foreign_message(.path, *.what))]
    Foreign { path: PathBuf, what: Foreign },
}

/// What sits at the lock's path instead of a lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// A symbolic link: writing through it would overwrite whatever it points to.
    Link,
    /// A folder, a pipe, a device.
    NotAFile,
    /// A file with content this tool did not write.
    OtherContent,
}

fn foreign_message(path: &Path, what: Foreign) -> String {
    let (zh, en) = match what {
        Foreign::Link => ("是一个符号链接", "is a symbolic link"),
        Foreign::NotAFile => ("不是普通文件", "is not a regular file"),
        Foreign::OtherContent => (
            "是一个并非本工具写入的文件",
            "is a file this tool did not write",
        ),
    };
    format!(
        "运行锁的位置 {p} {zh}：为免覆盖其他文件，本次未运行；请确认后移走或删除它再运行 / the run lock's place {p} {en}: so as not to overwrite another file, this run did nothing — check it, move it away or delete it, and run again",
        p = path.display()
    )
}

/// What was at the lock's place when this run took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Takeover {
    /// A lock left by a run that is no longer running.
    Stale(Holder),
    /// A lock file left empty or damaged (a power cut during its writing).
    Damaged,
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
    /// What was left at the lock's place by a run that is no longer running.
    pub took_over: Option<Takeover>,
}

impl RunLock {
    /// The note to give when a left or damaged lock was taken over.
    pub fn takeover_note(&self) -> Option<String> {
        self.took_over.as_ref().map(|t| match t {
            Takeover::Stale(h) => {
                let (zh, en) = h.describe();
                crate::finding::note(
                    format!("接管了此前一次运行遗留的锁（{zh}）：该运行已不在进行（可能被中断）"),
                    format!("took over the lock left by an earlier run ({en}), which is no longer running (it may have been interrupted)"),
                )
            }
            Takeover::Damaged => crate::finding::note(
                format!("接管了此前遗留的空白或损坏的运行锁 {}（可能是断电或被中断时留下的）", self.path.display()),
                format!("took over an empty or damaged run lock {} left behind (a power cut or an interrupted run)", self.path.display()),
            ),
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
        let (file, made) = open_no_follow(path)?;
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
        let mut old = Vec::new();
        (&file)
            .take(MAX_LOCK_BYTES + 1)
            .read_to_end(&mut old)
            .map_err(io)?;
        let took_over = left_behind(&old, made).ok_or_else(|| LockError::Foreign {
            path: path.to_path_buf(),
            what: Foreign::OtherContent,
        })?;
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

/// A lock is a few hundred bytes of JSON.
const MAX_LOCK_BYTES: u64 = 4096;

/// What a lock file held when this run took it: `None` when it is not a lock of this tool's
/// (nor empty, nor a lock cut short), and must not be written over.
fn left_behind(old: &[u8], made: bool) -> Option<Option<Takeover>> {
    if old.is_empty() {
        // Made just now by this run, or left empty (a run cut off before it wrote its name).
        return Some((!made).then_some(Takeover::Damaged));
    }
    if old.len() as u64 > MAX_LOCK_BYTES {
        return None;
    }
    if let Ok(h) = serde_json::from_slice::<Holder>(old) {
        return (h.lock && h.tool == super::marker::GENERATOR).then_some(Some(Takeover::Stale(h)));
    }
    // A power cut leaves a file of NUL bytes, or a lock's JSON cut short.
    let text = String::from_utf8_lossy(old);
    let cut_lock = text.trim_start().starts_with('{') && text.contains("\"lock\"");
    (old.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) || cut_lock)
        .then_some(Some(Takeover::Damaged))
}

/// Open (or make) the lock file, never through a link, and only a regular file; whether this
/// call made it.
fn open_no_follow(path: &Path) -> Result<(File, bool), LockError> {
    let foreign = |what| LockError::Foreign {
        path: path.to_path_buf(),
        what,
    };
    let open = |new: bool| {
        let mut options = OpenOptions::new();
        options.read(true).write(true);
        if new {
            options.create_new(true);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Not following a link, and not waiting on a pipe planted there.
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        options.open(path)
    };
    let opened = match open(true) {
        Ok(f) => Ok((f, true)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => open(false).map(|f| (f, false)),
        Err(e) => Err(e),
    };
    let (file, made) = opened.map_err(|e| match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => foreign(Foreign::Link),
        Ok(m) if !m.file_type().is_file() => foreign(Foreign::NotAFile),
        _ => LockError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if !file.metadata().is_ok_and(|m| m.file_type().is_file()) {
        return Err(foreign(Foreign::NotAFile));
    }
    Ok((file, made))
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
    match (file.metadata(), std::fs::symlink_metadata(path)) {
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
        assert_eq!(again.took_over.as_ref(), Some(&Takeover::Stale(dead)));
        let note = again.takeover_note().unwrap();
        assert!(
            note.contains("pid 4000000") && note.contains("接管"),
            "{note}"
        );
        drop(again);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_link_or_someone_elses_file_at_the_lock_is_never_written_through() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("out.lock");
        let victim = tmp.path().join("重要.txt");
        std::fs::write(&victim, "别覆盖我").expect("write");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&victim, &path).expect("symlink");
            let e = acquire(&path).expect_err("a link is refused");
            assert!(
                matches!(
                    e,
                    LockError::Foreign {
                        what: Foreign::Link,
                        ..
                    }
                ),
                "{e:?}"
            );
            assert!(e.to_string().contains("符号链接"), "{e}");
            // A dangling link: not made through either.
            std::fs::remove_file(&path).expect("rm");
            let nowhere = tmp.path().join("made-through-the-link");
            std::os::unix::fs::symlink(&nowhere, &path).expect("symlink");
            assert!(acquire(&path).is_err());
            assert!(!nowhere.exists());
            std::fs::remove_file(&path).expect("rm");
        }
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "别覆盖我");
        // A folder, and a file of someone else's.
        std::fs::create_dir(&path).expect("mkdir");
        assert!(matches!(
            acquire(&path),
            Err(LockError::Foreign {
                what: Foreign::NotAFile,
                ..
            })
        ));
        std::fs::remove_dir(&path).expect("rmdir");
        std::fs::write(&path, "会议纪要：……").expect("write");
        assert!(matches!(
            acquire(&path),
            Err(LockError::Foreign {
                what: Foreign::OtherContent,
                ..
            })
        ));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "会议纪要：……"
        );
    }

    #[test]
    fn an_empty_or_damaged_lock_left_behind_is_taken_over_with_a_note() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("out.lock");
        for left in [
            &b""[..],
            &[0u8; 64][..],
            b"{\n  \"tool\": \"gid-rollup\",\n  \"lock\": tr",
        ] {
            std::fs::write(&path, left).expect("write");
            let lock = acquire(&path).expect("taken over");
            assert_eq!(lock.took_over, Some(Takeover::Damaged));
            let note = lock.takeover_note().expect("a note");
            assert!(note.contains("损坏") && note.contains("damaged"), "{note}");
            drop(lock);
        }
        // A fresh lock has nothing to say.
        let lock = acquire(&path).expect("free");
        assert!(lock.takeover_note().is_none());
    }
}
