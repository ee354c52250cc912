//! Run a piece of reading so that a panic inside it (a bug some input reaches, in this tool or a
//! library it reads with) is caught and returned as a short message — and stays off stderr:
//! the caller reports it as a finding for that one file, so the default hook's "thread panicked
//! at …" and backtrace would only be noise in a night's log. A panic outside such a piece is
//! printed as before.

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// How many `caught` calls this thread is inside.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

/// Install, once per process, a hook that is silent inside `caught` and otherwise does what the
/// hook before it did.
fn install_hook() {
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                before(info);
            }
        }));
    });
}

/// Leaves the depth as it was, also when `f` unwinds.
struct Inside;

impl Inside {
    fn enter() -> Inside {
        DEPTH.with(|d| d.set(d.get() + 1));
        Inside
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Run `f`; a panic inside it is caught, quietly, and its message returned (one line, at most
/// 300 characters: it goes into a finding's message).
pub fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let inside = Inside::enter();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    drop(inside);
    result.map_err(|payload| {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        };
        message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(300)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message_and_the_depth_comes_back() {
        assert_eq!(
            caught(|| -> () { panic!("a reader bug at {}", 7) }).unwrap_err(),
            "a reader bug at 7"
        );
        assert_eq!(caught(|| -> () { panic!("static") }).unwrap_err(), "static");
        assert_eq!(caught(|| 7), Ok(7));
        // Nested: the inner panic is caught inside, the outer piece goes on.
        assert_eq!(
            caught(|| caught(|| -> () { panic!("inner") })),
            Ok(Err("inner".into()))
        );
        assert_eq!(DEPTH.with(Cell::get), 0);
    }
}
