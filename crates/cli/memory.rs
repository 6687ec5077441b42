//! Memory that the allocator keeps for threads which no longer need it,
//! given back to the system between the stages of a run (issue 21).
//!
//! mimalloc gives every thread a heap of its own. A block freed by another
//! thread (the rows the reader's threads made, let go by the consolidation on
//! the main thread; the frames polars' threads made) goes back to the heap of
//! the thread that allocated it, and an empty page there is returned only when
//! that thread allocates again. Between stages the reader's and polars'
//! threads sit idle, so at 20,000 returns about a third of the resident memory
//! was pages nobody used. `mi_collect(true)` on each thread frees its empty
//! pages and purges the arenas at once. Purging without delay whenever a page
//! empties (`MIMALLOC_PURGE_DELAY=0`) gave back about as much and cost
//! 3–5 s per run.
#![allow(unsafe_code)]

/// Every thread that may hold freed pages collects its heap: both pools'
/// threads (rayon's, where the reader and the charts run; polars' own) and
/// the calling thread.
pub fn give_back() {
    rayon::broadcast(|_| collect());
    polars_core::runtime::THREAD_POOL.broadcast(|_| collect());
    collect();
}

fn collect() {
    // SAFETY: `mi_collect` takes no pointer and touches only the calling
    // thread's heap and the allocator's own arenas, under its own locks; it is
    // safe to call from any thread at any time the allocator is mimalloc, which
    // it is for this binary (`#[global_allocator]` in main.rs).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    /// Resident memory in MB (what `tonghop run -v` prints at each stage's end).
    fn resident() -> Option<u64> {
        crate::progress::memory().map(|(now, _peak)| now)
    }

    #[test]
    fn what_idle_threads_freed_is_given_back() {
        let Some(start) = resident() else {
            return; // not Linux: nothing to read the resident size from
        };
        // About 300 MB of short texts, as the reader makes them, on rayon's
        // threads; let go on this one, as the consolidation lets go of rows.
        let texts: Vec<Vec<String>> = (0..64_u32)
            .into_par_iter()
            .map(|part| {
                (0..100_000_u32)
                    .map(|i| format!("{part:08} dòng {i:012}"))
                    .collect()
            })
            .collect();
        let made = resident().unwrap_or(0);
        assert!(made > start + 200, "{start} MB → {made} MB");
        drop(texts);
        let freed = resident().unwrap_or(0);
        super::give_back();
        let given = resident().unwrap_or(0);
        assert!(
            given + 150 < freed,
            "made {made} MB, freed {freed} MB, after give_back {given} MB"
        );
    }
}
