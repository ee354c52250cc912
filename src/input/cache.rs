//! The record cache: incremental nights. A file's compact record (and its findings) is kept,
//! keyed by the file's content (SHA-256), its name (the unit may be read from it) and the build
//! of this tool that read it. An unchanged file then costs a `stat` and one small read: the
//! stat index maps a path, size, modification time, change time, device and inode (what git's
//! index compares) to the content hash it had.
//!
//! Anything doubtful means reading the file again, never a wrong number: an entry of another
//! build, a damaged entry (its own checksum does not match its content, it does not decode, or
//! its cells do not unpack to one value per cell), an index whose checksum does not match, a
//! hash that does not match, a file whose stat changed in any way since it was indexed (an edit
//! in place with the modification time put back still moves the change time). A damaged entry
//! or index is counted as repaired: the files it held are read again and it is written anew.
//!
//! Layout of the cache folder (default `OUT.cache` beside `--out`):
//! `index-<out key>.tsv`, one per `--out` folder so that several may share one cache (path,
//! size, mtime, ctime in ns, device, inode, sha256, name key; a last line with the SHA-256 of
//! all before it; rewritten whole by each run) and `entries/<ab>/<sha256>-<name key>.json`
//! (a first line with the SHA-256 of the JSON that follows it).

use crate::finding::Finding;
use crate::input::digest::{hex, unhex, Sha256Sum};
use crate::input::load::{Stamp, Status};
use crate::input::record::{Cells, Record, Stored};
use crate::read::decode::encoding_name;
use crate::read::extract::Format;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::SystemTime;

/// This build of the tool: its version and a hash of its sources (see `build.rs`). An entry of
/// another build is never used.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("GID_BUILD_ID"));

/// The cache folder's mark (the common convention: backup tools skip such folders, and a
/// run over a folder that holds a cache knows it is not reports).
const TAG: &str = "CACHEDIR.TAG";
const TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a record cache created by gid-rollup; it may be deleted.\n";

/// Whether `dir` is a record cache folder (it carries the tag).
pub fn is_cache_dir(dir: &Path) -> bool {
    std::fs::read(dir.join(TAG)).is_ok_and(|b| {
        b.starts_with(b"Signature: 8a477f597d28d172789f06886806bc55")
            && b.windows(10).any(|w| w == b"gid-rollup")
    })
}
/// The first line of the index: what wrote it.
const INDEX_HEAD: &str = "# gid-rollup record cache index 2";
/// The start of the index's last line: the SHA-256 of every line before it.
const INDEX_SUM: &str = "# sha256 ";

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
    /// The publication date the page gives (ISO) and where it was read.
    #[serde(default)]
    published_on: Option<String>,
    #[serde(default)]
    published_on_source: Option<String>,
    /// The prose fingerprint ([`crate::template::likeness::ProsePrint::to_hex`]).
    #[serde(default)]
    prose: Option<String>,
    /// The file's findings, their `source` empty.
    findings: Vec<Finding>,
}

/// What identifies a file on disk without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stat {
    size: u64,
    mtime_ns: i128,
    stamp: Stamp,
}

fn stat_of(meta: &std::fs::Metadata) -> Stat {
    Stat {
        size: meta.len(),
        mtime_ns: mtime_ns(meta.modified().ok()),
        stamp: Stamp::of(meta),
    }
}

/// What the cache did in one run, for the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheCounts {
    /// Records taken from the cache.
    pub reused: usize,
    /// Files read (and their records kept).
    pub read: usize,
    /// Entries found damaged: their files were read again and the entries rewritten.
    pub repaired: usize,
    /// The index was found damaged: every file was looked up by reading it.
    pub index_repaired: bool,
}

fn mtime_ns(t: Option<SystemTime>) -> i128 {
    t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(-1, |d| d.as_nanos() as i128)
}

/// The part of a file's name a record depends on (its stem and extension), hashed short.
fn name_key(path: &Path) -> u64 {
    fnv(path.file_name().unwrap_or_default().as_encoded_bytes())
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
    /// This `--out` folder's index file in `dir`.
    index: String,
    /// Keyed by the hash of the file's path as given.
    known: HashMap<u64, Known>,
    index_repaired: bool,
    hits: AtomicUsize,
    misses: AtomicUsize,
    repaired: AtomicUsize,
}

/// Why an index was not used: absent (a first night, or another version's), or damaged.
enum IndexRead {
    Absent,
    Damaged,
}

impl Cache {
    /// Open (or start) the cache in `dir` for the outputs in `out`. An absent or foreign index
    /// is an empty one; a damaged one is empty too, and counted as repaired.
    pub fn open(dir: &Path, out: &Path) -> Cache {
        // Tagged first, so that no run reads it as reports (a cache inside the reports folder).
        if std::fs::create_dir_all(dir).is_ok() && !is_cache_dir(dir) {
            let _ = std::fs::write(dir.join(TAG), TAG_TEXT);
        }
        let index = index_name(out);
        let (known, index_repaired) = match read_index(&dir.join(&index)) {
            Ok(known) => (known, false),
            Err(IndexRead::Absent) => (HashMap::new(), false),
            Err(IndexRead::Damaged) => (HashMap::new(), true),
        };
        Cache {
            dir: dir.to_path_buf(),
            index,
            known,
            index_repaired,
            hits: Default::default(),
            misses: Default::default(),
            repaired: Default::default(),
        }
    }

    /// What this run's lookups came to.
    pub fn counts(&self) -> CacheCounts {
        CacheCounts {
            reused: self.hits.load(Relaxed),
            read: self.misses.load(Relaxed),
            repaired: self.repaired.load(Relaxed),
            index_repaired: self.index_repaired,
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
        let source = crate::util::pathtext::path_text(path);
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
        let source = crate::util::pathtext::path_text(path);
        let meta = std::fs::metadata(path).ok()?;
        let stat = stat_of(&meta);
        let known = self.known.get(&fnv(source.as_bytes()))?;
        let (sha, name) = (known.sha, known.name);
        if known.stat != stat || name != name_key(Path::new(&source)) {
            return None;
        }
        let bytes = std::fs::read(self.entry_path(&sha, name)).ok()?;
        match decode_entry(&bytes, &sha, stat.size) {
            Looked::Sound(entry) => {
                let found = entry.into_record(source, &meta, sha, stat.stamp);
                match found {
                    Some(found) => {
                        self.hits.fetch_add(1, Relaxed);
                        Some(found)
                    }
                    None => {
                        self.repaired.fetch_add(1, Relaxed);
                        None
                    }
                }
            }
            Looked::Stale => None,
            Looked::Damaged => {
                // Read again from the report; `put` writes the entry anew.
                self.repaired.fetch_add(1, Relaxed);
                None
            }
        }
    }

    /// Keep a freshly read record. A failure to write the cache only costs a re-read later.
    pub fn put(&self, path: &Path, record: &Record, findings: &[Finding]) {
        self.misses.fetch_add(1, Relaxed);
        // Only what was read from a file that stayed put: its stat still as read.
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let still = meta.len() == record.size
            && meta.modified().ok() == record.modified
            && Stamp::of(&meta) == record.stamp;
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
            published_on: record.published.map(|p| p.on.to_string()),
            published_on_source: record.published.map(|p| p.source.name().to_string()),
            prose: record.prose.as_ref().map(|p| p.to_hex()),
            findings: findings
                .iter()
                .map(|f| Finding {
                    source: String::new(),
                    ..f.clone()
                })
                .collect(),
        };
        let target = self.entry_path(&sha, name_key(Path::new(&record.source)));
        // A failure to write costs only a re-read next time.
        let _ = (|| -> std::io::Result<()> {
            let parent = target.parent().unwrap_or(&self.dir);
            std::fs::create_dir_all(parent)?;
            let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
            // Its own checksum first: a changed digit is a damaged entry, never a number.
            let mut bytes = format!("{}\n", Sha256Sum::of(&json)).into_bytes();
            bytes.extend_from_slice(&json);
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
        let index = &self.index;
        let tmp = self
            .dir
            .join(format!(".{index}.{}.tmp", std::process::id()));
        let mut out = Summed::new(std::io::BufWriter::new(std::fs::File::create(&tmp)?));
        out.line(INDEX_HEAD)?;
        for (u, sha) in units.filter_map(|u| Some((u, u.sha256?))) {
            out.line(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:016x}",
                escape(&u.source),
                u.size,
                mtime_ns(u.modified),
                u.stamp.changed_ns,
                u.stamp.device,
                u.stamp.inode,
                sha,
                name_key(Path::new(&u.source))
            ))?;
        }
        let (mut out, sum) = out.finish();
        writeln!(out, "{INDEX_SUM}{sum}")?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(tmp, self.dir.join(index))
    }
}

/// Lines written with a running SHA-256 of them (for the index's last line).
struct Summed<W: Write> {
    out: W,
    hash: sha2::Sha256,
}

impl<W: Write> Summed<W> {
    fn new(out: W) -> Self {
        Summed {
            out,
            hash: <sha2::Sha256 as sha2::Digest>::new(),
        }
    }

    fn line(&mut self, line: &str) -> std::io::Result<()> {
        use sha2::Digest;
        self.hash.update(line.as_bytes());
        self.hash.update(b"\n");
        writeln!(self.out, "{line}")
    }

    fn finish(self) -> (W, Sha256Sum) {
        use sha2::Digest;
        (self.out, Sha256Sum(self.hash.finalize().into()))
    }
}

/// The index file of the outputs in `out` (its absolute path, hashed short): several `--out`
/// folders may share one cache, each with its own index; the entries are shared.
fn index_name(out: &Path) -> String {
    let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    format!("index-{:016x}.tsv", fnv(out.as_os_str().as_encoded_bytes()))
}

/// The index at `path`, read line by line (the whole text of a province's index is never in
/// memory), its checksum checked at the end.
fn read_index(path: &Path) -> Result<HashMap<u64, Known>, IndexRead> {
    use sha2::Digest;
    let file = std::fs::File::open(path).map_err(|_| IndexRead::Absent)?;
    let mut lines = std::io::BufReader::new(file).lines();
    let head = lines.next().and_then(Result::ok);
    if head.as_deref() != Some(INDEX_HEAD) {
        // Another version's index, or none: nothing to repair.
        return Err(
            if head.is_some_and(|h| h.starts_with("# gid-rollup record cache index")) {
                IndexRead::Absent
            } else {
                IndexRead::Damaged
            },
        );
    }
    let mut hash = sha2::Sha256::new();
    hash.update(INDEX_HEAD.as_bytes());
    hash.update(b"\n");
    let mut known = HashMap::new();
    for line in lines {
        let line = line.map_err(|_| IndexRead::Damaged)?;
        if let Some(sum) = line.strip_prefix(INDEX_SUM) {
            let want = Sha256Sum(hash.finalize().into());
            return match Sha256Sum::from_hex(sum) {
                Some(got) if got == want => Ok(known),
                _ => Err(IndexRead::Damaged),
            };
        }
        hash.update(line.as_bytes());
        hash.update(b"\n");
        let (key, k) = index_line(&line).ok_or(IndexRead::Damaged)?;
        known.insert(key, k);
    }
    // No checksum line: cut short.
    Err(IndexRead::Damaged)
}

/// One line of the index: the key of its path, and what is known of the file.
fn index_line(line: &str) -> Option<(u64, Known)> {
    let f: Vec<&str> = line.split('\t').collect();
    let [path, size, mtime, ctime, device, inode, sha, name] = f[..] else {
        return None;
    };
    let stat = Stat {
        size: size.parse().ok()?,
        mtime_ns: mtime.parse().ok()?,
        stamp: Stamp {
            changed_ns: ctime.parse().ok()?,
            device: device.parse().ok()?,
            inode: inode.parse().ok()?,
        },
    };
    let known = Known {
        stat,
        sha: Sha256Sum::from_hex(sha)?,
        name: u64::from_str_radix(name, 16).ok()?,
    };
    Some((fnv(unescape(path).as_bytes()), known))
}

/// What an entry's bytes came to.
enum Looked {
    Sound(Box<Entry>),
    /// Written by another build, or for other content: not this file's record.
    Stale,
    /// Its checksum does not match, or it does not decode.
    Damaged,
}

/// An entry's bytes: its checksum line, then its JSON.
fn decode_entry(bytes: &[u8], sha: &Sha256Sum, size: u64) -> Looked {
    let Some(nl) = bytes.iter().position(|&b| b == b'\n') else {
        return Looked::Damaged;
    };
    let (sum, json) = (&bytes[..nl], &bytes[nl + 1..]);
    let sum = std::str::from_utf8(sum).ok().and_then(Sha256Sum::from_hex);
    if sum != Some(Sha256Sum::of(json)) {
        return Looked::Damaged;
    }
    let Ok(entry) = serde_json::from_slice::<Entry>(json) else {
        return Looked::Damaged;
    };
    if entry.build != BUILD || entry.sha256 != sha.to_string() || entry.size != size {
        return Looked::Stale;
    }
    Looked::Sound(Box::new(entry))
}

impl Entry {
    /// The record this entry holds for the file at `source`; `None` when a part does not decode.
    fn into_record(
        self,
        source: String,
        meta: &std::fs::Metadata,
        sha: Sha256Sum,
        stamp: Stamp,
    ) -> Option<(Record, Vec<Finding>)> {
        let cells = Cells::from_bytes(&unhex(&self.cells)?)?;
        let mut findings = self.findings;
        for f in &mut findings {
            f.source.clone_from(&source);
        }
        let record = Record {
            source,
            size: self.size,
            sha256: Some(sha),
            modified: meta.modified().ok(),
            stamp,
            format: match self.format {
                Some(f) => Some(Format::from_name(&f)?),
                None => None,
            },
            encoding: match self.encoding.as_deref() {
                Some(e) => Some(encoding_name(e)?),
                None => None,
            },
            status: Status::from_name(&self.status)?,
            unit: self.unit,
            year: self.year,
            template: match self.template.as_deref() {
                None => None,
                Some(name) => Some(crate::template::TemplateUsed::from_name(name)?),
            },
            two_reports: self.two_reports,
            cells,
            counts: crate::finding::Counts::of(&findings),
            blank_celled: findings
                .iter()
                .any(|f| f.check == crate::finding::Check::BlankCells),
            published: published_of(
                self.published_on.as_deref(),
                self.published_on_source.as_deref(),
            )?,
            prose: match self.prose.as_deref() {
                None => None,
                Some(h) => Some(crate::template::likeness::ProsePrint::from_hex(h)?),
            },
            findings: Stored::default(),
        };
        Some((record, findings))
    }
}

/// A stored publication date and its source, checked: `None` (the entry is damaged) unless
/// both are there and valid, or neither is.
pub(crate) fn published_of(
    on: Option<&str>,
    source: Option<&str>,
) -> Option<Option<crate::template::dated::Published>> {
    use crate::template::dated::{DateSource, Published};
    match (
        on.filter(|s| !s.is_empty()),
        source.filter(|s| !s.is_empty()),
    ) {
        (None, None) => Some(None),
        (Some(on), Some(source)) => Some(Some(Published {
            on: crate::util::date::Date::parse_iso(on)?,
            source: DateSource::from_name(source)?,
        })),
        _ => None,
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

    /// A cache in `tmp` whose index knows `file` as read now, for the outputs in `out`.
    fn indexed(tmp: &Path, file: &Path, out: &str) -> (PathBuf, Record) {
        let meta = std::fs::metadata(file).expect("meta");
        let source = file.display().to_string();
        let mut record =
            crate::input::record::sample(&source, "财政局", 2025, &[("t3.new_received.total", 26)]);
        record.size = meta.len();
        record.modified = meta.modified().ok();
        record.stamp = Stamp::of(&meta);
        record.sha256 = Some(Sha256Sum::of(&std::fs::read(file).expect("read")));
        let dir = tmp.join("shared.cache");
        let cache = Cache::open(&dir, &tmp.join(out));
        cache.put(file, &record, &[]);
        cache.save(std::iter::once(&record)).expect("save");
        (dir, record)
    }

    #[test]
    fn a_file_read_last_time_is_known_until_it_changes() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "一、总体情况").expect("write");
        let (dir, _) = indexed(tmp.path(), &file, "out");
        let cache = Cache::open(&dir, &tmp.path().join("out"));
        let meta = std::fs::metadata(&file).expect("meta");
        assert!(cache.is_unchanged_report(&file, &meta));
        assert!(cache.get(&file).is_some());
        let other = tmp.path().join("人社局.txt");
        std::fs::write(&other, "x").expect("write");
        assert!(!cache.is_unchanged_report(&other, &std::fs::metadata(&other).expect("meta")));
        std::fs::write(&file, "一、总体情况（修订）").expect("write");
        assert!(!cache.is_unchanged_report(&file, &std::fs::metadata(&file).expect("meta")));
    }

    #[test]
    fn an_edit_in_place_with_its_time_put_back_is_read_again() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "行政许可 18").expect("write");
        let (dir, _) = indexed(tmp.path(), &file, "out");
        let before = std::fs::metadata(&file).expect("meta");
        // The change time moves at a granularity the file system chooses: wait past it.
        std::thread::sleep(std::time::Duration::from_millis(20));
        // One digit, same size, same inode, the modification time put back (`touch -r`).
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .expect("open");
        use std::io::Write;
        (&f).write_all("行政许可 19".as_bytes()).expect("write");
        f.set_modified(before.modified().expect("mtime"))
            .expect("set mtime");
        drop(f);
        let after = std::fs::metadata(&file).expect("meta");
        assert_eq!(
            (after.len(), after.modified().ok()),
            (before.len(), before.modified().ok())
        );
        let cache = Cache::open(&dir, &tmp.path().join("out"));
        assert!(!cache.is_unchanged_report(&file, &after));
        assert!(
            cache.get(&file).is_none(),
            "the old record must not be reused"
        );
    }

    #[test]
    fn a_damaged_entry_is_read_again_and_counted_as_repaired() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "一、总体情况").expect("write");
        let (dir, record) = indexed(tmp.path(), &file, "out");
        let cache = Cache::open(&dir, &tmp.path().join("out"));
        let sha = record.sha256.expect("sha");
        let entry = cache.entry_path(&sha, name_key(&file));
        let good = std::fs::read(&entry).expect("entry");
        // 26 is packed as a hex digit in `cells`: change one digit of the cells.
        let text = String::from_utf8(good.clone()).expect("utf-8");
        let at = text.find("\"cells\":\"").expect("cells") + 9;
        let digit = text.as_bytes()[at..]
            .iter()
            .position(|b| b.is_ascii_hexdigit() && *b != b'0')
            .expect("digit")
            + at;
        let mut bad = good.clone();
        bad[digit] = if bad[digit] == b'1' { b'2' } else { b'1' };
        std::fs::write(&entry, &bad).expect("write");
        assert!(cache.get(&file).is_none());
        assert_eq!(cache.counts().repaired, 1);
        // A single bit anywhere: never a record.
        for i in (0..good.len()).step_by(7) {
            let mut flipped = good.clone();
            flipped[i] ^= 0x04;
            std::fs::write(&entry, &flipped).expect("write");
            assert!(cache.get(&file).is_none(), "bit flip at {i} was used");
        }
        std::fs::write(&entry, &good).expect("write");
        assert!(cache.get(&file).is_some());
    }

    #[test]
    fn a_damaged_index_is_not_used() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "一、总体情况").expect("write");
        let (dir, _) = indexed(tmp.path(), &file, "out");
        let index = dir.join(index_name(&tmp.path().join("out")));
        let good = std::fs::read_to_string(&index).expect("index");
        // The file's size in the index changed: the line still parses, the sum does not match.
        let bad = good.replacen("\t18\t", "\t19\t", 1);
        assert_ne!(bad, good);
        std::fs::write(&index, bad).expect("write");
        let cache = Cache::open(&dir, &tmp.path().join("out"));
        assert!(cache.counts().index_repaired);
        assert!(cache.get(&file).is_none());
        // Cut short (no checksum line).
        let cut: String = good.lines().take(2).map(|l| format!("{l}\n")).collect();
        std::fs::write(&index, cut).expect("write");
        assert!(
            Cache::open(&dir, &tmp.path().join("out"))
                .counts()
                .index_repaired
        );
    }

    #[test]
    fn two_output_folders_share_one_cache_without_spoiling_each_other() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("财政局.txt");
        std::fs::write(&file, "一、总体情况").expect("write");
        let (dir, _) = indexed(tmp.path(), &file, "out-a");
        // The second folder's run over other files writes its own index.
        let other = tmp.path().join("人社局.txt");
        std::fs::write(&other, "一、总体情况。").expect("write");
        indexed(tmp.path(), &other, "out-b");
        assert!(Cache::open(&dir, &tmp.path().join("out-a"))
            .get(&file)
            .is_some());
        assert!(Cache::open(&dir, &tmp.path().join("out-b"))
            .get(&other)
            .is_some());
    }

    #[test]
    fn the_tag_of_any_cache_is_recognised() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("汇总.cache");
        Cache::open(&dir, &tmp.path().join("汇总"));
        assert!(is_cache_dir(&dir));
        assert!(!is_cache_dir(tmp.path()));
    }
}
