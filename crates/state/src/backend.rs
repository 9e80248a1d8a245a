//! The storage below the caches: a small trait and its two implementations.

mod memory;
mod rocks;

pub use memory::MemoryBackend;
pub use rocks::{RocksBackend, RocksOptions};

use crate::{Column, Value, Visitor};

/// Durable (or, for tests, in-memory) storage of the [`Column`]s.
///
/// Implementations only store bytes: the layers above decide what they mean.
/// [`Backend::write`] must be atomic: after a crash at any instant, either
/// every operation of a batch is visible or none is.
pub trait Backend: Send + Sync {
    /// The backend's own error, wrapped by [`StateError::Backend`](crate::StateError::Backend).
    type Error: std::error::Error + Send + Sync + 'static;

    /// The value under `key` in `column`.
    ///
    /// # Errors
    /// The storage cannot be read.
    fn get(&self, column: Column, key: &[u8]) -> Result<Option<Value>, Self::Error>;

    /// The values under `keys` in `column`, in the order of `keys`. The
    /// default calls [`Backend::get`] for each; RocksDB reads them in one
    /// batched lookup.
    ///
    /// # Errors
    /// The storage cannot be read.
    fn get_many(&self, column: Column, keys: &[&[u8]]) -> Result<Vec<Option<Value>>, Self::Error> {
        keys.iter().map(|key| self.get(column, key)).collect()
    }

    /// Calls `visit` with every pair in `column` whose key starts with
    /// `prefix`, in ascending key order.
    ///
    /// # Errors
    /// The storage cannot be read.
    fn scan(&self, column: Column, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), Self::Error>;

    /// Applies every operation of `batch`, atomically.
    ///
    /// # Errors
    /// The storage cannot be written; then nothing of the batch was applied.
    fn write(&self, batch: Batch) -> Result<(), Self::Error>;
}

/// One operation of a [`Batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    /// The column written.
    pub column: Column,
    /// The key written.
    pub key: Vec<u8>,
    /// The new value, or `None` to delete the key.
    pub value: Option<Value>,
}

/// Writes to apply together with [`Backend::write`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    ops: Vec<Op>,
}

impl Batch {
    /// An empty batch with room for `capacity` operations.
    pub fn with_capacity(capacity: usize) -> Batch {
        Batch { ops: Vec::with_capacity(capacity) }
    }

    /// Stores `value` under `key` in `column`.
    pub fn put(&mut self, column: Column, key: impl Into<Vec<u8>>, value: impl Into<Value>) {
        self.ops.push(Op { column, key: key.into(), value: Some(value.into()) });
    }

    /// Deletes `key` from `column`.
    pub fn delete(&mut self, column: Column, key: impl Into<Vec<u8>>) {
        self.ops.push(Op { column, key: key.into(), value: None });
    }

    /// Number of operations.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether there is no operation.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The operations, in the order they were added (a later one wins over
    /// an earlier one on the same key).
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }
}
