//! Hashes and signatures, as contracts (`IOSTCrypto`) and transactions use
//! them.

use ed25519_dalek::{Signature as Ed25519Signature, Verifier as _, VerifyingKey as Ed25519Key};
use k256::ecdsa::signature::hazmat::PrehashVerifier as _;
use k256::ecdsa::{Signature as EcdsaSignature, VerifyingKey as Secp256k1Key};
use ripemd::Ripemd160;
use sha3::{Digest, Sha3_256};

/// A signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// Ed25519: a 64-byte signature of the message, a 32-byte public key.
    Ed25519,
    /// ECDSA over secp256k1: a 64-byte `r‖s` signature (a 65th, recovery
    /// byte is ignored) of a 32-byte digest, a SEC1 public key.
    Secp256k1,
}

impl Algorithm {
    /// The algorithm called `name` (`ed25519`, `secp256k1`).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "ed25519" => Some(Algorithm::Ed25519),
            "secp256k1" => Some(Algorithm::Secp256k1),
            _ => None,
        }
    }
}

/// SHA3-256 (FIPS 202).
pub fn sha3(bytes: &[u8]) -> [u8; 32] {
    Sha3_256::digest(bytes).into()
}

/// RIPEMD-160.
pub fn ripemd160(bytes: &[u8]) -> [u8; 20] {
    Ripemd160::digest(bytes).into()
}

/// Whether `signature` of `message` is valid under `public_key`; `false`
/// for inputs of the wrong shape.
pub fn verify(algorithm: Algorithm, message: &[u8], signature: &[u8], public_key: &[u8]) -> bool {
    match algorithm {
        Algorithm::Ed25519 => {
            let key = <[u8; 32]>::try_from(public_key).ok().and_then(|k| Ed25519Key::from_bytes(&k).ok());
            let signature = <[u8; 64]>::try_from(signature).ok().map(|s| Ed25519Signature::from_bytes(&s));
            matches!((key, signature), (Some(key), Some(signature)) if key.verify(message, &signature).is_ok())
        }
        Algorithm::Secp256k1 => {
            let key = Secp256k1Key::from_sec1_bytes(public_key).ok();
            let signature = signature.get(..64).and_then(|rs| EcdsaSignature::from_slice(rs).ok());
            message.len() == 32
                && matches!((key, signature), (Some(key), Some(signature)) if key.verify_prehash(message, &signature).is_ok())
        }
    }
}
