//! Runs of the pipeline asked for by the pages: one at a time, and at most one
//! more waiting — however many requests ask, a request made during a run is
//! answered by the run after it, which reads everything written meanwhile.

use crate::{Runner, Snapshot};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The state of the runs.
#[derive(Default, Clone)]
pub(crate) struct State {
    /// A run is under way.
    pub running: bool,
    /// Another is asked for after it.
    pub again: bool,
    /// Runs finished so far.
    pub finished: u64,
    /// The last run that completed.
    pub last: Option<Arc<Snapshot>>,
    /// How long it took.
    pub took: Option<Duration>,
    /// Why the last run could not complete, if it could not.
    pub error: Option<String>,
}

pub(crate) struct Runs {
    runner: Arc<dyn Runner>,
    inputs: PathBuf,
    out: PathBuf,
    state: Arc<Mutex<State>>,
    finished: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Runs {
    pub(crate) fn new(runner: Arc<dyn Runner>, inputs: PathBuf, out: PathBuf) -> Runs {
        Runs {
            runner,
            inputs,
            out,
            state: Arc::default(),
            finished: Arc::new(tokio::sync::watch::channel(0).0),
        }
    }

    /// The state now.
    pub(crate) fn state(&self) -> State {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Asks for a run; returns the number of finished runs after which what
    /// is on disk now has been read.
    pub(crate) fn request(&self) -> u64 {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if s.running {
            s.again = true;
            return s.finished + 2;
        }
        s.running = true;
        let target = s.finished + 1;
        drop(s);
        let (runner, inputs, out, state, finished) = (
            self.runner.clone(),
            self.inputs.clone(),
            self.out.clone(),
            self.state.clone(),
            self.finished.clone(),
        );
        std::thread::spawn(move || loop {
            let start = Instant::now();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                runner.run(&inputs, &out)
            }))
            .unwrap_or_else(|_| {
                Err("lỗi bất thường trong lần chạy; xin báo cho người phát triển".to_owned())
            });
            let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
            match result {
                Ok(snapshot) => {
                    s.last = Some(Arc::new(snapshot));
                    s.error = None;
                    s.took = Some(start.elapsed());
                }
                Err(e) => s.error = Some(e),
            }
            s.finished += 1;
            let n = s.finished;
            let again = std::mem::take(&mut s.again);
            s.running = again;
            drop(s);
            finished.send_replace(n);
            if !again {
                break;
            }
        });
        target
    }

    /// Waits until `target` runs have finished, or `limit` has passed:
    /// whether they have.
    pub(crate) async fn wait(&self, target: u64, limit: Duration) -> bool {
        let mut rx = self.finished.subscribe();
        tokio::time::timeout(limit, rx.wait_for(|n| *n >= target))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}
