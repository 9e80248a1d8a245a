//! The state database: the block write cache (level 1) and the read cache
//! (level 2) over a [`Backend`], atomic block commits and the state digest.

use std::collections::{BTreeMap, VecDeque};
use std::ops::{Bound, ControlFlow};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard};

use crate::backend::{Backend, Batch};
use crate::cache::{CacheStats, ShardedCache};
use crate::digest::{Digest, LtHash, LATTICE_BYTES};
use crate::key::{height_key, prefix_end, FORMAT_KEY, HEAD_KEY};
use crate::view::{merge_ordered, merge_scan, Layered, Visitor, Writes};
use crate::{Changes, Column, StateError, StateKey, StateView, Value};

/// The format this build writes, recorded in [`Column::Meta`].
pub const FORMAT: &str = "v8vm-state-db-2";

/// Written keys per commit thread, at least.
const WRITES_PER_COMMIT_THREAD: usize = 1024;
/// Blocks with fewer written keys commit on the calling thread alone.
const PARALLEL_MIN_WRITES: usize = 2 * WRITES_PER_COMMIT_THREAD;
/// Most threads a commit uses. More than cores: reading the old values of
/// cold data waits on the disk, and more threads keep more reads in flight
/// (at 10M keys with a cold page cache, 16 threads commit a block of 40,000
/// writes ~1.5-2x faster than 2); on warm data the extra threads cost little.
const MAX_COMMIT_THREADS: usize = 16;

/// Most blocks a [`Snapshot`] may fall behind the head: the values it
/// needs from before later blocks are kept that long at most, then its
/// reads fail ([`StateError::SnapshotGone`]).
pub const MAX_SNAPSHOT_LAG: u64 = 256;

/// How to open a [`StateDb`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateOptions {
    /// Bytes of the read cache (level 2); 0 disables it.
    pub read_cache_bytes: usize,
}

impl Default for StateOptions {
    fn default() -> StateOptions {
        StateOptions { read_cache_bytes: 64 << 20 }
    }
}

/// The last committed block: its height (0 before the first block) and the
/// digest of the state it left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// Height of the last committed block; 0 if none.
    pub height: u64,
    /// Digest of the committed state.
    pub digest: Digest,
}

/// What is committed: the head and the lattice of the state digest.
struct Committed {
    height: u64,
    lattice: LtHash,
    digest: Digest,
}

/// The level-1 layers, under one lock.
struct Layers {
    /// The writes of the block being built.
    pending: Writes,
    /// For each block committed since the oldest live [`Snapshot`]'s height,
    /// oldest first: the values its writes replaced (`None`: absent), so
    /// that snapshots read the state as it was.
    replaced: VecDeque<(u64, Writes)>,
}

/// Contract state over a [`Backend`], built block by block.
///
/// Layers, from the top: a transaction's [`Journal`](crate::Journal) (not
/// held here) → the block write cache, holding the writes of the
/// transactions already applied to the block being built, which the next
/// ones see → the read cache, a bounded LRU of committed values → the
/// backend. Reads ([`StateView`]) take `&self` and may run on many threads;
/// [`StateDb::apply`] and [`StateDb::commit_block`] wait for them. A
/// [`Snapshot`] reads the committed state of one block, whatever is built
/// or committed after it.
///
/// [`StateDb::commit_block`] writes the block's state changes, the block,
/// its receipts and the new digest in one atomic batch.
pub struct StateDb<B> {
    backend: B,
    /// Level 1: the block write cache. Readers hold its read lock for the
    /// whole lookup, so a commit (write lock) never interleaves with one.
    layers: RwLock<Layers>,
    /// The heights live snapshots read at, with how many read at each.
    /// Locked after `layers` when both are.
    snapshots: Mutex<BTreeMap<u64, usize>>,
    /// Level 2: the read cache.
    cache: ShardedCache,
    committed: Mutex<Committed>,
}

impl<B: Backend> std::fmt::Debug for StateDb<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateDb").field("head", &self.head()).finish_non_exhaustive()
    }
}

impl<B: Backend> StateDb<B> {
    /// Opens the state stored in `backend` (empty if nothing was committed).
    ///
    /// # Errors
    /// The backend cannot be read, or holds another format or a corrupt head.
    pub fn open(backend: B, options: StateOptions) -> Result<StateDb<B>, StateError> {
        let committed = match backend.get(Column::Meta, HEAD_KEY).map_err(StateError::backend)? {
            None => Committed { height: 0, lattice: LtHash::new(), digest: LtHash::new().digest() },
            Some(head) => {
                let format = backend.get(Column::Meta, FORMAT_KEY).map_err(StateError::backend)?;
                if format.as_deref() != Some(FORMAT.as_bytes()) {
                    let found = format.map_or_else(|| "none".to_owned(), |f| String::from_utf8_lossy(&f).into_owned());
                    return Err(StateError::Format { found, expected: FORMAT });
                }
                decode_head(&head)?
            }
        };
        Ok(StateDb {
            backend,
            layers: RwLock::new(Layers { pending: Writes::new(), replaced: VecDeque::new() }),
            snapshots: Mutex::new(BTreeMap::new()),
            cache: ShardedCache::new(options.read_cache_bytes),
            committed: Mutex::new(committed),
        })
    }

    /// The last committed block's height and state digest.
    pub fn head(&self) -> Head {
        let committed = self.committed();
        Head { height: committed.height, digest: committed.digest }
    }

    /// Adds a transaction's writes to the block being built: the next
    /// transactions read them; [`StateDb::commit_block`] stores them.
    pub fn apply(&self, changes: Changes) {
        let pending = &mut self.layers.write().expect("block cache lock").pending;
        if pending.is_empty() {
            *pending = changes.writes;
        } else {
            pending.extend(changes.writes);
        }
    }

    /// Number of keys written by the block being built.
    pub fn pending_len(&self) -> usize {
        self.layers().pending.len()
    }

    /// Drops the writes of the block being built (the block is abandoned).
    pub fn discard_block(&self) {
        self.layers.write().expect("block cache lock").pending.clear();
    }

    /// Commits the block being built as block `height`: its state changes,
    /// `block`, `receipts` and the new state digest, in one atomic write.
    /// Returns the new digest.
    ///
    /// A crash at any instant leaves either all of it or none of it. If the
    /// write fails, nothing in memory changes: the block's writes stay
    /// pending and the commit may be retried. (A storage failure such as a
    /// failed `fsync` can leave it unknown whether the batch reached the
    /// disk; RocksDB then refuses further writes, and reopening the database
    /// reads the head that is really there.)
    ///
    /// # Errors
    /// [`StateError::Height`] unless `height` is the head's plus one;
    /// [`StateError::Backend`] if the backend fails.
    pub fn commit_block(&self, height: u64, block: &[u8], receipts: &[u8]) -> Result<Digest, StateError> {
        self.commit_block_with(height, |_| (block.to_vec(), receipts.to_vec()))
    }

    /// The state digest the block being built would commit, without
    /// committing it (a validator compares it with the block's header).
    ///
    /// # Errors
    /// The backend cannot be read.
    pub fn pending_digest(&self) -> Result<Digest, StateError> {
        let layers = self.layers();
        let writes: Vec<(&[u8], Option<&Value>)> =
            layers.pending.iter().map(|(k, v)| (k.as_slice(), v.as_ref())).collect();
        let cached: Vec<Option<Option<Value>>> = writes.iter().map(|(key, _)| self.cache.get(key)).collect();
        let (_, delta) = self.diff(&writes, &cached)?;
        let mut lattice = self.committed().lattice.clone();
        lattice.combine(&delta);
        Ok(lattice.digest())
    }

    /// Like [`commit_block`](StateDb::commit_block), for a block whose
    /// payload holds the new state digest: `make` gets the digest and
    /// returns the block and receipt payloads to store with it.
    ///
    /// # Errors
    /// As [`commit_block`](StateDb::commit_block).
    pub fn commit_block_with(
        &self,
        height: u64,
        make: impl FnOnce(&Digest) -> (Vec<u8>, Vec<u8>),
    ) -> Result<Digest, StateError> {
        let mut layers = self.layers.write().expect("block cache lock");
        let Layers { pending, replaced } = &mut *layers;
        let mut committed = self.committed();
        if height != committed.height + 1 {
            return Err(StateError::Height { expected: committed.height + 1, got: height });
        }
        let cache = &self.cache;
        let writes: Vec<(&[u8], Option<&Value>)> = pending.iter().map(|(k, v)| (k.as_slice(), v.as_ref())).collect();
        let cached: Vec<Option<Option<Value>>> = writes.iter().map(|(key, _)| cache.get(key)).collect();
        let (old, delta) = self.diff(&writes, &cached)?;
        let mut lattice = committed.lattice.clone();
        lattice.combine(&delta);
        // What the writes replace, while a snapshot may read it.
        let oldest_snapshot = self.snapshots().keys().next().copied();
        let replacing = oldest_snapshot
            .map(|_| writes.iter().zip(&old).map(|((key, _), old)| (key.to_vec(), old.clone())).collect::<Writes>());
        let mut batch = Batch::with_capacity(writes.len() + 6);
        for ((key, new), old) in writes.into_iter().zip(old) {
            match new {
                _ if old.as_ref() == new => {}
                Some(new) => batch.put(Column::State, key, new.clone()),
                None => batch.delete(Column::State, key),
            }
        }
        let digest = lattice.digest();
        let (block, receipts) = make(&digest);
        let at = height_key(height);
        batch.put(Column::Blocks, at, block);
        batch.put(Column::Receipts, at, receipts);
        batch.put(Column::Digests, at, digest.0.as_slice());
        batch.put(Column::Meta, HEAD_KEY, encode_head(height, &digest, &lattice));
        batch.put(Column::Meta, FORMAT_KEY, FORMAT.as_bytes());
        if pending.len() < PARALLEL_MIN_WRITES {
            self.backend.write(batch).map_err(StateError::backend)?;
            for (key, value) in std::mem::take(&mut *pending) {
                cache.insert(key, value);
            }
        } else {
            // The read cache takes the new values while the backend writes
            // them; no reader runs meanwhile (the block cache is locked), and
            // if the write fails the keys are dropped from the cache again.
            let written = std::thread::scope(|scope| {
                let write = scope.spawn(|| self.backend.write(batch));
                for (key, value) in pending.iter() {
                    cache.insert(key.clone(), value.clone());
                }
                write.join().expect("the write thread panicked")
            });
            if let Err(error) = written {
                for key in pending.keys() {
                    cache.remove(key);
                }
                return Err(StateError::backend(error));
            }
            pending.clear();
        }
        *committed = Committed { height, lattice, digest };
        replaced.extend(replacing.map(|values| (height, values)));
        let needed_after = oldest_snapshot.unwrap_or(height).max(height.saturating_sub(MAX_SNAPSHOT_LAG));
        while replaced.front().is_some_and(|(at, _)| *at <= needed_after) {
            replaced.pop_front();
        }
        Ok(digest)
    }

    /// The payload of block `height`, if committed.
    ///
    /// # Errors
    /// The backend cannot be read.
    pub fn block(&self, height: u64) -> Result<Option<Value>, StateError> {
        self.backend.get(Column::Blocks, &height_key(height)).map_err(StateError::backend)
    }

    /// The receipts of block `height`, if committed.
    ///
    /// # Errors
    /// The backend cannot be read.
    pub fn receipts(&self, height: u64) -> Result<Option<Value>, StateError> {
        self.backend.get(Column::Receipts, &height_key(height)).map_err(StateError::backend)
    }

    /// The state digest after block `height`, if committed.
    ///
    /// # Errors
    /// The backend cannot be read, or the stored digest is corrupt.
    pub fn block_digest(&self, height: u64) -> Result<Option<Digest>, StateError> {
        let Some(bytes) = self.backend.get(Column::Digests, &height_key(height)).map_err(StateError::backend)? else {
            return Ok(None);
        };
        let digest = <[u8; 32]>::try_from(&*bytes)
            .map_err(|_| StateError::Corrupt(format!("the digest of block {height} is {} bytes", bytes.len())))?;
        Ok(Some(Digest(digest)))
    }

    /// The digest of the committed state computed from scratch, by scanning
    /// all of it: to check the stored one ([`StateDb::head`]).
    ///
    /// # Errors
    /// The backend cannot be read.
    pub fn recompute_digest(&self) -> Result<Digest, StateError> {
        let mut lattice = LtHash::new();
        self.backend
            .scan(Column::State, &[], &mut |key, value| {
                if StateKey::in_digest(key) {
                    lattice.insert(key, value);
                }
                ControlFlow::Continue(())
            })
            .map_err(StateError::backend)?;
        Ok(lattice.digest())
    }

    /// The read cache's counters.
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.stats()
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Closes the database and returns the backend (to reopen it); the
    /// writes of a block not committed are lost.
    pub fn into_backend(self) -> B {
        self.backend
    }

    fn committed(&self) -> MutexGuard<'_, Committed> {
        self.committed.lock().expect("head lock")
    }

    fn layers(&self) -> RwLockReadGuard<'_, Layers> {
        self.layers.read().expect("block cache lock")
    }

    fn snapshots(&self) -> MutexGuard<'_, BTreeMap<u64, usize>> {
        self.snapshots.lock().expect("snapshots lock")
    }

    /// A committed value: from the read cache, else the backend (then
    /// cached). The caller holds the layers' lock, so no commit changes the
    /// cache meanwhile.
    fn committed_get(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        if let Some(value) = self.cache.get(key) {
            return Ok(value);
        }
        let value = self.backend.get(Column::State, key).map_err(StateError::backend)?;
        self.cache.insert(key.to_vec(), value.clone());
        Ok(value)
    }

    /// A view of the last committed block's state that stays as it is:
    /// neither the block being built nor later commits show through it.
    /// What it needs of the values later blocks replace is kept while it
    /// lives, for at most [`MAX_SNAPSHOT_LAG`] blocks.
    pub fn snapshot(self: &Arc<Self>) -> Snapshot<B> {
        // No commit between reading the height and registering it.
        let _layers = self.layers();
        let height = self.committed().height;
        *self.snapshots().entry(height).or_default() += 1;
        Snapshot { db: Arc::clone(self), height }
    }

    /// The committed value of each written key (from `cached` where the
    /// read cache knew it, else read from the backend) and the change of the
    /// lattice the writes make. A large block is split over threads: the
    /// reads and the hashing dominate a commit, and lattice changes add up
    /// in any order.
    fn diff(
        &self,
        writes: &[(&[u8], Option<&Value>)],
        cached: &[Option<Option<Value>>],
    ) -> Result<(Vec<Option<Value>>, LtHash), StateError> {
        let threads = (writes.len() / WRITES_PER_COMMIT_THREAD).clamp(1, MAX_COMMIT_THREADS);
        if threads == 1 {
            return self.diff_part(writes, cached);
        }
        let chunk = writes.len().div_ceil(threads);
        let parts: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = writes
                .chunks(chunk)
                .zip(cached.chunks(chunk))
                .map(|(writes, cached)| scope.spawn(move || self.diff_part(writes, cached)))
                .collect();
            handles.into_iter().map(|handle| handle.join().expect("a commit thread panicked")).collect()
        });
        let mut old = Vec::with_capacity(writes.len());
        let mut delta = LtHash::new();
        for part in parts {
            let (part_old, part_delta) = part?;
            old.extend(part_old);
            delta.combine(&part_delta);
        }
        Ok((old, delta))
    }

    fn diff_part(
        &self,
        writes: &[(&[u8], Option<&Value>)],
        cached: &[Option<Option<Value>>],
    ) -> Result<(Vec<Option<Value>>, LtHash), StateError> {
        let missing: Vec<&[u8]> =
            writes.iter().zip(cached).filter(|(_, cached)| cached.is_none()).map(|((key, _), _)| *key).collect();
        let mut found = self.backend.get_many(Column::State, &missing).map_err(StateError::backend)?.into_iter();
        let mut old = Vec::with_capacity(writes.len());
        let mut delta = LtHash::new();
        for ((key, new), cached) in writes.iter().zip(cached) {
            let value = match cached {
                Some(value) => value.clone(),
                None => found.next().expect("the backend returns one value per key"),
            };
            if value.as_ref() != *new && StateKey::in_digest(key) {
                if let Some(value) = &value {
                    delta.remove(key, value);
                }
                if let Some(new) = new {
                    delta.insert(key, new);
                }
            }
            old.push(value);
        }
        Ok((old, delta))
    }
}

impl<B: Backend> StateView for StateDb<B> {
    fn get(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        let layers = self.layers();
        if let Some(value) = layers.pending.get(key) {
            return Ok(value.clone());
        }
        self.committed_get(key)
    }

    fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError> {
        let layers = self.layers();
        merge_scan(
            &layers.pending,
            prefix,
            |below| self.backend.scan(Column::State, prefix, below).map_err(StateError::backend),
            visit,
        )
    }
}

/// The committed state of one block, read from a [`StateDb`] while later
/// blocks are built and committed ([`StateDb::snapshot`]): what read-only
/// work (a client's query, a dry run at the door) sees, so that it never
/// shows writes a block may yet abandon, and reads one block's state
/// throughout.
pub struct Snapshot<B: Backend> {
    db: Arc<StateDb<B>>,
    height: u64,
}

impl<B: Backend> std::fmt::Debug for Snapshot<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("height", &self.height).finish_non_exhaustive()
    }
}

impl<B: Backend> Snapshot<B> {
    /// The height of the block whose state it reads.
    pub fn height(&self) -> u64 {
        self.height
    }

    /// The values blocks committed after it replaced, oldest block first
    /// (the first that has a key holds its value here).
    fn replaced<'a>(&self, layers: &'a Layers) -> Result<impl Iterator<Item = &'a Writes>, StateError> {
        let head = self.db.committed().height;
        let first = layers.replaced.iter().position(|(at, _)| *at > self.height);
        if head > self.height && first.is_none_or(|first| layers.replaced[first].0 != self.height + 1) {
            return Err(StateError::SnapshotGone { height: self.height, head });
        }
        let first = first.unwrap_or(layers.replaced.len());
        Ok(layers.replaced.range(first..).map(|(_, values)| values))
    }
}

impl<B: Backend> Drop for Snapshot<B> {
    fn drop(&mut self) {
        let mut snapshots = self.db.snapshots();
        if let Some(count) = snapshots.get_mut(&self.height) {
            *count -= 1;
            if *count == 0 {
                snapshots.remove(&self.height);
            }
        }
    }
}

impl<B: Backend> StateView for Snapshot<B> {
    fn get(&self, key: &[u8]) -> Result<Option<Value>, StateError> {
        let layers = self.db.layers();
        for values in self.replaced(&layers)? {
            if let Some(value) = values.get(key) {
                return Ok(value.clone());
            }
        }
        self.db.committed_get(key)
    }

    fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError> {
        let layers = self.db.layers();
        let end = prefix_end(prefix);
        let upper = end.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        // Merged as the scan goes: a scan that stops early reads no more of
        // what later blocks replaced than it needs.
        let replaced = self.replaced(&layers)?.map(|values| {
            values.range::<[u8], _>((Bound::Included(prefix), upper)).map(|(key, value)| (key.as_slice(), value))
        });
        merge_ordered(
            Layered::new(replaced),
            |below| self.db.backend.scan(Column::State, prefix, below).map_err(StateError::backend),
            visit,
        )
    }
}

/// The head record: height (8 bytes, big-endian), digest (32), lattice.
fn encode_head(height: u64, digest: &Digest, lattice: &LtHash) -> Vec<u8> {
    let mut out = Vec::with_capacity(40 + LATTICE_BYTES);
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&digest.0);
    out.extend_from_slice(&lattice.to_bytes());
    out
}

fn decode_head(bytes: &[u8]) -> Result<Committed, StateError> {
    if bytes.len() != 40 + LATTICE_BYTES {
        return Err(StateError::Corrupt(format!("the head record is {} bytes", bytes.len())));
    }
    let height = u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
    let digest = Digest(bytes[8..40].try_into().expect("32 bytes"));
    let lattice = LtHash::from_bytes(&bytes[40..])?;
    if lattice.digest() != digest {
        return Err(StateError::Corrupt("the head's digest does not match its lattice".into()));
    }
    Ok(Committed { height, lattice, digest })
}
