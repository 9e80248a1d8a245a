//! One call's buffered writes over committed state.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::{Slot, StateRead};

/// Buffered writes: `Some(value)` to store, `None` to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSet {
    entries: BTreeMap<Slot, Option<String>>,
}

impl WriteSet {
    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of buffered writes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Buffers a write of `value` at `slot`.
    pub fn put(&mut self, slot: Slot, value: String) {
        self.entries.insert(slot, Some(value));
    }

    /// Buffers a deletion of `slot`.
    pub fn delete(&mut self, slot: Slot) {
        self.entries.insert(slot, None);
    }

    /// Adds all of `later`'s writes on top of these.
    pub fn extend(&mut self, later: WriteSet) {
        self.entries.extend(later.entries);
    }

    pub(crate) fn into_entries(self) -> impl Iterator<Item = (Slot, Option<String>)> {
        self.entries.into_iter()
    }
}

/// A call's view of state: committed values plus its own buffered writes.
pub struct Overlay {
    base: Arc<dyn StateRead + Send + Sync>,
    writes: WriteSet,
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay").field("writes", &self.writes).finish_non_exhaustive()
    }
}

impl Overlay {
    /// An empty overlay over `base`.
    pub fn new(base: Arc<dyn StateRead + Send + Sync>) -> Overlay {
        Overlay { base, writes: WriteSet::default() }
    }

    /// The value at `slot` as this call sees it.
    pub fn get(&self, slot: &Slot) -> Option<String> {
        match self.writes.entries.get(slot) {
            Some(buffered) => buffered.clone(),
            None => self.base.get(slot),
        }
    }

    /// Buffers a write.
    pub fn put(&mut self, slot: Slot, value: String) {
        self.writes.put(slot, value);
    }

    /// Buffers a deletion.
    pub fn delete(&mut self, slot: Slot) {
        self.writes.delete(slot);
    }

    /// The fields of map `key` of `contract` as this call sees them, in
    /// ascending byte order.
    pub fn map_fields(&self, contract: &str, key: &str) -> Vec<String> {
        let mut fields: BTreeMap<String, bool> =
            self.base.map_fields(contract, key).into_iter().map(|f| (f, true)).collect();
        let start = Slot::field(contract, key, "");
        for (slot, value) in self.writes.entries.range(start..) {
            if slot.contract != contract || slot.key != key {
                break;
            }
            if let Some(field) = &slot.field {
                fields.insert(field.clone(), value.is_some());
            }
        }
        fields.into_iter().filter_map(|(f, present)| present.then_some(f)).collect()
    }

    /// The buffered writes, to apply if the call succeeded.
    pub fn into_writes(self) -> WriteSet {
        self.writes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryState;

    #[test]
    fn overlay_reads_its_writes_and_hides_deletes() {
        let mut base = MemoryState::default();
        let mut seed = Overlay::new(Arc::new(MemoryState::default()));
        for f in ["alice", "bob", "carol"] {
            seed.put(Slot::field("t", "bal", f), "1".into());
        }
        seed.put(Slot::key("t", "bal"), "plain key, not a field".into());
        seed.put(Slot::field("t", "balx", "zed"), "other map".into());
        base.apply(seed.into_writes());

        let mut call = Overlay::new(Arc::new(base.clone()));
        call.delete(Slot::field("t", "bal", "bob"));
        call.put(Slot::field("t", "bal", "dave"), "2".into());
        call.put(Slot::field("t", "bal", "aaron"), "3".into());
        assert_eq!(call.map_fields("t", "bal"), ["aaron", "alice", "carol", "dave"]);
        assert_eq!(call.get(&Slot::field("t", "bal", "bob")), None);
        assert_eq!(base.map_fields("t", "bal"), ["alice", "bob", "carol"]);

        base.apply(call.into_writes());
        assert_eq!(base.map_fields("t", "bal"), ["aaron", "alice", "carol", "dave"]);
        assert_eq!(base.get(&Slot::key("t", "bal")).as_deref(), Some("plain key, not a field"));
    }

    #[test]
    fn state_file_round_trips() {
        let dir = std::env::temp_dir().join(format!("v8vm-state-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.json");
        let mut state = MemoryState::default();
        let mut call = Overlay::new(Arc::new(MemoryState::default()));
        call.put(Slot::field("c", "m", "f"), "v".into());
        call.put(Slot::key("c", "k"), "w".into());
        state.apply(call.into_writes());
        state.save(&path).unwrap();
        assert_eq!(MemoryState::load(&path).unwrap(), state);
        assert_eq!(MemoryState::load(&dir.join("missing.json")).unwrap(), MemoryState::default());
        std::fs::write(&path, "{\"nope\":1}").unwrap();
        let error = MemoryState::load(&path).unwrap_err();
        assert_eq!(error.to_string(), format!("state file {} is not valid v8vm state", path.display()));
        let cause = std::error::Error::source(&error).expect("the parse error is the cause").to_string();
        assert_eq!(cause, "missing field `format` at line 1 column 10");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
