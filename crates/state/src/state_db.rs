//! The state database: the block write cache (level 1) and the read cache
//! (level 2) over a [`Backend`], atomic block commits and the state digest.

use std::ops::ControlFlow;
use std::sync::{Mutex, MutexGuard, RwLock};

use crate::backend::{Backend, Batch};
use crate::cache::{CacheStats, ShardedCache};
use crate::digest::{Digest, LtHash, LATTICE_BYTES};
use crate::key::{height_key, FORMAT_KEY, HEAD_KEY};
use crate::view::{merge_scan, Visitor, Writes};
use crate::{Changes, Column, StateError, StateView, Value};

/// The format this build writes, recorded in [`Column::Meta`].
pub const FORMAT: &str = "v8vm-state-db-1";

/// Written keys per commit thread, at least.
const WRITES_PER_COMMIT_THREAD: usize = 1024;
/// Blocks with fewer written keys commit on the calling thread alone.
const PARALLEL_MIN_WRITES: usize = 2 * WRITES_PER_COMMIT_THREAD;
/// Most threads a commit uses. More than cores: reading the old values of
/// cold data waits on the disk, and more threads keep more reads in flight
/// (at 10M keys with a cold page cache, 16 threads commit a block of 40,000
/// writes ~1.5-2x faster than 2); on warm data the extra threads cost little.
const MAX_COMMIT_THREADS: usize = 16;

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

/// Contract state over a [`Backend`], built block by block.
///
/// Layers, from the top: a transaction's [`Journal`](crate::Journal) (not
/// held here) → the block write cache, holding the writes of the
/// transactions already applied to the block being built, which the next
/// ones see → the read cache, a bounded LRU of committed values → the
/// backend. Reads ([`StateView`]) take `&self` and may run on many threads;
/// [`StateDb::apply`] and [`StateDb::commit_block`] wait for them.
///
/// [`StateDb::commit_block`] writes the block's state changes, the block,
/// its receipts and the new digest in one atomic batch.
pub struct StateDb<B> {
    backend: B,
    /// Level 1: the block write cache. Readers hold its read lock for the
    /// whole lookup, so a commit (write lock) never interleaves with one.
    pending: RwLock<Writes>,
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
            pending: RwLock::new(Writes::new()),
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
        let mut pending = self.pending.write().expect("block cache lock");
        if pending.is_empty() {
            *pending = changes.writes;
        } else {
            pending.extend(changes.writes);
        }
    }

    /// Number of keys written by the block being built.
    pub fn pending_len(&self) -> usize {
        self.pending.read().expect("block cache lock").len()
    }

    /// Drops the writes of the block being built (the block is abandoned).
    pub fn discard_block(&self) {
        self.pending.write().expect("block cache lock").clear();
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
        let pending = self.pending.read().expect("block cache lock");
        let writes: Vec<(&[u8], Option<&Value>)> = pending.iter().map(|(k, v)| (k.as_slice(), v.as_ref())).collect();
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
        let mut pending = self.pending.write().expect("block cache lock");
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
                lattice.insert(key, value);
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
            if value.as_ref() != *new {
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
        let pending = self.pending.read().expect("block cache lock");
        if let Some(value) = pending.get(key) {
            return Ok(value.clone());
        }
        if let Some(value) = self.cache.get(key) {
            return Ok(value);
        }
        let value = self.backend.get(Column::State, key).map_err(StateError::backend)?;
        self.cache.insert(key.to_vec(), value.clone());
        Ok(value)
    }

    fn scan(&self, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), StateError> {
        let pending = self.pending.read().expect("block cache lock");
        merge_scan(
            &pending,
            prefix,
            |below| self.backend.scan(Column::State, prefix, below).map_err(StateError::backend),
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
