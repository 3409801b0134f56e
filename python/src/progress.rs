//! Progress reports to an optional Python callable `progress(done, total)`, from any
//! thread, while the work itself runs without the GIL.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;

/// Counts finished steps of `total` and tells the callback after each one.
///
/// The first exception the callback raises is kept and raised once the work is done
/// (the work is not cut short: a half-built graph would be of no use).
pub struct Progress {
    callback: Option<Py<PyAny>>,
    total: usize,
    done: AtomicUsize,
    failed: Mutex<Option<PyErr>>,
}

impl Progress {
    /// A progress of `total` steps reporting to `callback` (nothing when `None`).
    pub fn new(callback: Option<Py<PyAny>>, total: usize) -> Progress {
        Progress {
            callback,
            total,
            done: AtomicUsize::new(0),
            failed: Mutex::new(None),
        }
    }

    /// Reports `(0, total)`: the work is about to start.
    pub fn start(&self) {
        self.report(0);
    }

    /// One more step is finished.
    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed).saturating_add(1);
        self.report(done);
    }

    fn report(&self, done: usize) {
        let Some(callback) = &self.callback else {
            return;
        };
        Python::attach(|py| {
            if let Err(e) = callback.call1(py, (done, self.total)) {
                let mut failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
                failed.get_or_insert(e);
            }
        });
    }

    /// The callback's first exception, if it raised one.
    pub fn finish(self) -> PyResult<()> {
        match self.failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
