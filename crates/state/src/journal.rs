//! The per-transaction journal: a write buffer over the block's state, with
//! checkpoints so that a nested call can be reverted on its own.

use std::ops::ControlFlow;
use std::sync::Arc;

use crate::view::{merge_scan, Visitor, Writes};
use crate::{Slot, StateError, StateKey, StateView, Value};

/// One undo entry: the key written and what the buffer held for it before
/// (`None`: nothing buffered; `Some(None)`: a buffered deletion).
#[derive(Debug)]
struct Undo {
    key: Vec<u8>,
    previous: Option<Option<Value>>,
}

/// A point a [`Journal`] can return to: taken by [`Journal::checkpoint`],
/// consumed by [`Journal::commit_checkpoint`] or [`Journal::revert_to`].
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a checkpoint must be committed or reverted"]
pub struct Checkpoint {
    depth: usize,
    undo_len: usize,
}

/// A transaction's view of state: reads see its own writes first, then the
/// state below (a [`StateView`]); writes are buffered until
/// [`Journal::into_changes`] hands them to
/// [`StateDb::apply`](crate::StateDb::apply). Dropping the journal discards
/// them.
///
/// Nested calls: [`Journal::checkpoint`] before the call, then
/// [`Journal::commit_checkpoint`] if it succeeded or [`Journal::revert_to`]
/// if it failed, which undoes exactly the writes made since the checkpoint
/// and keeps the caller's. Checkpoints nest like calls: the most recent one
/// is committed or reverted first. Each write made while a checkpoint is
/// open logs one undo entry holding what it replaced; writes outside any
/// checkpoint log nothing.
///
/// ```
/// use std::sync::Arc;
/// use v8vm_state::{Journal, MemoryBackend, Slot, StateDb, StateOptions};
///
/// let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
/// let mut tx = Journal::new(db.clone());
/// tx.storage_put(&Slot::key("token", "supply"), "100");
/// let call = tx.checkpoint();
/// tx.storage_put(&Slot::key("token", "supply"), "0");
/// tx.revert_to(call); // the nested call failed
/// assert_eq!(tx.storage_get(&Slot::key("token", "supply"))?.as_deref(), Some("100"));
/// db.apply(tx.into_changes());
/// db.commit_block(1, b"block 1", b"receipts 1")?;
/// # Ok::<(), v8vm_state::StateError>(())
/// ```
pub struct Journal {
    base: Arc<dyn StateView>,
    writes: Writes,
    undo: Vec<Undo>,
    depth: usize,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("writes", &self.writes.len())
            .field("undo", &self.undo.len())
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

/// A transaction's net writes, to apply with [`StateDb::apply`](crate::StateDb::apply).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub(crate) writes: Writes,
}

impl Changes {
    /// Number of keys written.
    pub fn len(&self) -> usize {
        self.writes.len()
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// The writes in key order: `Some(value)` to store, `None` to delete.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], Option<&Value>)> {
        self.writes.iter().map(|(key, value)| (key.as_slice(), value.as_ref()))
    }

    /// Adds the writes of a later transaction (or action): where both wrote
    /// a key, `later`'s value wins.
    pub fn extend(&mut self, later: Changes) {
        if self.writes.is_empty() {
            self.writes = later.writes;
        } else {
            self.writes.extend(later.writes);
        }
    }
}

/// Writes not yet applied laid over the state below: what the next action
/// of a transaction reads after the earlier ones.
pub struct Overlay {
    below: Arc<dyn StateView>,
    changes: Changes,
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay").field("changes", &self.changes.len()).finish_non_exhaustive()
    }
}

impl Overlay {
    /// `changes` over `below`.
    pub fn new(below: Arc<dyn StateView>, changes: Changes) -> Overlay {
        Overlay { below, changes }
    }

    /// The writes laid over the state below.
    pub fn into_changes(self) -> Changes {
        self.changes
    }
}

impl StateView for Overlay {
    fn get(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        match self.changes.writes.get(key) {
            Some(written) => Ok(written.clone()),
            None => self.below.get(key),
        }
    }

    fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError> {
        merge_scan(&self.changes.writes, prefix, |below| self.below.scan(prefix, below), visit)
    }
}

impl Journal {
    /// An empty journal over `base`.
    pub fn new(base: Arc<dyn StateView>) -> Journal {
        Journal { base, writes: Writes::new(), undo: Vec::new(), depth: 0 }
    }

    /// The value under `key` as this transaction sees it.
    ///
    /// # Errors
    /// The state below cannot be read.
    pub fn get(&self, key: &StateKey) -> Result<Option<Value>, StateError> {
        self.get_encoded(&key.encode())
    }

    /// Stores `value` under `key`.
    pub fn put(&mut self, key: &StateKey, value: impl Into<Value>) {
        self.write(key.encode(), Some(value.into()));
    }

    /// Deletes `key`.
    pub fn delete(&mut self, key: &StateKey) {
        self.write(key.encode(), None);
    }

    /// The string at a storage `slot`.
    ///
    /// # Errors
    /// The state below cannot be read, or holds bytes that are not UTF-8
    /// there ([`StateError::Corrupt`]).
    pub fn storage_get(&self, slot: &Slot) -> Result<Option<String>, StateError> {
        match self.get_encoded(&slot.encode())? {
            Some(bytes) => match std::str::from_utf8(&bytes) {
                Ok(text) => Ok(Some(text.to_owned())),
                Err(_) => Err(StateError::Corrupt(format!("storage value at {slot:?} is not UTF-8"))),
            },
            None => Ok(None),
        }
    }

    /// Stores the string `value` at a storage `slot`.
    pub fn storage_put(&mut self, slot: &Slot, value: &str) {
        self.write(slot.encode(), Some(Value::from(value.as_bytes())));
    }

    /// Deletes a storage `slot`.
    pub fn storage_delete(&mut self, slot: &Slot) {
        self.write(slot.encode(), None);
    }

    /// The first fields of map `key` of `contract` as this transaction sees
    /// them, in ascending byte order: all of them if there are at most
    /// `limit`, else `limit + 1` (nothing past those is read).
    ///
    /// # Errors
    /// The state below cannot be read, or holds a field name that is not
    /// UTF-8 ([`StateError::Corrupt`]).
    pub fn map_fields(&self, contract: &str, key: &str, limit: usize) -> Result<Vec<String>, StateError> {
        let prefix = StateKey::map_prefix(contract, key);
        let mut fields = Vec::new();
        let mut invalid = false;
        self.scan(&prefix, &mut |full, _| {
            match std::str::from_utf8(&full[prefix.len()..]) {
                Ok(field) => fields.push(field.to_owned()),
                Err(_) => invalid = true,
            }
            if fields.len() > limit {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        if invalid {
            return Err(StateError::Corrupt(format!("a field of map {key:?} of {contract:?} is not UTF-8")));
        }
        Ok(fields)
    }

    /// Calls `visit` with every pair whose encoded key starts with `prefix`
    /// as this transaction sees them, in ascending key order.
    ///
    /// # Errors
    /// The state below cannot be read.
    pub fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError> {
        merge_scan(&self.writes, prefix, |below| self.base.scan(prefix, below), visit)
    }

    /// Opens a checkpoint, before a nested call.
    pub fn checkpoint(&mut self) -> Checkpoint {
        self.depth += 1;
        Checkpoint { depth: self.depth, undo_len: self.undo.len() }
    }

    /// Closes `checkpoint` keeping the writes made since (the nested call
    /// succeeded). An enclosing checkpoint can still revert them.
    ///
    /// # Panics
    /// If `checkpoint` is not the most recent open one.
    pub fn commit_checkpoint(&mut self, checkpoint: Checkpoint) {
        self.close(&checkpoint);
        if self.depth == 0 {
            self.undo.clear();
        }
    }

    /// Closes `checkpoint` undoing every write made since (the nested call
    /// failed); writes made before it stay.
    ///
    /// # Panics
    /// If `checkpoint` is not the most recent open one.
    pub fn revert_to(&mut self, checkpoint: Checkpoint) {
        self.close(&checkpoint);
        for Undo { key, previous } in self.undo.drain(checkpoint.undo_len..).rev() {
            match previous {
                Some(value) => self.writes.insert(key, value),
                None => self.writes.remove(&key),
            };
        }
    }

    /// Number of open checkpoints.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The transaction's net writes, to apply if it succeeded.
    ///
    /// # Panics
    /// If a checkpoint is still open.
    pub fn into_changes(self) -> Changes {
        assert_eq!(self.depth, 0, "a checkpoint is still open");
        Changes { writes: self.writes }
    }

    fn get_encoded(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        match self.writes.get(key) {
            Some(buffered) => Ok(buffered.clone()),
            None => self.base.get(key),
        }
    }

    fn write(&mut self, key: Vec<u8>, value: Option<Value>) {
        if self.depth == 0 {
            self.writes.insert(key, value);
        } else {
            let previous = self.writes.insert(key.clone(), value);
            self.undo.push(Undo { key, previous });
        }
    }

    fn close(&mut self, checkpoint: &Checkpoint) {
        assert!(
            checkpoint.depth == self.depth && checkpoint.undo_len <= self.undo.len(),
            "checkpoint {} closed while {} is the most recent open one",
            checkpoint.depth,
            self.depth
        );
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MemoryBackend, StateDb, StateOptions};

    fn journal() -> Journal {
        Journal::new(Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap()))
    }

    #[test]
    fn nested_revert_keeps_the_callers_writes() {
        let mut tx = journal();
        let a = Slot::key("c", "a");
        let b = Slot::key("c", "b");
        tx.storage_put(&a, "1");
        let outer = tx.checkpoint();
        tx.storage_put(&a, "2");
        tx.storage_put(&b, "x");
        let inner = tx.checkpoint();
        tx.storage_delete(&a);
        tx.storage_put(&b, "y");
        assert_eq!(tx.storage_get(&a).unwrap(), None);
        tx.revert_to(inner);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("2"));
        assert_eq!(tx.storage_get(&b).unwrap().as_deref(), Some("x"));
        let again = tx.checkpoint();
        tx.storage_put(&b, "z");
        tx.commit_checkpoint(again);
        tx.revert_to(outer);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("1"));
        assert_eq!(tx.storage_get(&b).unwrap(), None);
        assert_eq!(tx.depth(), 0);
        assert_eq!(tx.into_changes().len(), 1);
    }

    #[test]
    fn map_fields_merge_buffer_and_state() {
        let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
        let mut seed = Journal::new(db.clone());
        for field in ["alice", "bob", "carol"] {
            seed.storage_put(&Slot::field("t", "bal", field), "1");
        }
        seed.storage_put(&Slot::key("t", "bal"), "a plain key, not a field");
        seed.storage_put(&Slot::field("t", "balx", "zed"), "another map");
        db.apply(seed.into_changes());
        db.commit_block(1, b"", b"").unwrap();

        let mut tx = Journal::new(db.clone());
        tx.storage_delete(&Slot::field("t", "bal", "bob"));
        tx.storage_put(&Slot::field("t", "bal", "dave"), "2");
        tx.storage_put(&Slot::field("t", "bal", "aaron"), "3");
        assert_eq!(tx.map_fields("t", "bal", 10).unwrap(), ["aaron", "alice", "carol", "dave"]);
        assert_eq!(Journal::new(db.clone()).map_fields("t", "bal", 10).unwrap(), ["alice", "bob", "carol"]);
        db.apply(tx.into_changes());
        assert_eq!(Journal::new(db.clone()).map_fields("t", "bal", 10).unwrap(), ["aaron", "alice", "carol", "dave"]);
        // A limit reads one field past it, no more.
        assert_eq!(Journal::new(db.clone()).map_fields("t", "bal", 2).unwrap(), ["aaron", "alice", "carol"]);
        assert_eq!(Journal::new(db.clone()).map_fields("t", "bal", 0).unwrap(), ["aaron"]);
    }

    #[test]
    #[should_panic(expected = "checkpoint 1 closed while 2 is the most recent open one")]
    fn checkpoints_close_in_order() {
        let mut tx = journal();
        let outer = tx.checkpoint();
        let _inner = tx.checkpoint();
        tx.revert_to(outer);
    }
}
