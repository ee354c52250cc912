//! Tesseract, found at run time (`tesseract` on the `PATH` with its `chi_sim` data, or the
//! program `GID_ROLLUP_TESSERACT` names): the build never needs it. Each call reads one picture
//! (a PGM in a temporary file) and gives its words with their boxes and confidences (TSV), and
//! is stopped when the file's time budget runs out.

use super::image::Gray;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The variable that names the Tesseract program (`none`: as if it were not installed).
pub const TESSERACT_ENV: &str = "GID_ROLLUP_TESSERACT";

/// Tesseract, when it is installed with the Chinese data.
#[derive(Debug, Clone)]
pub struct Tesseract {
    program: PathBuf,
}

/// Why there is no Tesseract to read a scan with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No program.
    Program,
    /// The program, without `chi_sim`.
    Chinese,
}

/// The installed Tesseract (looked up once per run).
pub fn tesseract() -> Result<Tesseract, Missing> {
    static FOUND: OnceLock<Result<Tesseract, Missing>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let program = match std::env::var_os(TESSERACT_ENV) {
                Some(p) if p == "none" => return Err(Missing::Program),
                Some(p) => PathBuf::from(p),
                None => find_on_path("tesseract").ok_or(Missing::Program)?,
            };
            let out = Command::new(&program)
                .arg("--list-langs")
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output()
                .map_err(|_| Missing::Program)?;
            let langs = String::from_utf8_lossy(&out.stdout);
            if !langs.lines().any(|l| l.trim() == "chi_sim") {
                return Err(Missing::Chinese);
            }
            Ok(Tesseract { program })
        })
        .clone()
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Tesseract's line of a word: its block, paragraph and line numbers.
pub type LineId = (u32, u32, u32);

/// One word Tesseract read: its box on the picture, its confidence (0–100) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub left: usize,
    pub top: usize,
    pub width: usize,
    pub height: usize,
    pub conf: f32,
    pub text: String,
    /// Tesseract's line.
    pub line: LineId,
}

impl Word {
    pub fn centre(&self) -> (usize, usize) {
        (self.left + self.width / 2, self.top + self.height / 2)
    }
}

/// How a picture is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Chinese text and numbers, a block of lines (`--psm 6`).
    Text,
    /// Only digits (and a decimal point), a block of lines (`--psm 6`): the table's value
    /// cells, one per line.
    Digits,
}

/// Why a reading failed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OcrError {
    Io(String),
    /// The file's time budget ran out while Tesseract was reading.
    OutOfTime,
    Failed(String),
}

impl Tesseract {
    /// Read `g` (at `dpi`): its words.
    pub fn read(&self, g: &Gray, dpi: u32, mode: Mode) -> Result<Vec<Word>, OcrError> {
        let dir = tempfile::tempdir().map_err(|e| OcrError::Io(e.to_string()))?;
        let input = dir.path().join("page.pgm");
        std::fs::write(&input, g.pgm()).map_err(|e| OcrError::Io(e.to_string()))?;
        let mut cmd = Command::new(&self.program);
        cmd.arg(&input)
            .arg("stdout")
            .arg("--dpi")
            .arg(dpi.to_string());
        match mode {
            Mode::Text => cmd.args(["-l", "chi_sim", "--psm", "6"]),
            Mode::Digits => cmd.args([
                "-l",
                "eng",
                "--psm",
                "6",
                "-c",
                "tessedit_char_whitelist=0123456789.",
            ]),
        };
        cmd.arg("tsv")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| OcrError::Io(e.to_string()))?;
        // Its output is read on a thread of its own (a full pipe would stop it) while this one
        // watches the budget.
        let mut stdout = child
            .stdout
            .take()
            .ok_or(OcrError::Io("no stdout".into()))?;
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stdout.read_to_string(&mut s);
            s
        });
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| OcrError::Io(e.to_string()))? {
                break status;
            }
            if crate::read::budget::exceeded() {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::OutOfTime);
            }
            std::thread::sleep(Duration::from_millis(15));
        };
        let text = reader.join().unwrap_or_default();
        if !status.success() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            return Err(OcrError::Failed(
                err.lines().last().unwrap_or("").to_string(),
            ));
        }
        Ok(parse_tsv(&text))
    }
}

/// Tesseract's TSV: the words (level 5) with a text.
pub fn parse_tsv(text: &str) -> Vec<Word> {
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 12 || f[0] != "5" {
                return None;
            }
            let n = |i: usize| f[i].trim().parse::<usize>().ok();
            let word = f[11].trim();
            if word.is_empty() {
                return None;
            }
            Some(Word {
                line: (f[2].parse().ok()?, f[3].parse().ok()?, f[4].parse().ok()?),
                left: n(6)?,
                top: n(7)?,
                width: n(8)?,
                height: n(9)?,
                conf: f[10].trim().parse().ok()?,
                text: word.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_from_tsv() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t1653\t2339\t-1\t\n\
                   5\t1\t2\t1\t3\t1\t1010\t1180\t38\t30\t96.5\t95\n\
                   5\t1\t2\t1\t3\t2\t1100\t1180\t20\t30\t41.0\t工\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 2);
        assert_eq!(
            (w[0].left, w[0].text.as_str(), w[0].conf),
            (1010, "95", 96.5)
        );
        assert_eq!(w[1].line, (2, 1, 3));
        assert_eq!(w[0].centre(), (1029, 1195));
    }
}
