//! The state database's error type.

/// A failure of the state database: the storage below it failed, or what it
/// found there is not what it wrote.
///
/// These are infrastructure failures (the node failed), never a contract's
/// fault: a contract that misbehaves gets a failed receipt instead.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The storage backend (RocksDB, ...) reported an error.
    #[error("the storage backend failed")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A stored record cannot be decoded.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database was written by an incompatible version of v8vm.
    #[error("the database has format {found:?}, this build reads {expected:?}")]
    Format {
        /// The format the database records.
        found: String,
        /// The format this build writes.
        expected: &'static str,
    },
    /// A block was committed out of order.
    #[error("cannot commit block {got}: the next block is {expected}")]
    Height {
        /// The height that may be committed next.
        expected: u64,
        /// The height that was given.
        got: u64,
    },
    /// A snapshot fell too far behind the head: the values it needs are no
    /// longer kept.
    #[error("the state of block {height} is no longer kept (the head is block {head}); read again")]
    SnapshotGone {
        /// The height the snapshot reads at.
        height: u64,
        /// The head's height.
        head: u64,
    },
}

impl StateError {
    /// Wraps a backend's own error.
    pub fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StateError {
        StateError::Backend(Box::new(error))
    }
}
