//! The record cache: incremental nights. A file's compact record (and its findings) is kept,
//! keyed by the file's content (SHA-256), its name (the unit may be read from it) and the build
//! of this tool that read it. An unchanged file then costs a `stat` and one small read: the
//! stat index maps a path, size, modification time and inode to the content hash it had.
//!
//! Anything doubtful means reading the file again, never a wrong number: an entry of another
//! build, a damaged entry (it does not decode, or its cells do not unpack to one value per
//! cell), a hash that does not match, a file changed since it was indexed.
//!
//! Layout of the cache folder (default `OUT.cache` beside `--out`):
//! `index.tsv` (path, size, mtime in ns, inode, sha256, name key — rewritten whole by each run)
//! and `entries/<ab>/<sha256>-<name key>.json`.

use crate::finding::Finding;
use crate::input::digest::{hex, unhex, Sha256Sum};
use crate::input::load::inode;
use crate::input::load::Status;
use crate::input::record::{Cells, Record, Stored};
use crate::read::decode::encoding_name;
use crate::read::extract::Format;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// This build of the tool: its version and a hash of its sources (see `build.rs`). An entry of
/// another build is never used.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("GID_BUILD_ID"));

const INDEX: &str = "index.tsv";
/// The cache folder's mark (the common convention: backup tools skip such folders, and a
/// run over a folder that holds a cache knows it is not reports).
const TAG: &str = "CACHEDIR.TAG";
const TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a record cache created by gid-rollup; it may be deleted.\n";

/// Whether `dir` is a record cache folder (it carries the tag).
pub fn is_cache_dir(dir: &Path) -> bool {
    std::fs::read(dir.join(TAG)).is_ok_and(|b| {
        b.starts_with(b"Signature: 8a477f597d28d172789f06886806bc55")
            && b.windows(9).any(|w| w == b"gid-rollup")
    })
}
/// The first line of the index: what wrote it.
const INDEX_HEAD: &str = "# gid-rollup record cache index 1";

/// One cached record, as stored.
#[derive(Serialize, Deserialize)]
struct Entry {
    build: String,
    sha256: String,
    size: u64,
    format: Option<String>,
    encoding: Option<String>,
    status: String,
    unit: String,
    year: Option<i32>,
    template: Option<String>,
    two_reports: bool,
    /// The packed cells, hex.
    cells: String,
    /// The file's findings, their `source` empty.
    findings: Vec<Finding>,
}

/// What identifies a file on disk without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stat {
    size: u64,
    mtime_ns: i128,
    inode: u64,
}

fn stat_of(meta: &std::fs::Metadata) -> Stat {
    Stat {
        size: meta.len(),
        mtime_ns: mtime_ns(meta.modified().ok()),
        inode: inode(meta),
    }
}

fn mtime_ns(t: Option<SystemTime>) -> i128 {
    t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(-1, |d| d.as_nanos() as i128)
}

/// The part of a file's name a record depends on (its stem and extension), hashed short.
fn name_key(path: &Path) -> u64 {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    fnv(name.as_bytes())
}

/// FNV-1a, 64 bits: a key, not a defence (what it finds is checked against the file's stat and
/// the entry's own content hash).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// What the index knows of one file: a few dozen bytes, so a province's index stays small.
struct Known {
    stat: Stat,
    sha: Sha256Sum,
    name: u64,
}

/// The cache of one run: the index read at the start, the index to write at the end.
pub struct Cache {
    dir: PathBuf,
    /// Keyed by the hash of the file's path as given.
    known: HashMap<u64, Known>,
    pub hits: std::sync::atomic::AtomicUsize,
    pub misses: std::sync::atomic::AtomicUsize,
}

impl Cache {
    /// Open (or start) the cache in `dir`. An unreadable or foreign index is an empty one.
    pub fn open(dir: &Path) -> Cache {
        // Tagged first, so that no run reads it as reports (a cache inside the reports folder).
        if std::fs::create_dir_all(dir).is_ok() && !is_cache_dir(dir) {
            let _ = std::fs::write(dir.join(TAG), TAG_TEXT);
        }
        let mut known = HashMap::new();
        // Read line by line: the whole text of a province's index is never in memory.
        if let Ok(file) = std::fs::File::open(dir.join(INDEX)) {
            let mut lines = std::io::BufReader::new(file).lines();
            if lines.next().and_then(Result::ok).as_deref() == Some(INDEX_HEAD) {
                for line in lines.map_while(Result::ok) {
                    let f: Vec<&str> = line.split('\t').collect();
                    if let [path, size, mtime, inode, sha, name] = f[..] {
                        if let (Ok(size), Ok(mtime_ns), Ok(inode), Some(sha), Ok(name)) = (
                            size.parse(),
                            mtime.parse(),
                            inode.parse(),
                            Sha256Sum::from_hex(sha),
                            u64::from_str_radix(name, 16),
                        ) {
                            let stat = Stat {
                                size,
                                mtime_ns,
                                inode,
                            };
                            let key = fnv(unescape(path).as_bytes());
                            known.insert(key, Known { stat, sha, name });
                        }
                    }
                }
            }
        }
        Cache {
            dir: dir.to_path_buf(),
            known,
            hits: Default::default(),
            misses: Default::default(),
        }
    }

    fn entry_path(&self, sha: &Sha256Sum, name: u64) -> PathBuf {
        self.dir
            .join("entries")
            .join(format!("{:02x}", sha.0[0]))
            .join(format!("{sha}-{name:016x}.json"))
    }

    /// Whether the file at `path` was read as a report by the run that wrote the index, and its
    /// size, modification time and inode are still what they were.
    pub fn is_unchanged_report(&self, path: &Path, meta: &std::fs::Metadata) -> bool {
        let source = path.display().to_string();
        self.known
            .get(&fnv(source.as_bytes()))
            .is_some_and(|k| k.stat == stat_of(meta))
    }

    /// Let go of the index read at the start (a province's is tens of megabytes): after it,
    /// nothing is found in the cache, and [`Cache::save`] still writes the new index.
    pub fn forget_index(&mut self) {
        self.known = HashMap::new();
    }

    /// The record of `path` from the cache, when the file is unchanged and its entry sound.
    pub fn get(&self, path: &Path) -> Option<(Record, Vec<Finding>)> {
        let source = path.display().to_string();
        let meta = std::fs::metadata(path).ok()?;
        let stat = stat_of(&meta);
        let known = self.known.get(&fnv(source.as_bytes()))?;
        let (sha, name) = (known.sha, known.name);
        if known.stat != stat || name != name_key(path) {
            return None;
        }
        let bytes = std::fs::read(self.entry_path(&sha, name)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if entry.build != BUILD || entry.sha256 != sha.to_string() || entry.size != stat.size {
            return None;
        }
        let cells = Cells::from_bytes(&unhex(&entry.cells)?)?;
        let mut findings = entry.findings;
        for f in &mut findings {
            f.source.clone_from(&source);
        }
        let record = Record {
            source,
            size: entry.size,
            sha256: Some(sha),
            modified: meta.modified().ok(),
            inode: stat.inode,
            format: match entry.format {
                Some(f) => Some(Format::from_name(&f)?),
                None => None,
            },
            encoding: match entry.encoding.as_deref() {
                Some(e) => Some(encoding_name(e)?),
                None => None,
            },
            status: Status::from_name(&entry.status)?,
            unit: entry.unit,
            year: entry.year,
            template: match entry.template.as_deref() {
                None => None,
                Some(name) => Some(crate::template::TemplateUsed::from_name(name)?),
            },
            two_reports: entry.two_reports,
            cells,
            counts: crate::finding::Counts::of(&findings),
            blank_celled: findings
                .iter()
                .any(|f| f.check == crate::finding::Check::BlankCells),
            findings: Stored::default(),
        };
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some((record, findings))
    }

    /// Keep a freshly read record. A failure to write the cache only costs a re-read later.
    pub fn put(&self, path: &Path, record: &Record, findings: &[Finding]) {
        self.misses
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Only what was read from a file that stayed put: its size and time still as read.
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let still = meta.len() == record.size && meta.modified().ok() == record.modified;
        let Some(sha) = record.sha256.filter(|_| still) else {
            return;
        };
        let entry = Entry {
            build: BUILD.to_string(),
            sha256: sha.to_string(),
            size: record.size,
            format: record.format.map(|f| f.name().to_string()),
            encoding: record.encoding.map(String::from),
            status: record.status.name().to_string(),
            unit: record.unit.clone(),
            year: record.year,
            template: record.template.map(|t| t.name().to_string()),
            two_reports: record.two_reports,
            cells: hex(record.cells.as_bytes()),
            findings: findings
                .iter()
                .map(|f| Finding {
                    source: String::new(),
                    ..f.clone()
                })
                .collect(),
        };
        let target = self.entry_path(&sha, name_key(path));
        // A failure to write costs only a re-read next time.
        let _ = (|| -> std::io::Result<()> {
            let parent = target.parent().unwrap_or(&self.dir);
            std::fs::create_dir_all(parent)?;
            let bytes = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
            // Written whole, then renamed: a killed run leaves no half entry under its name.
            let tmp = parent.join(format!(
                ".{}.{}.tmp",
                std::process::id(),
                target
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            drop(f);
            std::fs::rename(&tmp, &target)
        })();
    }

    /// Write the index of this run's files (from their records, in path order; whole, then
    /// renamed). Entries of files gone are left on disk; a cache folder can simply be deleted.
    pub fn save<'a>(&self, units: impl Iterator<Item = &'a Record>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = self
            .dir
            .join(format!(".{INDEX}.{}.tmp", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        writeln!(out, "{INDEX_HEAD}")?;
        for (u, sha) in units.filter_map(|u| Some((u, u.sha256?))) {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{:016x}",
                escape(&u.source),
                u.size,
                mtime_ns(u.modified),
                u.inode,
                sha,
                name_key(Path::new(&u.source))
            )?;
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(tmp, self.dir.join(INDEX))
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_survive_the_index_and_hex_the_cells() {
        for p in ["a\tb\\c\nd", "报告/平潭.html", ""] {
            assert_eq!(unescape(&escape(p)), p);
        }
        assert_eq!(unhex(&hex(&[0, 1, 254, 255])), Some(vec![0, 1, 254, 255]));
        assert_eq!(unhex("0"), None);
        assert_eq!(unhex("zz"), None);
        assert!(BUILD.starts_with(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn a_file_read_last_time_is_known_until_it_changes() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "一、总体情况").expect("write");
        let meta = std::fs::metadata(&file).expect("meta");
        let source = file.display().to_string();
        let mut record = crate::input::record::sample(&source, "财政局", 2025, &[]);
        record.size = meta.len();
        record.modified = meta.modified().ok();
        record.inode = inode(&meta);
        let dir = tmp.path().join("out.cache");
        Cache::open(&dir)
            .save(std::iter::once(&record))
            .expect("save");
        let cache = Cache::open(&dir);
        assert!(cache.is_unchanged_report(&file, &meta));
        let other = tmp.path().join("人社局.txt");
        std::fs::write(&other, "x").expect("write");
        assert!(!cache.is_unchanged_report(&other, &std::fs::metadata(&other).expect("meta")));
        std::fs::write(&file, "一、总体情况（修订）").expect("write");
        assert!(!cache.is_unchanged_report(&file, &std::fs::metadata(&file).expect("meta")));
    }
}
