//! Errors of the runtime itself. A failing contract is not one of them: it
//! yields a [`Receipt`](crate::Receipt) with a failure status.

use v8vm_engine::EngineError;

/// The runtime could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// The class libraries failed to load: a bug in v8vm.
    #[error("the sandbox class libraries failed to load: {0}")]
    Library(EngineError),
    /// The worker pool is shutting down, or a worker failed before answering.
    #[error("the worker stopped before answering")]
    WorkerStopped,
    /// The thread making a sandbox has too little stack for contracts to
    /// reach the call-depth limit before V8's own stack limit.
    #[error(
        "a sandbox needs {needed} bytes of stack for JS on its thread but has {available}: make it on a thread \
         with 8 MiB of stack, as the worker pool does"
    )]
    StackTooSmall {
        /// What the thread leaves to JS.
        available: usize,
        /// [`MIN_JS_STACK_BYTES`](crate::MIN_JS_STACK_BYTES).
        needed: usize,
    },
    /// The state database could not be read.
    #[error("state error: {0}")]
    State(#[from] v8vm_state::StateError),
}
