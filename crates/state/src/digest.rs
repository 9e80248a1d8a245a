//! The state digest: a lattice hash (LtHash) of every `(key, value)` pair in
//! the state, updated per write, independent of write order.
//!
//! Each pair maps to a vector of [`LANES`] 16-bit lanes: the BLAKE3 extended
//! output (XOF) of `len(key) as u64 LE ‖ key ‖ value` in BLAKE3's key
//! derivation mode with context [`ELEMENT_CONTEXT`]. The lattice is the
//! lane-wise sum, modulo 2^16, of the vectors of all live pairs. Adding a pair
//! adds its vector; removing it subtracts it; overwriting a value is a removal
//! and an addition. Since addition commutes, the lattice depends only on the
//! set of pairs, not on the order of writes. The 32-byte [`Digest`] is the
//! BLAKE3 hash (context [`CHECKSUM_CONTEXT`]) of the lattice's 2048 bytes.
//!
//! This is the construction of Bellare and Micciancio's additive hashing
//! with the parameters of Lewi et al., "Securing Update Propagation with
//! Homomorphic Hashing" (LtHash16, n = 1024), also used by Solana's accounts
//! lattice hash; finding two states with the same lattice reduces to the
//! short-integer-solution problem. A single 256-bit sum would be too small:
//! Wagner's generalised birthday attack finds collisions in sums of 256-bit
//! hashes.

use std::fmt;

use crate::StateError;

/// Lanes in a lattice.
pub const LANES: usize = 1024;
/// Bytes of a lattice.
pub const LATTICE_BYTES: usize = LANES * 2;
/// BLAKE3 key-derivation context of a pair's vector.
pub const ELEMENT_CONTEXT: &str = "v8vm 2026-11 state digest element v1";
/// BLAKE3 key-derivation context of the digest of a lattice.
pub const CHECKSUM_CONTEXT: &str = "v8vm 2026-11 state digest checksum v1";

/// A 32-byte state digest; two nodes hold the same state exactly when their
/// digests are equal (up to the hash's collision resistance).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(pub [u8; 32]);

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

/// The running lattice of a state: see the [module docs](self).
#[derive(Clone, PartialEq, Eq)]
pub struct LtHash {
    lanes: Box<[u16; LANES]>,
}

impl Default for LtHash {
    fn default() -> LtHash {
        LtHash { lanes: Box::new([0; LANES]) }
    }
}

impl fmt::Debug for LtHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LtHash").field(&self.digest()).finish()
    }
}

impl LtHash {
    /// The lattice of the empty state.
    pub fn new() -> LtHash {
        LtHash::default()
    }

    /// Adds the pair `(key, value)`.
    pub fn insert(&mut self, key: &[u8], value: &[u8]) {
        let element = element(key, value);
        for (lane, add) in self.lanes.iter_mut().zip(element.iter()) {
            *lane = lane.wrapping_add(*add);
        }
    }

    /// Removes the pair `(key, value)`, which must have been added.
    pub fn remove(&mut self, key: &[u8], value: &[u8]) {
        let element = element(key, value);
        for (lane, sub) in self.lanes.iter_mut().zip(element.iter()) {
            *lane = lane.wrapping_sub(*sub);
        }
    }

    /// Adds every lane of `other` (the union of two disjoint states).
    pub fn combine(&mut self, other: &LtHash) {
        for (lane, add) in self.lanes.iter_mut().zip(other.lanes.iter()) {
            *lane = lane.wrapping_add(*add);
        }
    }

    /// The 32-byte digest of this lattice.
    pub fn digest(&self) -> Digest {
        let mut hasher = blake3::Hasher::new_derive_key(CHECKSUM_CONTEXT);
        hasher.update(&self.to_bytes());
        Digest(*hasher.finalize().as_bytes())
    }

    /// The lattice's lanes as little-endian bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.lanes.iter().flat_map(|lane| lane.to_le_bytes()).collect()
    }

    /// The lattice stored as `bytes` by [`LtHash::to_bytes`].
    ///
    /// # Errors
    /// [`StateError::Corrupt`] if `bytes` is not [`LATTICE_BYTES`] long.
    pub fn from_bytes(bytes: &[u8]) -> Result<LtHash, StateError> {
        if bytes.len() != LATTICE_BYTES {
            return Err(StateError::Corrupt(format!("a lattice of {} bytes, not {LATTICE_BYTES}", bytes.len())));
        }
        let mut lattice = LtHash::new();
        for (lane, pair) in lattice.lanes.iter_mut().zip(bytes.chunks_exact(2)) {
            *lane = u16::from_le_bytes([pair[0], pair[1]]);
        }
        Ok(lattice)
    }
}

/// The vector of one pair.
fn element(key: &[u8], value: &[u8]) -> [u16; LANES] {
    let mut hasher = blake3::Hasher::new_derive_key(ELEMENT_CONTEXT);
    hasher.update(&(key.len() as u64).to_le_bytes());
    hasher.update(key);
    hasher.update(value);
    let mut bytes = [0u8; LATTICE_BYTES];
    hasher.finalize_xof().fill(&mut bytes);
    let mut lanes = [0u16; LANES];
    for (lane, pair) in lanes.iter_mut().zip(bytes.chunks_exact(2)) {
        *lane = u16::from_le_bytes([pair[0], pair[1]]);
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_then_remove_is_the_empty_lattice() {
        let mut lattice = LtHash::new();
        let empty = lattice.digest();
        lattice.insert(b"a", b"1");
        lattice.insert(b"b", b"2");
        assert_ne!(lattice.digest(), empty);
        lattice.remove(b"a", b"1");
        lattice.remove(b"b", b"2");
        assert_eq!(lattice, LtHash::new());
        assert_eq!(lattice.digest(), empty);
    }

    #[test]
    fn key_and_value_boundary_matters() {
        let mut one = LtHash::new();
        one.insert(b"ab", b"c");
        let mut two = LtHash::new();
        two.insert(b"a", b"bc");
        assert_ne!(one.digest(), two.digest());
    }

    #[test]
    fn bytes_round_trip_and_digest_is_pinned() {
        let mut lattice = LtHash::new();
        lattice.insert(b"key", b"value");
        assert_eq!(LtHash::from_bytes(&lattice.to_bytes()).unwrap(), lattice);
        assert!(LtHash::from_bytes(&[0; 3]).is_err());
        // The construction is consensus: a change to it must change these lines.
        assert_eq!(
            LtHash::new().digest().to_string(),
            blake3::Hasher::new_derive_key(CHECKSUM_CONTEXT).update(&[0; LATTICE_BYTES]).finalize().to_hex().as_str()
        );
        assert_eq!(lattice.digest().to_string(), "35a504642ee4da5d8a625860d94fdf448da465b69a57c0e769f35282c3caec5b");
    }
}
