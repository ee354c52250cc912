//! Outputs: one [`Export`] per file, all rendered in memory first, then written together as a
//! new set that replaces the last one whole ([`set`]), under a run lock ([`lock`]).

pub mod csv;
pub mod html;
pub mod lock;
pub mod manifest;
pub mod marker;
pub mod official;
pub mod parquet;
pub mod set;
pub mod summary;
pub mod xlsx;

use crate::aggregate::Rollup;
use crate::discover::PassedOver;
use std::path::PathBuf;

/// What a writer sees of the run.
pub struct RunRecord<'a> {
    pub rollup: &'a Rollup,
    pub version: &'static str,
    pub arguments: Vec<String>,
    pub started: String,
    pub finished: String,
    /// What discovery did not read as reports.
    pub passed_over: &'a PassedOver,
    /// Run-level warnings and notes, one bilingual line each (a year few reports match, a lock
    /// taken over): shown at the top of the summary, the page and the terminal.
    pub notes: &'a [String],
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
    #[error("输出文件夹 {path} 中有不是本工具写的内容（{what}），为免误删未写入；请换一个空文件夹或新文件夹 / the output folder {path} holds what this tool did not write ({what}); nothing was written so that it is not lost — choose an empty or a new folder")]
    NotOurs { path: PathBuf, what: String },
    #[error("输出未更新：写入 {path} 失败（{source}）；{out} 中上次的输出保持不变 / outputs not updated: writing {path} failed ({source}); the previous outputs in {out} are unchanged")]
    NotPublished {
        out: PathBuf,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One output file.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, run: &RunRecord) -> Result<Vec<u8>, OutputError>;
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

/// Render every export in memory (a render error leaves everything as it was), then replace
/// the output set whole.
pub fn write_all(out: &set::OutSet, run: &RunRecord) -> Result<(), OutputError> {
    let rendered: Vec<(&'static str, Vec<u8>)> = all_exports()
        .iter()
        .map(|e| e.render(run).map(|bytes| (e.file_name(), bytes)))
        .collect::<Result<_, _>>()?;
    out.publish(&rendered)
}
