//! Workers: threads that each own a sandbox and run calls sent to them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::error::RuntimeError;
use crate::sandbox::{CallRequest, Execution, Sandbox, SandboxOptions};

/// Stack size of worker threads; V8 needs room for deep JS recursion to end
/// in a `RangeError` rather than a crash.
const WORKER_STACK_BYTES: usize = 8 << 20;

/// A thread owning one [`Sandbox`]. Calls run there one at a time; a
/// sandbox that can no longer be trusted (it reached its heap limit) is
/// replaced before the next call, transparently.
#[derive(Debug)]
pub struct Worker {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    stats: Arc<Counters>,
}

type Job = (CallRequest, mpsc::Sender<Execution>);

#[derive(Debug, Default)]
struct Counters {
    calls: AtomicU64,
    replaced: AtomicU64,
}

/// What a worker has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerStats {
    /// Calls executed.
    pub calls: u64,
    /// Sandboxes disposed and replaced.
    pub replaced_sandboxes: u64,
}

impl Worker {
    /// Starts a worker thread and loads its sandbox.
    ///
    /// # Errors
    /// The sandbox failed to load.
    pub fn spawn(options: SandboxOptions) -> Result<Worker, RuntimeError> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready_tx, ready) = mpsc::channel();
        let stats = Arc::new(Counters::default());
        let counters = Arc::clone(&stats);
        let thread = std::thread::Builder::new()
            .name("v8vm-worker".into())
            .stack_size(WORKER_STACK_BYTES)
            .spawn(move || {
                let mut sandbox = match Sandbox::new(&options) {
                    Ok(sandbox) => sandbox,
                    Err(e) => return drop(ready_tx.send(Err(e))),
                };
                let _ = ready_tx.send(Ok(()));
                while let Some((request, reply)) = receive(&inbox) {
                    let execution = sandbox.execute(&request);
                    // Release the request's state before answering, so the
                    // caller holds the only reference and can update it in place.
                    drop(request);
                    counters.calls.fetch_add(1, Ordering::Relaxed);
                    if sandbox.needs_replacing() {
                        // Drop the old isolate first so both are never alive at once.
                        drop(sandbox);
                        sandbox = match Sandbox::new(&options) {
                            Ok(sandbox) => sandbox,
                            Err(_) => return,
                        };
                        counters.replaced.fetch_add(1, Ordering::Relaxed);
                    }
                    let _ = reply.send(execution);
                }
            })
            .expect("spawn a worker thread");
        ready.recv().map_err(|_| RuntimeError::WorkerStopped)??;
        Ok(Worker { jobs: Some(jobs), thread: Some(thread), stats })
    }

    /// Runs `request` on the worker and waits for its execution.
    ///
    /// # Errors
    /// The worker thread has stopped.
    pub fn execute(&self, request: CallRequest) -> Result<Execution, RuntimeError> {
        let (reply, answer) = mpsc::channel();
        let jobs = self.jobs.as_ref().ok_or(RuntimeError::WorkerStopped)?;
        jobs.send((request, reply)).map_err(|_| RuntimeError::WorkerStopped)?;
        receive(&answer).ok_or(RuntimeError::WorkerStopped)
    }

    /// Counters of this worker.
    pub fn stats(&self) -> WorkerStats {
        WorkerStats {
            calls: self.stats.calls.load(Ordering::Relaxed),
            replaced_sandboxes: self.stats.replaced.load(Ordering::Relaxed),
        }
    }
}

/// How long a waiting thread polls before it sleeps: most calls take a few
/// microseconds, and waking a sleeping thread costs tens of them.
const POLL_BEFORE_SLEEP: Duration = Duration::from_micros(50);

/// Receives from `channel`, polling briefly before blocking. `None` if the
/// sender is gone.
fn receive<T>(channel: &mpsc::Receiver<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < POLL_BEFORE_SLEEP {
        match channel.try_recv() {
            Ok(value) => return Some(value),
            Err(mpsc::TryRecvError::Empty) => std::thread::yield_now(),
            Err(mpsc::TryRecvError::Disconnected) => return None,
        }
    }
    channel.recv().ok()
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
