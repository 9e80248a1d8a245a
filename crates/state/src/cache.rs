//! Level 2: a least-recently-used cache of committed state, bounded in bytes.

use lru::LruCache;

use crate::Value;

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
/// least recently used entries past `capacity` bytes.
pub(crate) struct ReadCache {
    entries: LruCache<Vec<u8>, Option<Value>>,
    capacity: usize,
    stats: CacheStats,
}

impl ReadCache {
    /// An empty cache of at most `capacity` bytes; 0 disables it.
    pub(crate) fn new(capacity: usize) -> ReadCache {
        ReadCache { entries: LruCache::unbounded(), capacity, stats: CacheStats::default() }
    }

    /// The cached committed value of `key`: `Some(None)` if it is known to be
    /// absent, `None` if the cache does not know.
    pub(crate) fn get(&mut self, key: &[u8]) -> Option<Option<Value>> {
        match self.entries.get(key) {
            Some(value) => {
                self.stats.hits += 1;
                Some(value.clone())
            }
            None => {
                self.stats.misses += 1;
                None
            }
        }
    }

    /// Records the committed value of `key`.
    pub(crate) fn insert(&mut self, key: Vec<u8>, value: Option<Value>) {
        let size = cost(&key, &value);
        if size > self.capacity {
            self.remove(&key);
            return;
        }
        self.stats.bytes += size;
        if let Some((old_key, old)) = self.entries.push(key, value) {
            self.stats.bytes -= cost(&old_key, &old);
        }
        while self.stats.bytes > self.capacity {
            let (key, value) = self.entries.pop_lru().expect("a cache over capacity is not empty");
            self.stats.bytes -= cost(&key, &value);
        }
    }

    /// Forgets `key`.
    pub(crate) fn remove(&mut self, key: &[u8]) {
        if let Some(value) = self.entries.pop(key) {
            self.stats.bytes -= cost(key, &value);
        }
    }

    /// The counters.
    pub(crate) fn stats(&self) -> CacheStats {
        CacheStats { entries: self.entries.len(), ..self.stats }
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
    fn evicts_least_recently_used_past_its_byte_budget() {
        let mut cache = ReadCache::new(3 * (ENTRY_OVERHEAD + 2));
        cache.insert(b"a".to_vec(), value("1"));
        cache.insert(b"b".to_vec(), value("2"));
        cache.insert(b"c".to_vec(), None);
        assert_eq!(cache.get(b"a"), Some(value("1"))); // a is now the most recent
        cache.insert(b"d".to_vec(), value("4")); // over budget: evicts b, the least recently used
        assert_eq!(cache.get(b"b"), None);
        assert_eq!(cache.get(b"a"), Some(value("1")));
        assert_eq!(cache.get(b"d"), Some(value("4")));
        let stats = cache.stats();
        assert!(stats.bytes <= 3 * (ENTRY_OVERHEAD + 2), "{stats:?}");
        assert_eq!((stats.hits, stats.misses), (3, 1));
    }

    #[test]
    fn replacing_an_entry_keeps_the_byte_count_and_zero_disables() {
        let mut cache = ReadCache::new(1000);
        cache.insert(b"k".to_vec(), value("long value"));
        cache.insert(b"k".to_vec(), value("v"));
        assert_eq!(cache.stats().bytes, 2 + ENTRY_OVERHEAD);
        let mut off = ReadCache::new(0);
        off.insert(b"k".to_vec(), value("v"));
        assert_eq!(off.get(b"k"), None);
        assert_eq!(off.stats().entries, 0);
    }
}
