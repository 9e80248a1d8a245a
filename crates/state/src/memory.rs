//! Committed state held in memory, optionally saved to a JSON file.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Slot, StateRead, WriteSet};

/// Committed state in memory: an ordered map of slots to values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryState {
    slots: BTreeMap<Slot, String>,
}

/// An error loading or saving a state file.
#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    /// The file could not be read or written.
    #[error("cannot read or write state file {path}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a v8vm state file.
    #[error("state file {path} is not valid v8vm state")]
    Format {
        /// The file.
        path: String,
        /// The parse error.
        source: serde_json::Error,
    },
}

/// The file format: a version and the slots in order.
#[derive(Serialize, Deserialize)]
struct StateFile {
    format: String,
    slots: Vec<(Slot, String)>,
}

const FORMAT: &str = "v8vm-state-1";

impl MemoryState {
    /// Applies a successful call's writes.
    pub fn apply(&mut self, writes: WriteSet) {
        for (slot, value) in writes.into_entries() {
            match value {
                Some(value) => self.slots.insert(slot, value),
                None => self.slots.remove(&slot),
            };
        }
    }

    /// Number of stored values.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// All values, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&Slot, &String)> {
        self.slots.iter()
    }

    /// Loads a state file; a missing file is empty state.
    ///
    /// # Errors
    /// The file exists but cannot be read or is not a state file.
    pub fn load(path: &Path) -> Result<MemoryState, StateFileError> {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(MemoryState::default()),
            Err(source) => return Err(StateFileError::Io { path: name, source }),
        };
        let file: StateFile =
            serde_json::from_str(&text).map_err(|source| StateFileError::Format { path: name.clone(), source })?;
        if file.format != FORMAT {
            let source = serde::de::Error::custom(format!("unknown format {:?}, expected {FORMAT:?}", file.format));
            return Err(StateFileError::Format { path: name, source });
        }
        Ok(MemoryState { slots: file.slots.into_iter().collect() })
    }

    /// Saves to `path` atomically (write to a temporary file, then rename),
    /// so a crash never leaves a half-written state file.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, path: &Path) -> Result<(), StateFileError> {
        let file = StateFile {
            format: FORMAT.into(),
            slots: self.slots.iter().map(|(s, v)| (s.clone(), v.clone())).collect(),
        };
        let text = serde_json::to_string_pretty(&file).expect("state serializes");
        let tmp = path.with_extension("tmp");
        let io = |source| StateFileError::Io { path: path.display().to_string(), source };
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

impl StateRead for MemoryState {
    fn get(&self, slot: &Slot) -> Option<String> {
        self.slots.get(slot).cloned()
    }

    fn map_fields(&self, contract: &str, key: &str) -> Vec<String> {
        let start = Slot::field(contract, key, "");
        self.slots
            .range((Bound::Included(start), Bound::Unbounded))
            .map(|(slot, _)| slot)
            .take_while(|slot| slot.contract == contract && slot.key == key)
            .filter_map(|slot| slot.field.clone())
            .collect()
    }
}
