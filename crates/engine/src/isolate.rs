//! Isolates, heap limits and the thread-safe termination handle.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{EngineError, JsException, TerminationReason};
use crate::{platform, sys, Context, Snapshot};

/// Settings of a new isolate.
#[derive(Debug, Clone)]
pub struct IsolateOptions {
    /// Most bytes the JS heap may use; ArrayBuffer memory has the same budget.
    /// Reaching it terminates the running script with
    /// [`TerminationReason::OutOfMemory`] instead of aborting the process.
    pub heap_limit_bytes: usize,
    /// A startup snapshot to start from: every context of the isolate is
    /// then the snapshot's context ([`Isolate::new_context`]). `None` starts
    /// from V8's own built-in snapshot.
    pub snapshot: Option<Snapshot>,
    /// Promise jobs run only when JS calls `runJobs()` of the context's
    /// engine object ([`Context::new_engine_object`]), so the embedder's
    /// library decides in which frame they run. Jobs still queued when the
    /// outermost run ends are dropped unrun. Otherwise (`false`) V8 runs
    /// them as soon as the outermost call returns.
    pub explicit_jobs: bool,
}

impl Default for IsolateOptions {
    fn default() -> Self {
        IsolateOptions { heap_limit_bytes: 128 << 20, snapshot: None, explicit_jobs: false }
    }
}

/// One V8 isolate: a JS heap with its own garbage collector.
///
/// Not `Send`: an isolate lives and dies on the thread that made it. Use a
/// [`TerminateHandle`] to stop it from another thread. Contexts and functions
/// keep the isolate alive, so it is disposed after the last of them.
#[derive(Debug)]
pub struct Isolate {
    pub(crate) inner: Rc<IsolateInner>,
}

#[derive(Debug)]
pub(crate) struct IsolateInner {
    raw: *mut sys::V8vmIsolate,
    terminate: Arc<TerminateShared>,
    /// Nesting of JS runs (host functions may call back into JS).
    depth: Cell<u32>,
    /// Set once the heap limit was reached: the heap limit has been raised
    /// to unwind, so the isolate should be replaced.
    exhausted: Cell<bool>,
    /// See [`IsolateOptions::explicit_jobs`].
    explicit_jobs: bool,
    /// The blob the isolate was made from: V8 reads it for the isolate's
    /// whole life, so it is released only after `drop` disposed the isolate.
    _snapshot: Option<Snapshot>,
}

impl Isolate {
    /// Creates an isolate, initialising the platform first if needed. With
    /// [`IsolateOptions::snapshot`] it is deserialized from that snapshot.
    pub fn new(options: &IsolateOptions) -> Isolate {
        platform::init();
        let snapshot = options.snapshot.clone();
        let (blob, blob_len) = snapshot.as_ref().map_or((std::ptr::null(), 0), |s| (s.as_bytes().as_ptr(), s.len()));
        // SAFETY: the platform is initialised; the shim owns the allocation
        // until `v8vm__Isolate__Dispose` in `IsolateInner::drop`. The blob
        // comes from `Snapshot::create` of this V8 and stays alive and
        // unchanged (immutable, shared) in `_snapshot` until after disposal.
        let raw =
            unsafe { sys::v8vm__Isolate__New(options.heap_limit_bytes, blob.cast(), blob_len, options.explicit_jobs) };
        assert!(!raw.is_null(), "V8 failed to create an isolate");
        let terminate = Arc::new(TerminateShared {
            target: Mutex::new(Target { isolate: Some(RawIsolate(raw)), running: false }),
            reason: AtomicU8::new(NO_REASON),
        });
        Isolate {
            inner: Rc::new(IsolateInner {
                raw,
                terminate,
                depth: Cell::new(0),
                exhausted: Cell::new(false),
                explicit_jobs: options.explicit_jobs,
                _snapshot: snapshot,
            }),
        }
    }

    /// A handle that can terminate this isolate's running script from any thread.
    pub fn terminate_handle(&self) -> TerminateHandle {
        TerminateHandle { shared: Arc::clone(&self.inner.terminate) }
    }

    /// Creates a new context (a JS realm with its own global object) in which
    /// code generation from strings (`eval`, `new Function`) is disabled.
    ///
    /// In an isolate made from a [`Snapshot`] every new context is a fresh
    /// copy of the snapshot's context, with the effects of its setup (globals
    /// defined, objects frozen, functions compiled);
    /// [`Context::take_snapshot_function`] gives the function the setup
    /// returned.
    pub fn new_context(&self) -> Context {
        Context::new(Rc::clone(&self.inner))
    }

    /// Whether this isolate ever reached its heap limit. Such an isolate
    /// still works, but its limit was raised to let the script unwind:
    /// replace it.
    pub fn heap_limit_reached(&self) -> bool {
        self.inner.exhausted.get()
    }

    /// Bytes of stack JS may use in this isolate, counted from where it was
    /// made: the whole stack of the thread that made it but a 512 KiB
    /// reserve for native code (V8 would otherwise stop JS after under
    /// 1 MiB, whatever the thread has). 0 if the thread's stack could not be
    /// found, and V8's default applies.
    pub fn js_stack_bytes(&self) -> usize {
        // SAFETY: `raw` is alive while `inner` is.
        unsafe { sys::v8vm__Isolate__JsStackBytes(self.inner.raw) }
    }

    /// Bytes currently used by the JS heap.
    pub fn used_heap_bytes(&self) -> usize {
        // SAFETY: `raw` is alive while `inner` is.
        unsafe { sys::v8vm__Isolate__UsedHeapSize(self.inner.raw) }
    }
}

impl IsolateInner {
    pub(crate) fn raw(&self) -> *mut sys::V8vmIsolate {
        self.raw
    }

    /// Runs `f` (one shim call that executes JS and returns a status) and
    /// turns its status into a result. When the outermost run ends, any
    /// termination still pending is cancelled, so it cannot leak into the
    /// next run.
    pub(crate) fn run(&self, f: impl FnOnce(&mut sys::V8vmException) -> i32) -> Result<(), EngineError> {
        let mut exc = sys::V8vmException::EMPTY;
        if self.depth.get() == 0 {
            self.terminate.target().running = true;
        }
        self.depth.set(self.depth.get() + 1);
        let status = f(&mut exc);
        self.depth.set(self.depth.get() - 1);
        let outermost = self.depth.get() == 0;

        // Jobs the run left queued never run in another one.
        if outermost && self.explicit_jobs {
            // SAFETY: `raw` is alive and no JS runs on this thread now.
            unsafe { sys::v8vm__Isolate__DiscardJobs(self.raw) };
        }
        // A promise rejected with nothing to handle it fails the outermost
        // run like an uncaught throw (it would otherwise vanish silently).
        // Describing it runs no JS.
        let mut rejection = sys::V8vmException::EMPTY;
        let rejected = outermost
            // SAFETY: `raw` is alive and no other JS runs on this thread.
            && unsafe { sys::v8vm__Isolate__TakeUnhandledRejection(self.raw, &mut rejection) } == sys::STATUS_EXCEPTION;
        // SAFETY: `raw` is alive while `self` is.
        if unsafe { sys::v8vm__Isolate__TakeHeapLimitReached(self.raw) } {
            self.exhausted.set(true);
            self.terminate.record(TerminationReason::OutOfMemory);
        }
        // A termination requested during the run wins even if the script
        // returned: V8 may swallow it in a promise job that ran after the
        // function's body, and the outcome must not depend on that timing.
        let result = match (status, self.terminate.reason()) {
            (_, Some(reason)) => Err(EngineError::Terminated(reason)),
            (sys::STATUS_OK, None) if rejected => Err(EngineError::Exception(take_exception(&mut rejection))),
            (sys::STATUS_OK, None) => Ok(()),
            (sys::STATUS_EXCEPTION, None) => Err(EngineError::Exception(take_exception(&mut exc))),
            (sys::STATUS_TERMINATED, None) => Err(EngineError::Terminated(TerminationReason::Timeout)),
            (_, None) => Err(EngineError::Conversion),
        };
        // Free whatever the shim filled in and was not taken above.
        drop(take_exception(&mut exc));
        drop(take_exception(&mut rejection));
        if outermost {
            // From here on a late `terminate` is a no-op, and one that came in
            // before is cancelled below.
            self.terminate.target().running = false;
            self.terminate.reset();
            // SAFETY: no JS is running on this isolate now.
            unsafe { sys::v8vm__Isolate__CancelTerminateExecution(self.raw) };
        }
        result
    }
}

pub(crate) fn take_exception(exc: &mut sys::V8vmException) -> JsException {
    let stack = exc.stack.take_string();
    JsException {
        message: exc.message.take_string(),
        stack: (!stack.is_empty()).then_some(stack),
        resource: exc.resource.take_string(),
        line: u32::try_from(exc.line).unwrap_or(0),
        column: u32::try_from(exc.column).unwrap_or(0),
    }
}

impl Drop for IsolateInner {
    fn drop(&mut self) {
        // Clear the pointer first so no handle can reach a disposed isolate.
        self.terminate.target().isolate = None;
        // SAFETY: the last context and function holding this isolate are gone.
        unsafe { sys::v8vm__Isolate__Dispose(self.raw) };
    }
}

const NO_REASON: u8 = 0;

/// Terminates an isolate's running script from any thread.
///
/// Cheap to clone. Once the isolate is disposed, `terminate` does nothing.
#[derive(Debug, Clone)]
pub struct TerminateHandle {
    shared: Arc<TerminateShared>,
}

#[derive(Debug)]
struct TerminateShared {
    target: Mutex<Target>,
    /// The first reason recorded since the last reset (`NO_REASON` if none).
    reason: AtomicU8,
}

#[derive(Debug)]
struct Target {
    /// Invariant: `Some` exactly while the isolate is alive. The lock is held
    /// while terminating, so disposal waits for a terminate in progress.
    isolate: Option<RawIsolate>,
    /// Whether an outermost run is in progress; terminating is a no-op
    /// otherwise, so a late request cannot hit the next run.
    running: bool,
}

#[derive(Debug)]
struct RawIsolate(*mut sys::V8vmIsolate);

// SAFETY: the pointer is only used for `TerminateExecution`, which V8
// documents as callable from any thread, and only while the isolate lives
// (guarded by the mutex in `TerminateShared`).
unsafe impl Send for RawIsolate {}

impl TerminateHandle {
    /// Stops the script running in the isolate (if any) as soon as possible.
    /// The script cannot catch this. The first reason given wins until the
    /// outermost run returns.
    pub fn terminate(&self, reason: TerminationReason) {
        let target = self.shared.target();
        if let (Some(RawIsolate(raw)), true) = (&target.isolate, target.running) {
            let raw = *raw;
            self.shared.record(reason);
            // SAFETY: the isolate is alive while the pointer is set and we
            // hold the lock; TerminateExecution is thread-safe.
            unsafe { sys::v8vm__Isolate__TerminateExecution(raw) };
        }
    }
}

impl TerminateShared {
    fn target(&self) -> std::sync::MutexGuard<'_, Target> {
        self.target.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, reason: TerminationReason) {
        let code = match reason {
            TerminationReason::Timeout => 1,
            TerminationReason::OutOfMemory => 2,
            TerminationReason::OutOfGas => 3,
        };
        let _ = self.reason.compare_exchange(NO_REASON, code, Ordering::SeqCst, Ordering::SeqCst);
    }

    fn reason(&self) -> Option<TerminationReason> {
        match self.reason.load(Ordering::SeqCst) {
            1 => Some(TerminationReason::Timeout),
            2 => Some(TerminationReason::OutOfMemory),
            3 => Some(TerminationReason::OutOfGas),
            _ => None,
        }
    }

    fn reset(&self) {
        self.reason.store(NO_REASON, Ordering::SeqCst);
    }
}
