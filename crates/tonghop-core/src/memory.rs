//! A point where a stage has let go of much memory (issue 21).
//!
//! The library crates know nothing of the allocator: the binary that links
//! them registers what gives freed memory back to the system
//! ([`set_give_back`]), and a stage calls [`give_back`] where it has just
//! dropped a large part of its work — between the periods of the
//! consolidation, between the steps of the reconciliation. Without a
//! registered function (tests, other programs) it does nothing.

use std::sync::OnceLock;

static GIVE_BACK: OnceLock<fn()> = OnceLock::new();

/// Registers the function [`give_back`] calls; the first registration stays.
pub fn set_give_back(f: fn()) {
    let _ = GIVE_BACK.set(f);
}

/// Gives memory freed so far back to the system, when the program has said
/// how ([`set_give_back`]).
pub fn give_back() {
    if let Some(f) = GIVE_BACK.get() {
        f();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }

    fn other() {
        CALLS.fetch_add(100, Ordering::SeqCst);
    }

    #[test]
    fn give_back_calls_what_was_registered_first() {
        super::give_back(); // nothing registered yet: nothing happens
        assert_eq!(CALLS.load(Ordering::SeqCst), 0);
        super::set_give_back(count);
        super::set_give_back(other);
        super::give_back();
        super::give_back();
        assert_eq!(CALLS.load(Ordering::SeqCst), 2);
    }
}
