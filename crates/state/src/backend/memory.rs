//! A backend in memory, for tests.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::ops::Bound;
use std::sync::RwLock;

use super::{Backend, Batch};
use crate::key::prefix_end;
use crate::{Column, Value, Visitor};

type Columns = [BTreeMap<Vec<u8>, Value>; Column::ALL.len()];

/// A [`Backend`] holding each column in an ordered map. It loses everything
/// when dropped; a [`StateDb`](crate::StateDb) can be reopened on it with
/// [`StateDb::into_backend`](crate::StateDb::into_backend).
#[derive(Debug, Default)]
pub struct MemoryBackend {
    columns: RwLock<Columns>,
}

impl MemoryBackend {
    /// An empty backend.
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }

    /// Number of keys in `column`.
    pub fn len(&self, column: Column) -> usize {
        self.columns.read().expect("memory backend lock")[column.index()].len()
    }
}

impl Backend for MemoryBackend {
    type Error = Infallible;

    fn get(&self, column: Column, key: &[u8]) -> Result<Option<Value>, Infallible> {
        Ok(self.columns.read().expect("memory backend lock")[column.index()].get(key).cloned())
    }

    fn scan(&self, column: Column, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), Infallible> {
        let columns = self.columns.read().expect("memory backend lock");
        let end = prefix_end(prefix);
        let upper = end.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        for (key, value) in columns[column.index()].range::<[u8], _>((Bound::Included(prefix), upper)) {
            if visit(key, value).is_break() {
                break;
            }
        }
        Ok(())
    }

    fn write(&self, batch: Batch) -> Result<(), Infallible> {
        let mut columns = self.columns.write().expect("memory backend lock");
        for op in batch.ops {
            let column = &mut columns[op.column.index()];
            match op.value {
                Some(value) => column.insert(op.key, value),
                None => column.remove(&op.key),
            };
        }
        Ok(())
    }
}
