//! A per-file time budget: the backstop that turns a file whose reading runs away into a finding
//! instead of a stalled night. Readers check [`exceeded`] between chunks of work and give up;
//! the budget is per thread, set by [`start`] for the file being read.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The default budget for reading one file. A 1 MB file of any shape reads in well under a
/// tenth of a second; only a runaway file comes near this.
pub const DEFAULT: Duration = Duration::from_secs(20);

static LIMIT_MS: AtomicU64 = AtomicU64::new(DEFAULT.as_millis() as u64);

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Set the budget for every file read from now on (`--file-time-limit`).
pub fn set_limit(limit: Duration) {
    LIMIT_MS.store(limit.as_millis().max(1) as u64, Ordering::Relaxed);
}

/// The budget per file.
pub fn limit() -> Duration {
    Duration::from_millis(LIMIT_MS.load(Ordering::Relaxed))
}

/// Start this thread's budget for one file; it ends when the guard drops.
pub fn start() -> Guard {
    start_with(limit())
}

/// Start this thread's budget of `limit` for one file.
pub fn start_with(limit: Duration) -> Guard {
    let previous = DEADLINE.with(|d| d.replace(Some(Instant::now() + limit)));
    Guard { previous }
}

/// Give this thread's file `more` time (a scanned page to read with Tesseract); nothing
/// outside [`start`].
pub fn extend(more: Duration) {
    DEADLINE.with(|d| d.set(d.get().map(|t| t + more)));
}

/// Ends the budget (restoring an outer one, if any).
pub struct Guard {
    previous: Option<Instant>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.previous));
    }
}

/// Whether this thread's file has used up its budget (never, outside [`start`]).
pub fn exceeded() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() >= t))
}

/// The two sentences of a file given up on.
pub fn messages(what: &str) -> (String, String) {
    let secs = limit().as_secs_f64();
    (
        format!("读取超时：{what}用时超过每个文件 {secs} 秒的上限，已放弃读取（文件结构异常，如极深的嵌套）；请检查文件或另存后重新提交"),
        format!("reading took longer than the {secs} s limit per file ({what}) and was given up (an unusual structure, e.g. extreme nesting); check the file or save it again and resubmit"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_per_thread_and_ends_with_its_guard() {
        assert!(!exceeded());
        {
            let _g = start_with(Duration::from_millis(1));
            std::thread::sleep(Duration::from_millis(5));
            assert!(exceeded());
            assert!(!std::thread::spawn(exceeded).join().unwrap());
        }
        assert!(!exceeded());
    }
}
