//! Deadlines: a thread that terminates a call that runs too long.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use v8vm_engine::{TerminateHandle, TerminationReason};

/// A thread that terminates the armed isolate when its deadline passes.
/// One per sandbox; wall-clock time is a safety backstop, not consensus.
#[derive(Debug)]
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Debug, Default)]
struct State {
    armed: Option<(Instant, TerminateHandle)>,
    /// When the watchdog thread will wake up by itself (`None`: only when
    /// notified). Arming skips the wake-up call when the thread will wake
    /// before the new deadline anyway, so back-to-back calls cost no
    /// context switch.
    wakes_at: Option<Instant>,
    shutdown: bool,
}

/// Disarms the watchdog when dropped.
#[derive(Debug)]
pub(crate) struct Armed<'a> {
    watchdog: &'a Watchdog,
}

impl Watchdog {
    pub(crate) fn new() -> Watchdog {
        let shared = Arc::new(Shared::default());
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("v8vm-watchdog".into())
            .spawn(move || watch(&thread_shared))
            .expect("spawn the watchdog thread");
        Watchdog { shared, thread: Some(thread) }
    }

    /// Terminates `handle`'s isolate if the returned guard is still alive
    /// `timeout` from now.
    pub(crate) fn arm(&self, handle: &TerminateHandle, timeout: Duration) -> Armed<'_> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        state.armed = Some((deadline, handle.clone()));
        if state.wakes_at.is_none_or(|wakes_at| wakes_at > deadline) {
            self.shared.wake.notify_one();
        }
        Armed { watchdog: self }
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn watch(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        if state.shutdown {
            return;
        }
        state = match state.armed.clone() {
            None => {
                state.wakes_at = None;
                shared.wake.wait(state).unwrap_or_else(PoisonError::into_inner)
            }
            Some((deadline, handle)) => {
                let now = Instant::now();
                if now >= deadline {
                    handle.terminate(TerminationReason::Timeout);
                    state.armed = None;
                    state
                } else {
                    state.wakes_at = Some(deadline);
                    shared.wake.wait_timeout(state, deadline - now).unwrap_or_else(PoisonError::into_inner).0
                }
            }
        };
    }
}

impl Drop for Armed<'_> {
    fn drop(&mut self) {
        self.watchdog.shared.lock().armed = None;
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
