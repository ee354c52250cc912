//! Every report read in parallel (order kept): each file read, checked and reduced to its
//! record at once, its findings put in a spill on disk, so memory holds a few hundred bytes per
//! report whatever their number.

use super::Error;
use crate::cli::Config;
use crate::finding::Finding;
use crate::input::cache::Cache;
use crate::input::discover::{discover, Discovered, Exclude};
use crate::input::load::load;
use crate::input::record::{FindingSpill, Record};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Every report read, as compact records in path order, with their findings in a spill.
pub struct Records {
    pub units: Vec<Record>,
    pub spill: FindingSpill,
    /// What discovery found wrong (folders that could not be read).
    pub discovery: Vec<Finding>,
}

/// Load every report under `inputs`, in path order, on `jobs` threads.
pub fn load_all(
    inputs: &[std::path::PathBuf],
    config: &Config,
    spill_dir: &std::path::Path,
) -> Result<Records, Error> {
    load_found(
        discover(inputs, &Exclude::own_files(&crate::output::Marks)),
        config,
        spill_dir,
    )
}

/// Load what discovery found, in path order, on `jobs` threads. Each file is read, checked and
/// reduced to its record at once; its findings go to a spill file in `spill_dir`, so memory
/// holds a few hundred bytes per report whatever their number.
pub fn load_found(
    found: Discovered,
    config: &Config,
    spill_dir: &std::path::Path,
) -> Result<Records, Error> {
    load_cached(found, config, spill_dir, None)
}

/// [`load_found`], taking the records of unchanged files from `cache` and keeping the others'.
pub fn load_cached(
    found: Discovered,
    config: &Config,
    spill_dir: &std::path::Path,
    cache: Option<&Cache>,
) -> Result<Records, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(|e| Error::Threads(config.jobs, e.to_string()))?;
    let bar = if !config.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(found.files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let spill_error = |e| Error::Spill(spill_dir.to_path_buf(), e);
    let spill = std::sync::Mutex::new(FindingSpill::new_in(spill_dir).map_err(spill_error)?);
    // The first failure to keep findings stops the run after the batch; the records are
    // collected straight into their vector (no second copy of them all).
    let failure: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let units: Vec<Record> = pool.install(|| {
        found
            .files
            .par_iter()
            .map(|p| {
                let cached = cache.and_then(|c| c.get(p));
                let (mut record, findings) = cached.unwrap_or_else(|| {
                    let (record, findings) = Record::of_loaded(load(p));
                    if let Some(c) = cache {
                        c.put(p, &record, &findings);
                    }
                    (record, findings)
                });
                bar.inc(1);
                // Where in the spill does not matter: the findings are read back by place.
                let stored = spill
                    .lock()
                    .map_err(|_| std::io::Error::other("spill lock poisoned"))
                    .and_then(|mut spill| spill.put(&findings));
                match stored {
                    Ok(at) => record.findings = at,
                    Err(e) => {
                        if let Ok(mut first) = failure.lock() {
                            first.get_or_insert(e);
                        }
                    }
                }
                record
            })
            .collect()
    });
    bar.finish_and_clear();
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(spill_error(e));
    }
    let spill = spill
        .into_inner()
        .map_err(|_| spill_error(std::io::Error::other("spill lock poisoned")))?;
    Ok(Records {
        units,
        spill,
        discovery: found.findings,
    })
}
