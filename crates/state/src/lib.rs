//! Contract state for v8vm.
//!
//! # Core concepts
//!
//! - [`Slot`]: where one string value lives: a contract's key, or a field
//!   of a contract's map.
//! - [`StateRead`]: read access to committed state; [`MemoryState`] is the
//!   in-memory implementation (RocksDB comes later behind the same trait).
//! - [`Overlay`]: one call's view: reads fall through to the committed
//!   state, writes are buffered in a [`WriteSet`] that the caller applies
//!   only if the call succeeded. A failed call's writes never reach state.
//!
//! ```
//! use std::sync::Arc;
//! use v8vm_state::{MemoryState, Overlay, Slot, StateRead};
//!
//! let mut state = MemoryState::default();
//! let mut call = Overlay::new(Arc::new(state.clone()));
//! call.put(Slot::key("token", "supply"), "100".into());
//! assert_eq!(state.get(&Slot::key("token", "supply")), None); // not applied yet
//! state.apply(call.into_writes());
//! assert_eq!(state.get(&Slot::key("token", "supply")).as_deref(), Some("100"));
//! ```

#![forbid(unsafe_code)]

mod memory;
mod overlay;

pub use memory::{MemoryState, StateFileError};
pub use overlay::{Overlay, WriteSet};

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

/// Read access to committed state.
pub trait StateRead {
    /// The value at `slot`, if any.
    fn get(&self, slot: &Slot) -> Option<String>;
    /// The fields of map `key` of `contract`, in ascending byte order.
    fn map_fields(&self, contract: &str, key: &str) -> Vec<String>;
}
