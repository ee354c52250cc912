//! Helpers for the integration tests: run the built binary, read its CSV outputs.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every output file of a run but the manifest (which records times and arguments).
pub const DATA_FILES: [&str; 7] = [
    "units.csv",
    "district.csv",
    "findings.csv",
    "units.parquet",
    "summary.md",
    "report.html",
    "district.xlsx",
];

/// The built `gid-rollup`, to run in the project root with a fixed clock in China's zone (and
/// no test hook left set).
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gid-rollup"));
    // The office's clock: a fixed moment, and China's zone (a POSIX rule: no zone files needed).
    c.current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("TZ", "CST-8")
        .env_remove("GID_ROLLUP_FAIL_WRITE");
    c
}

/// Run `gid-rollup ARGS…` (see [`command`]).
pub fn run(args: &[&str]) -> Output {
    command().args(args).output().expect("the binary runs")
}

/// A night's run: `gid-rollup run REPORTS --out OUT EXTRA…` (see [`command`]).
pub fn night(reports: &Path, out: &Path, extra: &[&str]) -> Output {
    let (reports, out) = (reports.to_string_lossy(), out.to_string_lossy());
    let mut args = vec!["run", reports.as_ref(), "--out", out.as_ref()];
    args.extend_from_slice(extra);
    run(&args)
}

/// The eight real 平潭 2023 pages (`tests/data/real/pingtan-2023/<name>.html`), which the
/// other programs' files are made from.
pub const PINGTAN_PAGES: [&str; 8] = [
    "gwh_guanweihuibangongshi",
    "hzs_xingzhengshenpi",
    "jjf_jingjifazhan",
    "jjp_jinjingpianqu",
    "jtj_jiaotongjianshe",
    "shs_shehuishiye",
    "zrz_ziranziyuan",
    "zone_aggregate.full",
];

/// The bundled district's own aggregate, as published.
pub const PUBLISHED: &str = "data/published/临江区2025年政府信息公开工作年度报告.html";

/// Roll up the bundled district with the office's inputs (the roster, `previous`, the published
/// aggregate) into a fresh folder named `name`; the run must finish with findings (exit 1).
pub fn office_run(name: &str, previous: &str) -> PathBuf {
    let out = scratch(name);
    let o = run(&[
        "run",
        "data/reports",
        "--roster",
        "data/roster.csv",
        "--previous",
        previous,
        "--published",
        PUBLISHED,
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// A fresh empty folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gid-rollup-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Minimal RFC 4180 reader (quoted fields, doubled quotes, no line breaks inside fields; a BOM
/// passed over).
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // A byte-order mark (Excel's UTF-8) is not part of the first column's name.
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = split(lines.next().expect("a header"));
    lines
        .map(|l| header.iter().cloned().zip(split(l)).collect())
        .collect()
}

fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Copy the files of folder `from` (not its subfolders) into `to`, made if needed.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A copy of the bundled district's reports in `to`.
pub fn copy_reports(to: &Path) {
    copy_dir(&root().join("data/reports"), to);
}

/// The real reports the tests read (copied from the shared corpus).
pub fn corpus() -> PathBuf {
    root().join("tests/data/real")
}

/// What a run printed, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run said on stderr, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A run's `manifest.json`.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// Run `gid-rollup` with its standard output a pipe whose reader is gone before anything is
/// printed (as `gid-rollup … | head` once `head` has had its line).
pub fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = command()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("it ends")
}

/// The Rust files under `dir`, at any depth.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A real report's `tests/data/real/<name>.expected`: what it prints, cell by cell, and the
/// findings (check, cells) those numbers deserve.
pub struct Expected {
    pub source: String,
    pub unit: String,
    pub year: i32,
    pub template: String,
    pub t2: Vec<String>,
    pub t3: Vec<(String, Vec<String>)>,
    pub t4: Vec<String>,
    pub findings: BTreeSet<(String, String)>,
}

/// Read `tests/data/real/<name>` (see [`Expected`]).
pub fn read_expected(name: &str) -> Expected {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut e = Expected {
        source: String::new(),
        unit: String::new(),
        year: 0,
        template: String::new(),
        t2: vec![],
        t3: vec![],
        t4: vec![],
        findings: BTreeSet::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (head, rest) = line.split_once(' ').unwrap();
        let words: Vec<String> = rest.split_whitespace().map(String::from).collect();
        match head {
            "source" => e.source = rest.to_string(),
            "unit" => e.unit = rest.to_string(),
            "year" => e.year = rest.parse().unwrap(),
            "template" => e.template = rest.to_string(),
            "t2" => e.t2 = words,
            "t3" => e.t3.push((words[0].clone(), words[1..].to_vec())),
            "t4" => e.t4 = words,
            "finding" => {
                let cells = if words[1] == "-" {
                    String::new()
                } else {
                    words[1].clone()
                };
                e.findings.insert((words[0].clone(), cells));
            }
            other => panic!("{name}: unknown line {other}"),
        }
    }
    e
}

/// A small seeded generator (xorshift64*): fuzz tests that give the same cases every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `bytes` damaged one way: a bit flipped, cut short, a run overwritten, a byte dropped.
    pub fn damage(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        if out.is_empty() {
            return out;
        }
        let at = self.below(out.len());
        match self.below(4) {
            0 => out[at] ^= 1 << self.below(8),
            1 => out.truncate(at),
            2 => {
                let end = (at + 1 + self.below(16)).min(out.len());
                for b in &mut out[at..end] {
                    *b = self.next() as u8;
                }
            }
            _ => {
                out.remove(at);
            }
        }
        out
    }
}

/// `pdf` with page `page` (1-based) drawn as `image` alone, as a scanner's page is: its text is
/// gone.
#[allow(dead_code)]
pub fn page_as_image(pdf: &[u8], page: u32, image: lopdf::Stream) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc.get_pages()[&page];
    let image = doc.add_object(image);
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Scan Do Q".to_vec(),
    ));
    let resources = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Scan" => Object::Reference(image) },
    });
    let p = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
    p.set("Contents", Object::Reference(content));
    p.set("Resources", Object::Reference(resources));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Every cell's printed value in `tests/data/real/<name>` (see [`Expected`]), by key: a number
/// as printed, `_` printed blank, `-` not printed.
#[allow(dead_code)]
pub fn expected_cells(name: &str) -> BTreeMap<String, String> {
    use gid_rollup::template::keys::{T3Col, T3Row, T4Block, T4Result, T2_2021};
    use gid_rollup::template::CellRef;
    let e = read_expected(name);
    let mut out = BTreeMap::new();
    for (f, v) in T2_2021.iter().zip(&e.t2) {
        out.insert(f.key.to_string(), v.clone());
    }
    for (row, values) in &e.t3 {
        let row = T3Row::ALL.into_iter().find(|r| r.key() == row).unwrap();
        for (c, v) in T3Col::ALL.iter().zip(values) {
            out.insert(CellRef::T3(row, *c).key(), v.clone());
        }
    }
    let t4 = T4Block::ALL
        .iter()
        .flat_map(|b| T4Result::ALL.map(|r| CellRef::T4(*b, r).key()));
    for (k, v) in t4.zip(&e.t4) {
        out.insert(k, v.clone());
    }
    out
}

/// A parsed cell in the notation of [`expected_cells`] (`invalid(…)`, `placeholder(…)` for the
/// others).
#[allow(dead_code)]
pub fn notation(e: Option<&gid_rollup::template::Entry>) -> String {
    use gid_rollup::value::CellValue;
    match e.map(|e| &e.value) {
        Some(CellValue::Number(d)) => d.to_string(),
        Some(CellValue::Blank) => "_".into(),
        Some(CellValue::Placeholder) => format!("placeholder({})", e.map_or("", |e| &e.raw)),
        Some(CellValue::Invalid) => format!("invalid({})", e.map_or("", |e| &e.raw)),
        Some(CellValue::Absent) | None => "-".into(),
    }
}
