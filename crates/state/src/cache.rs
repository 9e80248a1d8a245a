//! Level 2: a cache of committed state, bounded in bytes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};

use lru::LruCache;

use crate::Value;

/// Independent parts of the read cache, each with its own lock, so that
/// writers (commits, misses) rarely hold up readers of other keys.
const SHARDS: usize = 16;

/// The read cache shared by all readers: [`SHARDS`] caches, each with an
/// equal part of the byte budget, a key always in the same one. A hit takes
/// only a shared lock, so workers reading the same hot keys in parallel do
/// not queue for them; the price is that reads do not refresh an entry:
/// eviction is by age of insertion (a hot key evicted is read back from
/// the backend once).
pub(crate) struct ShardedCache {
    shards: Vec<RwLock<ReadCache>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl ShardedCache {
    /// An empty cache of at most `capacity` bytes in all; 0 disables it.
    pub(crate) fn new(capacity: usize) -> ShardedCache {
        ShardedCache {
            shards: (0..SHARDS).map(|_| RwLock::new(ReadCache::new(capacity / SHARDS))).collect(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// See [`ReadCache::get`].
    pub(crate) fn get(&self, key: &[u8]) -> Option<Option<Value>> {
        let found = self.shard(key).read().unwrap_or_else(PoisonError::into_inner).get(key);
        let counter = if found.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// See [`ReadCache::insert`].
    pub(crate) fn insert(&self, key: Vec<u8>, value: Option<Value>) {
        self.shard(&key).write().unwrap_or_else(PoisonError::into_inner).insert(key, value);
    }

    /// See [`ReadCache::remove`].
    pub(crate) fn remove(&self, key: &[u8]) {
        self.shard(key).write().unwrap_or_else(PoisonError::into_inner).remove(key);
    }

    /// The counters of all shards together.
    pub(crate) fn stats(&self) -> CacheStats {
        let (entries, bytes) = self.shards.iter().fold((0, 0), |(entries, bytes), shard| {
            let shard = shard.read().unwrap_or_else(PoisonError::into_inner);
            (entries + shard.entries.len(), bytes + shard.bytes)
        });
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries,
            bytes,
        }
    }

    fn shard(&self, key: &[u8]) -> &RwLock<ReadCache> {
        // FNV-1a: cheap, and keys are not chosen to collide (a skewed
        // shard only costs some contention).
        let hash = key.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
        &self.shards[(hash >> 32) as usize % SHARDS]
    }
}

/// Bytes charged for an entry besides its key and value: the hash table
/// slot, the list links, the key's and value's headers.
const ENTRY_OVERHEAD: usize = 96;

/// Counters of a read cache, for benchmarks and tuning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups answered by the cache.
    pub hits: u64,
    /// Lookups that went to the backend.
    pub misses: u64,
    /// Entries held.
    pub entries: usize,
    /// Bytes charged for the entries held.
    pub bytes: usize,
}

/// Committed values by key, absent keys included (as `None`), evicting the
/// oldest inserted entries past `capacity` bytes.
pub(crate) struct ReadCache {
    entries: LruCache<Vec<u8>, Option<Value>>,
    capacity: usize,
    /// Bytes charged for the entries held.
    bytes: usize,
}

impl ReadCache {
    /// An empty cache of at most `capacity` bytes; 0 disables it.
    pub(crate) fn new(capacity: usize) -> ReadCache {
        ReadCache { entries: LruCache::unbounded(), capacity, bytes: 0 }
    }

    /// The cached committed value of `key`: `Some(None)` if it is known to be
    /// absent, `None` if the cache does not know.
    pub(crate) fn get(&self, key: &[u8]) -> Option<Option<Value>> {
        self.entries.peek(key).cloned()
    }

    /// Records the committed value of `key`.
    pub(crate) fn insert(&mut self, key: Vec<u8>, value: Option<Value>) {
        let size = cost(&key, &value);
        if size > self.capacity {
            self.remove(&key);
            return;
        }
        self.bytes += size;
        if let Some((old_key, old)) = self.entries.push(key, value) {
            self.bytes -= cost(&old_key, &old);
        }
        while self.bytes > self.capacity {
            let (key, value) = self.entries.pop_lru().expect("a cache over capacity is not empty");
            self.bytes -= cost(&key, &value);
        }
    }

    /// Forgets `key`.
    pub(crate) fn remove(&mut self, key: &[u8]) {
        if let Some(value) = self.entries.pop(key) {
            self.bytes -= cost(key, &value);
        }
    }
}

fn cost(key: &[u8], value: &Option<Value>) -> usize {
    key.len() + value.as_ref().map_or(0, |v| v.len()) + ENTRY_OVERHEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<Value> {
        Some(Value::from(text.as_bytes()))
    }

    #[test]
    fn evicts_the_oldest_inserted_past_its_byte_budget() {
        let mut cache = ReadCache::new(3 * (ENTRY_OVERHEAD + 2));
        cache.insert(b"a".to_vec(), value("1"));
        cache.insert(b"b".to_vec(), value("2"));
        cache.insert(b"c".to_vec(), None);
        assert_eq!(cache.get(b"c"), Some(None), "known to be absent");
        cache.insert(b"a".to_vec(), value("1")); // re-inserted: now the newest
        cache.insert(b"d".to_vec(), value("4")); // over budget: evicts b, the oldest
        assert_eq!(cache.get(b"b"), None);
        assert_eq!(cache.get(b"a"), Some(value("1")));
        assert_eq!(cache.get(b"d"), Some(value("4")));
        assert!(cache.bytes <= 3 * (ENTRY_OVERHEAD + 2), "{}", cache.bytes);
    }

    #[test]
    fn shards_share_the_budget_and_count_hits() {
        let cache = ShardedCache::new(SHARDS * 100_000);
        for i in 0..100u32 {
            cache.insert(i.to_be_bytes().to_vec(), value("v"));
        }
        assert_eq!(cache.get(&7u32.to_be_bytes()), Some(value("v")));
        assert_eq!(cache.get(b"missing"), None);
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (1, 1, 100));
        assert_eq!(stats.bytes, 100 * (4 + 1 + ENTRY_OVERHEAD));
    }

    #[test]
    fn replacing_an_entry_keeps_the_byte_count_and_zero_disables() {
        let mut cache = ReadCache::new(1000);
        cache.insert(b"k".to_vec(), value("long value"));
        cache.insert(b"k".to_vec(), value("v"));
        assert_eq!(cache.bytes, 2 + ENTRY_OVERHEAD);
        let mut off = ReadCache::new(0);
        off.insert(b"k".to_vec(), value("v"));
        assert_eq!(off.get(b"k"), None);
        assert_eq!(off.entries.len(), 0);
    }
}
