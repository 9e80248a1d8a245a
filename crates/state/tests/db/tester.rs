//! Helpers shared by the suites.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use v8vm_state::{
    Backend, Batch, Column, Digest, Journal, LtHash, MemoryBackend, RocksBackend, RocksOptions, Slot, StateDb,
    StateKey, StateOptions, Value,
};

/// A state database in memory with a small read cache, so evictions happen.
pub(crate) fn memory_db() -> StateDb<MemoryBackend> {
    StateDb::open(MemoryBackend::new(), small_cache()).unwrap()
}

pub(crate) fn small_cache() -> StateOptions {
    StateOptions { read_cache_bytes: 2048 }
}

/// Rocks options for tests: no fsync, a small block cache.
pub(crate) fn rocks_options() -> RocksOptions {
    RocksOptions { sync: false, block_cache_bytes: 1 << 20 }
}

/// A fresh directory under the system temp dir, removed when dropped.
#[derive(Debug)]
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("v8vm-state-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn rocks_db(dir: &TempDir) -> StateDb<RocksBackend> {
    StateDb::open(RocksBackend::open(&dir.0, &rocks_options()).unwrap(), small_cache()).unwrap()
}

/// Every storage slot and value visible through `journal` (not the maps'
/// indexes).
#[track_caller]
pub(crate) fn visible(journal: &Journal) -> BTreeMap<Slot, String> {
    let mut out = BTreeMap::new();
    journal
        .scan(&[], &mut |key, value| {
            match StateKey::decode(key).unwrap() {
                StateKey::Storage(slot) => {
                    out.insert(slot, String::from_utf8(value.to_vec()).unwrap());
                }
                StateKey::MapIndex { .. } => {}
                other => panic!("not a storage key: {other:?}"),
            }
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    out
}

/// The digest of a state holding exactly `slots`, computed from scratch.
pub(crate) fn digest_of(slots: &BTreeMap<Slot, String>) -> Digest {
    let mut lattice = LtHash::new();
    for (slot, value) in slots {
        lattice.insert(&StateKey::Storage(slot.clone()).encode(), value.as_bytes());
    }
    lattice.digest()
}

/// Commits `writes` as one transaction and one block.
#[track_caller]
pub(crate) fn commit<B: Backend + 'static>(db: &Arc<StateDb<B>>, writes: &[(Slot, Option<&str>)]) -> Digest {
    let mut tx = Journal::new(db.clone());
    for (slot, value) in writes {
        match value {
            Some(value) => tx.storage_put(slot, value).unwrap(),
            None => tx.storage_delete(slot).unwrap(),
        }
    }
    db.apply(tx.into_changes());
    let height = db.head().height + 1;
    db.commit_block(height, format!("block {height}").as_bytes(), b"receipts").unwrap()
}

/// A memory backend whose writes fail while `fail` is set.
#[derive(Debug, Default)]
pub(crate) struct FlakyBackend {
    pub(crate) inner: MemoryBackend,
    pub(crate) fail: AtomicBool,
}

/// The error of a [`FlakyBackend`].
#[derive(Debug, thiserror::Error)]
#[error("disk on fire")]
pub(crate) struct Fire;

impl Backend for FlakyBackend {
    type Error = Fire;

    fn get(&self, column: Column, key: &[u8]) -> Result<Option<Value>, Fire> {
        Ok(self.inner.get(column, key).unwrap())
    }

    fn scan(&self, column: Column, prefix: &[u8], visit: &mut v8vm_state::Visitor<'_>) -> Result<(), Fire> {
        self.inner.scan(column, prefix, visit).map_err(|e| match e {})
    }

    fn write(&self, batch: Batch) -> Result<(), Fire> {
        if self.fail.load(Ordering::Relaxed) {
            return Err(Fire);
        }
        self.inner.write(batch).map_err(|e| match e {})
    }
}
