//! The key layout: which column a record lives in and how its key is
//! encoded. `docs/state.md` describes the same layout for people.

use crate::{Slot, StateError};

/// A group of records stored together (a RocksDB column family; a separate
/// map in the memory backend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// The state: contract storage, artifacts, contract metadata, accounts.
    /// Everything here, and nothing else, is covered by the state digest.
    State,
    /// Block payloads by height.
    Blocks,
    /// Receipt payloads by height.
    Receipts,
    /// The state digest after each block, by height.
    Digests,
    /// Chain metadata: the head (height, digest, lattice) and the format.
    Meta,
}

impl Column {
    /// Every column, in a fixed order.
    pub const ALL: [Column; 5] = [Column::State, Column::Blocks, Column::Receipts, Column::Digests, Column::Meta];

    /// The column's name (the RocksDB column family).
    pub fn name(self) -> &'static str {
        match self {
            Column::State => "state",
            Column::Blocks => "blocks",
            Column::Receipts => "receipts",
            Column::Digests => "digests",
            Column::Meta => "meta",
        }
    }

    /// The column's position in [`Column::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Tag bytes: the first byte of every key in [`Column::State`].
const STORAGE: u8 = 0x01;
const ARTIFACT: u8 = 0x02;
const CONTRACT: u8 = 0x03;
const ACCOUNT: u8 = 0x04;
const MAP_INDEX: u8 = 0x05;

/// After a map index's storage key: which record of the index follows.
const MAP_COUNT: u8 = 0x01;
const MAP_FIELD_AT: u8 = 0x02;
const MAP_POSITION_OF: u8 = 0x03;

/// After a storage key, before a map field's bytes.
const FIELD: u8 = 0x01;

/// The address of one record in [`Column::State`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StateKey {
    /// A contract's storage: a plain key or a map field.
    Storage(Slot),
    /// A contract's compiled artifact (code), by contract name.
    Artifact(String),
    /// A contract's metadata (owner, code hash, ABI), by contract name.
    Contract(String),
    /// An account, by account name.
    Account(String),
    /// A record of the index of map `key` of `contract`, which the
    /// [`Journal`](crate::Journal) keeps with the map's fields.
    MapIndex {
        /// The contract that owns the map.
        contract: String,
        /// The map's storage key.
        key: String,
        /// Which record.
        record: MapRecord,
    },
}

/// A record of a map's field index: the map's fields held at positions
/// `0..count`, with no gaps, so that listing them reads `count` records and
/// never steps over deleted ones (a field deleted from the middle takes the
/// last field's position).
///
/// The index is derived from the fields: it is written with them, in the
/// same block, but left out of the state digest (see
/// [`StateKey::in_digest`]), since its order depends on history while what
/// contracts see of it (the fields, sorted, and their count) does not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MapRecord {
    /// How many fields the map has (eight big-endian bytes).
    Count,
    /// The field at a position (its name).
    FieldAt(u64),
    /// The position of a field (eight big-endian bytes).
    PositionOf(String),
}

impl From<Slot> for StateKey {
    fn from(slot: Slot) -> StateKey {
        StateKey::Storage(slot)
    }
}

impl StateKey {
    /// The key's bytes in [`Column::State`].
    ///
    /// Storage: `01 ‖ esc(contract) ‖ 00 ‖ esc(key) ‖ 00`, then for a map
    /// field `01 ‖ field`. `esc` doubles a zero byte as `00 ff`, which cannot
    /// be confused with the `00` terminator because no UTF-8 string has a
    /// byte `ff`. Artifacts, contract metadata and accounts: a tag byte
    /// (`02`, `03`, `04`) and the name. A map's index: `05 ‖ esc(contract) ‖
    /// esc(key)`, then `01` (the count), `02 ‖ position` (eight big-endian
    /// bytes) or `03 ‖ field`.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            StateKey::Storage(slot) => slot.encode(),
            StateKey::Artifact(name) => tagged(ARTIFACT, name),
            StateKey::Contract(name) => tagged(CONTRACT, name),
            StateKey::Account(name) => tagged(ACCOUNT, name),
            StateKey::MapIndex { contract, key, record } => {
                let mut out = Self::map_index_prefix(contract, key);
                match record {
                    MapRecord::Count => out.push(MAP_COUNT),
                    MapRecord::FieldAt(position) => {
                        out.push(MAP_FIELD_AT);
                        out.extend_from_slice(&position.to_be_bytes());
                    }
                    MapRecord::PositionOf(field) => {
                        out.push(MAP_POSITION_OF);
                        out.extend_from_slice(field.as_bytes());
                    }
                }
                out
            }
        }
    }

    /// Whether the state digest covers the record under `key`: everything
    /// but the map indexes (see [`MapRecord`]).
    pub fn in_digest(key: &[u8]) -> bool {
        key.first() != Some(&MAP_INDEX)
    }

    /// The key whose encoding is `bytes`.
    ///
    /// # Errors
    /// [`StateError::Corrupt`] if `bytes` is not an encoded key.
    pub fn decode(bytes: &[u8]) -> Result<StateKey, StateError> {
        let corrupt = || StateError::Corrupt(format!("invalid state key {bytes:02x?}"));
        let (&tag, rest) = bytes.split_first().ok_or_else(corrupt)?;
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|_| corrupt());
        match tag {
            STORAGE => {
                let (contract, rest) = unescape(rest).ok_or_else(corrupt)?;
                let (key, rest) = unescape(rest).ok_or_else(corrupt)?;
                let field = match rest.split_first() {
                    None => None,
                    Some((&FIELD, field)) => Some(text(field)?),
                    Some(_) => return Err(corrupt()),
                };
                Ok(StateKey::Storage(Slot { contract: text(&contract)?, key: text(&key)?, field }))
            }
            ARTIFACT => Ok(StateKey::Artifact(text(rest)?)),
            CONTRACT => Ok(StateKey::Contract(text(rest)?)),
            ACCOUNT => Ok(StateKey::Account(text(rest)?)),
            MAP_INDEX => {
                let (contract, rest) = unescape(rest).ok_or_else(corrupt)?;
                let (key, rest) = unescape(rest).ok_or_else(corrupt)?;
                let record = match rest.split_first() {
                    Some((&MAP_COUNT, [])) => MapRecord::Count,
                    Some((&MAP_FIELD_AT, position)) => {
                        MapRecord::FieldAt(u64::from_be_bytes(position.try_into().map_err(|_| corrupt())?))
                    }
                    Some((&MAP_POSITION_OF, field)) => MapRecord::PositionOf(text(field)?),
                    _ => return Err(corrupt()),
                };
                Ok(StateKey::MapIndex { contract: text(&contract)?, key: text(&key)?, record })
            }
            _ => Err(corrupt()),
        }
    }

    /// The prefix shared by every field of map `key` of `contract`: the
    /// fields follow it, in ascending byte order.
    pub fn map_prefix(contract: &str, key: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + contract.len() + key.len());
        push_storage_key(&mut out, contract, key);
        out.push(FIELD);
        out
    }

    /// The prefix shared by the records of the index of map `key` of
    /// `contract`.
    fn map_index_prefix(contract: &str, key: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + contract.len() + key.len() + 9);
        out.push(MAP_INDEX);
        escape_into(&mut out, contract);
        escape_into(&mut out, key);
        out
    }

    /// The prefix shared by the [`MapRecord::FieldAt`] records of map `key`
    /// of `contract`: they follow it in the order of their positions.
    pub fn map_positions_prefix(contract: &str, key: &str) -> Vec<u8> {
        let mut out = Self::map_index_prefix(contract, key);
        out.push(MAP_FIELD_AT);
        out
    }

    /// The prefix shared by every account.
    pub fn accounts_prefix() -> Vec<u8> {
        vec![ACCOUNT]
    }
}

impl Slot {
    /// The slot's key in [`Column::State`]: the same bytes as
    /// `StateKey::Storage(slot).encode()`, without cloning the slot.
    pub fn encode(&self) -> Vec<u8> {
        let field = self.field.as_deref().map_or(0, |f| 1 + f.len());
        let mut out = Vec::with_capacity(3 + self.contract.len() + self.key.len() + field);
        push_storage_key(&mut out, &self.contract, &self.key);
        if let Some(field) = &self.field {
            out.push(FIELD);
            out.extend_from_slice(field.as_bytes());
        }
        out
    }
}

fn tagged(tag: u8, name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + name.len());
    out.push(tag);
    out.extend_from_slice(name.as_bytes());
    out
}

fn push_storage_key(out: &mut Vec<u8>, contract: &str, key: &str) {
    out.push(STORAGE);
    escape_into(out, contract);
    escape_into(out, key);
}

/// Appends `text` with every `00` written as `00 ff`, then a `00`.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    for &b in text.as_bytes() {
        out.push(b);
        if b == 0 {
            out.push(0xff);
        }
    }
    out.push(0);
}

/// The component at the start of `bytes` and what follows its terminator.
fn unescape(bytes: &[u8]) -> Option<(Vec<u8>, &[u8])> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        match *bytes.get(i)? {
            0 if bytes.get(i + 1) == Some(&0xff) => {
                out.push(0);
                i += 2;
            }
            0 => return Some((out, &bytes[i + 1..])),
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
}

/// The smallest key greater than every key that starts with `prefix`, or
/// `None` if there is none (the prefix is empty or all `ff`).
pub fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let last = prefix.iter().rposition(|&b| b != 0xff)?;
    let mut end = prefix[..=last].to_vec();
    end[last] += 1;
    Some(end)
}

/// The key of a height in [`Column::Blocks`], [`Column::Receipts`] and
/// [`Column::Digests`]: eight big-endian bytes, so heights sort in order.
pub fn height_key(height: u64) -> [u8; 8] {
    height.to_be_bytes()
}

/// The key in [`Column::Meta`] of the head record.
pub(crate) const HEAD_KEY: &[u8] = b"head";
/// The key in [`Column::Meta`] of the format record.
pub(crate) const FORMAT_KEY: &[u8] = b"format";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_fields_share_their_map_prefix() {
        let keys = [
            StateKey::Storage(Slot::key("token", "supply")),
            StateKey::Storage(Slot::field("token", "bal", "alice")),
            StateKey::Storage(Slot::field("to\0ken", "b\0al", "al\0ice")),
            StateKey::Storage(Slot::key("", "")),
            StateKey::Storage(Slot::field("", "", "")),
            StateKey::Artifact("token".into()),
            StateKey::Contract("token".into()),
            StateKey::Account("alice".into()),
            StateKey::MapIndex { contract: "t\0".into(), key: "bal".into(), record: MapRecord::Count },
            StateKey::MapIndex { contract: "t".into(), key: "b\0al".into(), record: MapRecord::FieldAt(258) },
            StateKey::MapIndex {
                contract: "t".into(),
                key: "bal".into(),
                record: MapRecord::PositionOf("al\0".into()),
            },
        ];
        for key in &keys {
            assert_eq!(&StateKey::decode(&key.encode()).unwrap(), key);
        }
        let field = StateKey::Storage(Slot::field("t", "bal", "alice")).encode();
        assert!(field.starts_with(&StateKey::map_prefix("t", "bal")));
        assert!(!StateKey::Storage(Slot::key("t", "bal")).encode().starts_with(&StateKey::map_prefix("t", "bal")));
        assert!(!field.starts_with(&StateKey::map_prefix("t", "ba")));
        assert!(!field.starts_with(&StateKey::map_prefix("t", "bal\0")));
        let at = |position| StateKey::MapIndex {
            contract: "t".into(),
            key: "bal".into(),
            record: MapRecord::FieldAt(position),
        };
        assert!(at(1).encode() < at(256).encode(), "positions sort in order");
        assert!(at(256).encode().starts_with(&StateKey::map_positions_prefix("t", "bal")));
        assert!(!at(1).encode().starts_with(&StateKey::map_positions_prefix("t", "ba")));
        assert!(!StateKey::in_digest(&at(1).encode()) && StateKey::in_digest(&field));
        assert!(StateKey::decode(&[MAP_INDEX, b't', 0, b'k', 0, MAP_FIELD_AT, 1]).is_err());
        assert!(StateKey::decode(&[9]).is_err());
        assert!(StateKey::decode(&[STORAGE, b'a']).is_err());
    }

    #[test]
    fn prefix_end_bounds_the_prefix() {
        assert_eq!(prefix_end(&[1, 2]), Some(vec![1, 3]));
        assert_eq!(prefix_end(&[1, 0xff]), Some(vec![2]));
        assert_eq!(prefix_end(&[0xff]), None);
        assert_eq!(prefix_end(&[]), None);
    }
}
