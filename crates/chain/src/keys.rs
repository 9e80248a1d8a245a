//! Key pairs: what signs transactions and blocks, and the key files the
//! command line keeps them in.

use ed25519_dalek::Signer as _;
use k256::ecdsa::signature::hazmat::PrehashSigner as _;
use serde::{Deserialize, Serialize};
use v8vm_runtime::crypto::{self, Algorithm};

/// A secret key and its public key.
#[derive(Clone)]
pub enum KeyPair {
    /// Ed25519.
    Ed25519(ed25519_dalek::SigningKey),
    /// ECDSA over secp256k1.
    Secp256k1(k256::ecdsa::SigningKey),
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        write!(f, "KeyPair({:?}, {})", self.algorithm(), self.public_b58())
    }
}

/// A key that cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The secret is not a valid key of the algorithm.
    #[error("not a valid {0:?} secret key")]
    InvalidSecret(Algorithm),
    /// The operating system gave no randomness.
    #[error("no randomness from the operating system: {0}")]
    Randomness(String),
    /// A key file that does not parse.
    #[error("not a key file: {0}")]
    File(String),
}

impl KeyPair {
    /// A new random key pair.
    ///
    /// # Errors
    /// The operating system gave no randomness, or (for secp256k1, with
    /// negligible odds) the bytes were not a valid key.
    pub fn generate(algorithm: Algorithm) -> Result<KeyPair, KeyError> {
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret).map_err(|e| KeyError::Randomness(e.to_string()))?;
        KeyPair::from_secret(algorithm, &secret)
    }

    /// The key pair whose secret is SHA3-256 of `seed`: the well-known keys
    /// of development accounts, never for real funds.
    pub fn from_seed(algorithm: Algorithm, seed: &str) -> KeyPair {
        KeyPair::from_secret(algorithm, &crypto::sha3(seed.as_bytes())).expect("a hash is a valid secret key")
    }

    /// The key pair of a 32-byte secret.
    ///
    /// # Errors
    /// Not a valid secret key of `algorithm`.
    pub fn from_secret(algorithm: Algorithm, secret: &[u8; 32]) -> Result<KeyPair, KeyError> {
        match algorithm {
            Algorithm::Ed25519 => Ok(KeyPair::Ed25519(ed25519_dalek::SigningKey::from_bytes(secret))),
            Algorithm::Secp256k1 => k256::ecdsa::SigningKey::from_bytes(secret.into())
                .map(KeyPair::Secp256k1)
                .map_err(|_| KeyError::InvalidSecret(algorithm)),
        }
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            KeyPair::Ed25519(_) => Algorithm::Ed25519,
            KeyPair::Secp256k1(_) => Algorithm::Secp256k1,
        }
    }

    /// The public key's bytes (secp256k1: SEC1 compressed).
    pub fn public_key(&self) -> Vec<u8> {
        match self {
            KeyPair::Ed25519(key) => key.verifying_key().as_bytes().to_vec(),
            KeyPair::Secp256k1(key) => key.verifying_key().to_encoded_point(true).as_bytes().to_vec(),
        }
    }

    /// The public key in base58, as accounts record it.
    pub fn public_b58(&self) -> String {
        bs58::encode(self.public_key()).into_string()
    }

    /// The secret key's bytes.
    pub fn secret(&self) -> [u8; 32] {
        match self {
            KeyPair::Ed25519(key) => key.to_bytes(),
            KeyPair::Secp256k1(key) => key.to_bytes().into(),
        }
    }

    /// Signs a 32-byte hash (of a transaction or a block header).
    pub fn sign(&self, hash: &[u8; 32]) -> Vec<u8> {
        match self {
            KeyPair::Ed25519(key) => key.sign(hash).to_bytes().to_vec(),
            KeyPair::Secp256k1(key) => {
                let signature: k256::ecdsa::Signature = key.sign_prehash(hash).expect("a 32-byte prehash signs");
                signature.to_bytes().to_vec()
            }
        }
    }
}

/// An account's key as the command line stores it (`<name>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    /// The account the key acts for.
    pub account: String,
    /// `ed25519` or `secp256k1`.
    pub algorithm: Algorithm,
    /// The public key, base58.
    pub public_key: String,
    /// The secret key, base58.
    pub secret_key: String,
}

impl KeyFile {
    /// The file of `account`'s `key`.
    pub fn new(account: &str, key: &KeyPair) -> KeyFile {
        KeyFile {
            account: account.to_owned(),
            algorithm: key.algorithm(),
            public_key: key.public_b58(),
            secret_key: bs58::encode(key.secret()).into_string(),
        }
    }

    /// The key pair it holds, checked against its public key.
    ///
    /// # Errors
    /// The secret is not valid, or does not match the public key.
    pub fn key_pair(&self) -> Result<KeyPair, KeyError> {
        let bytes = bs58::decode(&self.secret_key).into_vec().map_err(|e| KeyError::File(e.to_string()))?;
        let secret: [u8; 32] = bytes.try_into().map_err(|_| KeyError::File("the secret key is not 32 bytes".into()))?;
        let key = KeyPair::from_secret(self.algorithm, &secret)?;
        if key.public_b58() != self.public_key {
            return Err(KeyError::File("the secret key does not match the public key".into()));
        }
        Ok(key)
    }
}
