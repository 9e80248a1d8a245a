//! The per-transaction journal: a write buffer over the block's state, with
//! checkpoints so that a nested call can be reverted on its own.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::view::{merge_scan, Visitor, Writes};
use crate::{MapRecord, Slot, StateError, StateKey, StateView, Value};

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
/// is committed or reverted first. The first write of each key while a
/// checkpoint is open logs one undo entry holding what it replaced; later
/// writes of that key under the same checkpoint, and writes outside any
/// checkpoint, log nothing.
///
/// ```
/// use std::sync::Arc;
/// use v8vm_state::{Journal, MemoryBackend, Slot, StateDb, StateOptions};
///
/// let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
/// let mut tx = Journal::new(db.clone());
/// tx.storage_put(&Slot::key("token", "supply"), "100")?;
/// let call = tx.checkpoint();
/// tx.storage_put(&Slot::key("token", "supply"), "0")?;
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
    /// The keys each open checkpoint has logged, innermost last: a key
    /// written again under the same checkpoint logs nothing more, so the
    /// log grows with the keys a call writes, not with its writes (red
    /// team round 40: a nested call putting and deleting one map field a
    /// million times held 787 MB of undo entries, outside the heap limit).
    logged: Vec<HashSet<Vec<u8>>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("writes", &self.writes.len())
            .field("undo", &self.undo.len())
            .field("depth", &self.depth())
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
        Journal { base, writes: Writes::new(), undo: Vec::new(), logged: Vec::new() }
    }

    /// The value under `key` as this transaction sees it.
    ///
    /// # Errors
    /// The state below cannot be read.
    pub fn get(&self, key: &StateKey) -> Result<Option<Value>, StateError> {
        self.get_encoded(&key.encode())
    }

    /// Stores `value` under `key`: a record other than storage, which
    /// [`Journal::storage_put`] writes (it keeps the maps' indexes).
    ///
    /// # Panics
    /// If `key` is storage or a map's index.
    pub fn put(&mut self, key: &StateKey, value: impl Into<Value>) {
        self.write(Self::record_key(key), Some(value.into()));
    }

    /// Deletes `key`: a record other than storage, as [`Journal::put`].
    ///
    /// # Panics
    /// If `key` is storage or a map's index.
    pub fn delete(&mut self, key: &StateKey) {
        self.write(Self::record_key(key), None);
    }

    fn record_key(key: &StateKey) -> Vec<u8> {
        assert!(
            !matches!(key, StateKey::Storage(_) | StateKey::MapIndex { .. }),
            "storage is written with storage_put and storage_delete, which keep the maps' indexes: {key:?}"
        );
        key.encode()
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

    /// Stores the string `value` at a storage `slot`. A map field new to
    /// its map joins the map's index (see [`MapRecord`]).
    ///
    /// # Errors
    /// The state below cannot be read, or holds a corrupt map index.
    pub fn storage_put(&mut self, slot: &Slot, value: &str) -> Result<(), StateError> {
        self.write_slot(slot, Some(Value::from(value.as_bytes())))
    }

    /// Deletes a storage `slot`. A map field leaves its map's index, the
    /// map's last field taking its position.
    ///
    /// # Errors
    /// The state below cannot be read, or holds a corrupt map index.
    pub fn storage_delete(&mut self, slot: &Slot) -> Result<(), StateError> {
        self.write_slot(slot, None)
    }

    /// Writes a storage `slot`, keeping its map's index when it is a field
    /// that appears or goes.
    fn write_slot(&mut self, slot: &Slot, value: Option<Value>) -> Result<(), StateError> {
        let key = slot.encode();
        if let Some(field) = &slot.field {
            match (self.get_encoded(&key)?.is_some(), value.is_some()) {
                (false, true) => self.index_field(&slot.contract, &slot.key, field)?,
                (true, false) => self.unindex_field(&slot.contract, &slot.key, field)?,
                _ => {}
            }
        }
        self.write(key, value);
        Ok(())
    }

    /// How many fields map `key` of `contract` has, as this transaction
    /// sees it: one read, however many fields were deleted before.
    ///
    /// # Errors
    /// The state below cannot be read, or holds a corrupt count.
    pub fn map_len(&self, contract: &str, key: &str) -> Result<u64, StateError> {
        let count = self.get_encoded(&map_record(contract, key, MapRecord::Count))?;
        count.map_or(Ok(0), |bytes| decode_position(contract, key, &bytes))
    }

    /// The fields of map `key` of `contract` as this transaction sees them,
    /// in ascending byte order, if there are at most `limit`; else `None`,
    /// having read nothing past the count. The listing reads the map's
    /// index: one record per field, never a deleted one.
    ///
    /// # Errors
    /// The state below cannot be read, or holds a corrupt map index.
    pub fn map_fields(&self, contract: &str, key: &str, limit: usize) -> Result<Option<Vec<String>>, StateError> {
        let count = self.map_len(contract, key)?;
        if count > limit as u64 {
            return Ok(None);
        }
        let mut fields = Vec::new();
        let mut invalid = false;
        if count > 0 {
            // Positions `0..count` are the first records of the range, and
            // every one is a field: the scan ends at the last of them.
            self.scan(&StateKey::map_positions_prefix(contract, key), &mut |_, name| {
                match std::str::from_utf8(name) {
                    Ok(field) => fields.push(field.to_owned()),
                    Err(_) => invalid = true,
                }
                if fields.len() as u64 == count || invalid {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })?;
        }
        if invalid || fields.len() as u64 != count {
            return Err(corrupt_index(contract, key));
        }
        fields.sort_unstable();
        Ok(Some(fields))
    }

    /// Puts `field` at the end of its map's index.
    fn index_field(&mut self, contract: &str, key: &str, field: &str) -> Result<(), StateError> {
        let count = self.map_len(contract, key)?;
        let at = |record| map_record(contract, key, record);
        self.write(at(MapRecord::FieldAt(count)), Some(Value::from(field.as_bytes())));
        self.write(at(MapRecord::PositionOf(field.to_owned())), Some(position_value(count)));
        self.write(at(MapRecord::Count), Some(position_value(count + 1)));
        Ok(())
    }

    /// Takes `field` out of its map's index: the last field moves to its
    /// position, so positions stay `0..count`.
    fn unindex_field(&mut self, contract: &str, key: &str, field: &str) -> Result<(), StateError> {
        let at = |record| map_record(contract, key, record);
        let count = self.map_len(contract, key)?;
        let position_key = at(MapRecord::PositionOf(field.to_owned()));
        let position = match self.get_encoded(&position_key)? {
            Some(bytes) => decode_position(contract, key, &bytes)?,
            None => return Err(corrupt_index(contract, key)),
        };
        let last = count.checked_sub(1).filter(|last| position <= *last).ok_or_else(|| corrupt_index(contract, key))?;
        if position != last {
            let moved = self.get_encoded(&at(MapRecord::FieldAt(last)))?.ok_or_else(|| corrupt_index(contract, key))?;
            let moved_name = String::from_utf8(moved.to_vec()).map_err(|_| corrupt_index(contract, key))?;
            self.write(at(MapRecord::PositionOf(moved_name)), Some(position_value(position)));
            self.write(at(MapRecord::FieldAt(position)), Some(moved));
        }
        self.write(at(MapRecord::FieldAt(last)), None);
        self.write(position_key, None);
        let count = (last > 0).then(|| position_value(last));
        self.write(at(MapRecord::Count), count);
        Ok(())
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
        self.logged.push(HashSet::new());
        Checkpoint { depth: self.depth(), undo_len: self.undo.len() }
    }

    /// Closes `checkpoint` keeping the writes made since (the nested call
    /// succeeded). An enclosing checkpoint can still revert them.
    ///
    /// # Panics
    /// If `checkpoint` is not the most recent open one.
    pub fn commit_checkpoint(&mut self, checkpoint: Checkpoint) {
        self.close(&checkpoint);
        if self.depth() == 0 {
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
        self.logged.len()
    }

    /// The transaction's net writes, to apply if it succeeded.
    ///
    /// # Panics
    /// If a checkpoint is still open.
    pub fn into_changes(self) -> Changes {
        assert_eq!(self.depth(), 0, "a checkpoint is still open");
        Changes { writes: self.writes }
    }

    fn get_encoded(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        match self.writes.get(key) {
            Some(buffered) => Ok(buffered.clone()),
            None => self.base.get(key),
        }
    }

    fn write(&mut self, key: Vec<u8>, value: Option<Value>) {
        // The first write of `key` under the innermost checkpoint logs what
        // it replaces; later ones replace what that write put.
        let first = self.logged.last_mut().is_some_and(|logged| logged.insert(key.clone()));
        if first {
            let previous = self.writes.insert(key.clone(), value);
            self.undo.push(Undo { key, previous });
        } else {
            self.writes.insert(key, value);
        }
    }

    fn close(&mut self, checkpoint: &Checkpoint) {
        assert!(
            checkpoint.depth == self.depth() && checkpoint.undo_len <= self.undo.len(),
            "checkpoint {} closed while {} is the most recent open one",
            checkpoint.depth,
            self.depth()
        );
        self.logged.pop();
    }
}

fn map_record(contract: &str, key: &str, record: MapRecord) -> Vec<u8> {
    StateKey::MapIndex { contract: contract.to_owned(), key: key.to_owned(), record }.encode()
}

/// A count or a position as stored: eight big-endian bytes.
fn position_value(position: u64) -> Value {
    Value::from(&position.to_be_bytes()[..])
}

/// A count or a position: eight big-endian bytes.
fn decode_position(contract: &str, key: &str, bytes: &[u8]) -> Result<u64, StateError> {
    <[u8; 8]>::try_from(bytes).map(u64::from_be_bytes).map_err(|_| corrupt_index(contract, key))
}

fn corrupt_index(contract: &str, key: &str) -> StateError {
    StateError::Corrupt(format!("the index of map {key:?} of {contract:?} does not match its fields"))
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
        tx.storage_put(&a, "1").unwrap();
        let outer = tx.checkpoint();
        tx.storage_put(&a, "2").unwrap();
        tx.storage_put(&b, "x").unwrap();
        let inner = tx.checkpoint();
        tx.storage_delete(&a).unwrap();
        tx.storage_put(&b, "y").unwrap();
        assert_eq!(tx.storage_get(&a).unwrap(), None);
        tx.revert_to(inner);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("2"));
        assert_eq!(tx.storage_get(&b).unwrap().as_deref(), Some("x"));
        let again = tx.checkpoint();
        tx.storage_put(&b, "z").unwrap();
        tx.commit_checkpoint(again);
        tx.revert_to(outer);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("1"));
        assert_eq!(tx.storage_get(&b).unwrap(), None);
        assert_eq!(tx.depth(), 0);
        assert_eq!(tx.into_changes().len(), 1);
    }

    #[test]
    fn a_key_written_again_under_a_checkpoint_logs_nothing_more() {
        let mut tx = journal();
        let (a, field) = (Slot::key("c", "a"), Slot::field("c", "m", "f"));
        tx.storage_put(&a, "before").unwrap();
        let outer = tx.checkpoint();
        for i in 0..1000 {
            tx.storage_put(&a, &i.to_string()).unwrap();
            tx.storage_put(&field, "v").unwrap();
            tx.storage_delete(&field).unwrap();
        }
        // `a`, the field, and its map's count, position and positions.
        assert_eq!(tx.undo.len(), 5);
        let inner = tx.checkpoint();
        tx.storage_put(&a, "inner").unwrap();
        tx.storage_put(&field, "v").unwrap();
        assert_eq!(tx.undo.len(), 5 + 5);
        tx.revert_to(inner);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("999"));
        assert_eq!(tx.map_len("c", "m").unwrap(), 0);
        tx.revert_to(outer);
        assert_eq!(tx.storage_get(&a).unwrap().as_deref(), Some("before"));
        assert_eq!(tx.storage_get(&field).unwrap(), None);
    }

    #[test]
    fn map_fields_merge_buffer_and_state() {
        let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
        let mut seed = Journal::new(db.clone());
        for field in ["alice", "bob", "carol"] {
            seed.storage_put(&Slot::field("t", "bal", field), "1").unwrap();
        }
        seed.storage_put(&Slot::key("t", "bal"), "a plain key, not a field").unwrap();
        seed.storage_put(&Slot::field("t", "balx", "zed"), "another map").unwrap();
        db.apply(seed.into_changes());
        db.commit_block(1, b"", b"").unwrap();

        let mut tx = Journal::new(db.clone());
        tx.storage_delete(&Slot::field("t", "bal", "bob")).unwrap();
        tx.storage_put(&Slot::field("t", "bal", "dave"), "2").unwrap();
        tx.storage_put(&Slot::field("t", "bal", "aaron"), "3").unwrap();
        tx.storage_put(&Slot::field("t", "bal", "dave"), "4").unwrap();
        tx.storage_delete(&Slot::field("t", "bal", "nobody")).unwrap();
        assert_eq!(tx.map_fields("t", "bal", 10).unwrap().unwrap(), ["aaron", "alice", "carol", "dave"]);
        assert_eq!(tx.map_len("t", "bal").unwrap(), 4);
        assert_eq!(Journal::new(db.clone()).map_fields("t", "bal", 10).unwrap().unwrap(), ["alice", "bob", "carol"]);
        db.apply(tx.into_changes());
        let after = Journal::new(db.clone());
        assert_eq!(after.map_fields("t", "bal", 10).unwrap().unwrap(), ["aaron", "alice", "carol", "dave"]);
        assert_eq!(after.map_fields("t", "balx", 10).unwrap().unwrap(), ["zed"]);
        assert_eq!(after.map_fields("t", "none", 0).unwrap().unwrap(), Vec::<String>::new());
        // Over the limit: nothing is listed.
        assert_eq!(after.map_fields("t", "bal", 3).unwrap(), None);
        assert_eq!(after.map_len("t", "bal").unwrap(), 4);
    }

    /// The index of every map holds its fields at positions `0..count`,
    /// with a position record per field and no other record.
    fn assert_index_matches(tx: &Journal, contract: &str, key: &str, fields: &std::collections::BTreeSet<String>) {
        let mut records = Vec::new();
        tx.scan(&[0x05], &mut |bytes, value| {
            records.push((StateKey::decode(bytes).unwrap(), value.to_vec()));
            ControlFlow::Continue(())
        })
        .unwrap();
        let mut expected_len = 0;
        for (record, value) in &records {
            let StateKey::MapIndex { contract: c, key: k, record } = record else { panic!("{record:?}") };
            assert_eq!((c.as_str(), k.as_str()), (contract, key));
            match record {
                MapRecord::Count => assert_eq!(value, &(fields.len() as u64).to_be_bytes()),
                MapRecord::FieldAt(at) => {
                    assert!(*at < fields.len() as u64, "a position past the count: {at}");
                    let name = String::from_utf8(value.clone()).unwrap();
                    let back = map_record(contract, key, MapRecord::PositionOf(name.clone()));
                    assert_eq!(tx.get_encoded(&back).unwrap().as_deref(), Some(&at.to_be_bytes()[..]), "{name}");
                }
                MapRecord::PositionOf(name) => assert!(fields.contains(name), "{name}"),
            }
            expected_len += 1;
        }
        let want = if fields.is_empty() { 0 } else { 1 + 2 * fields.len() };
        assert_eq!(expected_len, want, "{records:?}");
        let listed = tx.map_fields(contract, key, usize::MAX).unwrap().unwrap();
        assert_eq!(listed, fields.iter().cloned().collect::<Vec<_>>());
        assert_eq!(tx.map_len(contract, key).unwrap(), fields.len() as u64);
    }

    proptest::proptest! {
        /// Puts and deletes of fields, in nested calls some of which fail,
        /// over blocks: the index always lists exactly the fields there are.
        #[test]
        fn map_indexes_follow_puts_deletes_and_reverts(
            steps in proptest::collection::vec((0u8..4, 0u8..12), 1..120),
        ) {
            let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
            let mut fields = std::collections::BTreeSet::new();
            let mut tx = Journal::new(db.clone());
            let mut height = 0;
            for (op, name) in steps {
                let field = format!("f{name}");
                let slot = Slot::field("c", "m", &field);
                match op {
                    0 => {
                        tx.storage_put(&slot, "v").unwrap();
                        fields.insert(field);
                    }
                    1 => {
                        tx.storage_delete(&slot).unwrap();
                        fields.remove(&field);
                    }
                    2 => {
                        // A nested call that writes and fails.
                        let call = tx.checkpoint();
                        tx.storage_delete(&slot).unwrap();
                        tx.storage_put(&Slot::field("c", "m", &format!("g{name}")), "v").unwrap();
                        tx.revert_to(call);
                    }
                    _ => {
                        db.apply(std::mem::replace(&mut tx, Journal::new(db.clone())).into_changes());
                        height += 1;
                        db.commit_block(height, b"", b"").unwrap();
                    }
                }
                assert_index_matches(&tx, "c", "m", &fields);
            }
        }
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
