//! Contract state for v8vm.
//!
//! # Core concepts
//!
//! - [`StateDb`]: the state database. A transaction's writes go to its
//!   [`Journal`]; a successful transaction's [`Changes`] go to the block
//!   write cache ([`StateDb::apply`]), where the next transactions of the
//!   block see them; [`StateDb::commit_block`] writes the block's changes,
//!   the block, its receipts and the new state [`Digest`] to the
//!   [`Backend`] in one atomic batch. Committed values are read through a
//!   bounded LRU read cache ([`StateOptions::read_cache_bytes`]).
//! - [`Journal`]: one transaction's write buffer with [`Checkpoint`]s, so a
//!   nested call can be reverted without losing its caller's writes.
//! - [`Backend`]: a small storage trait (get, prefix scan, atomic batch) with
//!   [`RocksBackend`] (RocksDB, a column family per [`Column`]) and
//!   [`MemoryBackend`] (tests).
//! - [`StateKey`]: the key layout: contract storage ([`Slot`]: keys and map
//!   fields), each map's index of its fields ([`MapRecord`]: listing a map
//!   never steps over deleted fields), artifacts, contract metadata,
//!   accounts. `docs/state.md` describes it.
//! - [`LtHash`]/[`Digest`]: the state digest, a lattice hash of every
//!   `(key, value)` pair (but the maps' indexes, derived from their fields),
//!   updated per write and independent of write order.
//!
//! ```
//! use std::sync::Arc;
//! use v8vm_state::{Journal, MemoryBackend, Slot, StateDb, StateOptions};
//!
//! let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
//! let mut tx = Journal::new(db.clone());
//! tx.storage_put(&Slot::field("token", "balances", "alice"), "100")?;
//! db.apply(tx.into_changes()); // the transaction succeeded
//! let digest = db.commit_block(1, b"block", b"receipts")?;
//! assert_eq!(db.head().digest, digest);
//! assert_eq!(db.recompute_digest()?, digest);
//! let tx = Journal::new(db.clone());
//! assert_eq!(tx.map_fields("token", "balances", 100)?.unwrap(), ["alice"]);
//! assert_eq!(tx.map_len("token", "balances")?, 1);
//! # Ok::<(), v8vm_state::StateError>(())
//! ```
//!
#![forbid(unsafe_code)]

mod backend;
mod cache;
pub mod digest;
mod error;
mod journal;
mod key;
mod state_db;
mod view;

pub use backend::{Backend, Batch, MemoryBackend, Op, RocksBackend, RocksOptions};
pub use cache::CacheStats;
pub use digest::{Digest, LtHash};
pub use error::StateError;
pub use journal::{Changes, Checkpoint, Journal, Overlay};
pub use key::{height_key, prefix_end, Column, MapRecord, StateKey};
pub use state_db::{Head, Snapshot, StateDb, StateOptions, FORMAT, MAX_SNAPSHOT_LAG};
pub use view::{StateView, Visitor};

/// A stored value: shared bytes, cheap to clone between the layers.
pub type Value = std::sync::Arc<[u8]>;

use serde::{Deserialize, Serialize};

/// The address of one value: `(contract, key)` or `(contract, key, field)`.
///
/// Ordered so that a key's map fields sort together, after the key itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    /// The contract that owns the value.
    pub contract: String,
    /// The key (or the map's name).
    pub key: String,
    /// The map field, for map entries.
    pub field: Option<String>,
}

impl Slot {
    /// A plain key of `contract`.
    pub fn key(contract: &str, key: &str) -> Slot {
        Slot { contract: contract.to_owned(), key: key.to_owned(), field: None }
    }

    /// A field of map `key` of `contract`.
    pub fn field(contract: &str, key: &str, field: &str) -> Slot {
        Slot { contract: contract.to_owned(), key: key.to_owned(), field: Some(field.to_owned()) }
    }
}
