//! Errors of the engine: exceptions thrown by JS and terminated executions.

/// A JavaScript exception that escaped to Rust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct JsException {
    /// V8's one-line message, e.g. `Uncaught Error: boom`.
    pub message: String,
    /// The `stack` of the thrown error, when it was a native `Error`.
    pub stack: Option<String>,
    /// The resource (script) name where it was thrown; empty if unknown.
    pub resource: String,
    /// 1-based line of the throw; 0 if unknown.
    pub line: u32,
    /// 1-based column of the throw; 0 if unknown.
    pub column: u32,
}

/// Why the engine stopped running JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminationReason {
    /// A [`TerminateHandle`](crate::TerminateHandle) ended it at a deadline.
    Timeout,
    /// The isolate reached its heap limit.
    OutOfMemory,
    /// The embedder's gas meter ran out (terminated through a handle).
    OutOfGas,
}

impl std::fmt::Display for TerminationReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TerminationReason::Timeout => "timeout",
            TerminationReason::OutOfMemory => "out of memory",
            TerminationReason::OutOfGas => "out of gas",
        })
    }
}

/// An error from running JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// JavaScript threw (including syntax errors at compile time).
    #[error("{0}")]
    Exception(JsException),
    /// Execution was terminated and cannot be caught by the script.
    #[error("execution terminated: {0}")]
    Terminated(TerminationReason),
    /// A value could not cross into Rust (a symbol or a BigInt).
    #[error("value cannot be converted (symbols and BigInts do not cross into Rust)")]
    Conversion,
}
