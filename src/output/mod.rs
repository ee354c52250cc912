//! Outputs: one [`Export`] per file, all rendered in memory first, then each written to a
//! temporary file in the output folder and renamed into place (never half-written).

pub mod csv;
pub mod html;
pub mod manifest;
pub mod official;
pub mod parquet;
pub mod summary;
pub mod xlsx;

use crate::aggregate::Rollup;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a writer sees of the run.
pub struct RunRecord<'a> {
    pub rollup: &'a Rollup,
    pub version: &'static str,
    pub arguments: Vec<String>,
    pub started: String,
    pub finished: String,
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

/// Render every export, then write them all atomically into `dir`.
pub fn write_all(dir: &Path, run: &RunRecord) -> Result<Vec<PathBuf>, OutputError> {
    let rendered: Vec<(&'static str, Vec<u8>)> = all_exports()
        .iter()
        .map(|e| e.render(run).map(|bytes| (e.file_name(), bytes)))
        .collect::<Result<_, _>>()?;
    std::fs::create_dir_all(dir).map_err(|source| OutputError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (name, bytes) in rendered {
        let path = dir.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Write to `.NAME.tmp` beside the target, flush to disk, then rename over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}
