//! Blocks: a header that commits to the transactions, their receipts and
//! the state after them, signed by the producer.

use serde::{Deserialize, Serialize};
use v8vm_runtime::crypto::{self, Algorithm};
use v8vm_runtime::{BlockInfo, Receipt};

use crate::keys::KeyPair;
use crate::tx::Transaction;

/// What a block commits to. Serialized in camelCase; its first four fields
/// are what contracts see as `block`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockHeader {
    /// Height: the parent's plus one (the genesis block is 1).
    pub number: u64,
    /// The parent block's hash, hex (empty for the genesis block).
    pub parent_hash: String,
    /// The producer's account.
    pub witness: String,
    /// Nanoseconds since the Unix epoch; after the parent's.
    pub time: i64,
    /// SHA3-256 of the transactions' hashes in order, hex.
    pub tx_root: String,
    /// SHA3-256 of the receipts' JSON, hex.
    pub receipt_root: String,
    /// The state digest after the block, hex.
    pub state_digest: String,
}

impl BlockHeader {
    /// The block's hash: SHA3-256 of the header's canonical encoding
    /// (big-endian integers, length-prefixed strings, in field order).
    pub fn hash(&self) -> [u8; 32] {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(&self.number.to_be_bytes());
        for text in [&self.parent_hash, &self.witness] {
            out.extend_from_slice(&(text.len() as u32).to_be_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(&self.time.to_be_bytes());
        for text in [&self.tx_root, &self.receipt_root, &self.state_digest] {
            out.extend_from_slice(&(text.len() as u32).to_be_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        crypto::sha3(&out)
    }

    /// The block as contracts see it.
    pub fn info(&self) -> BlockInfo {
        BlockInfo {
            number: self.number,
            parent_hash: self.parent_hash.clone(),
            witness: self.witness.clone(),
            time: self.time,
        }
    }
}

/// A block: its header, the producer's signature of the header's hash, and
/// the transactions (their canonical encodings, hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    /// The header.
    #[serde(flatten)]
    pub header: BlockHeader,
    /// The header's hash, hex (not trusted: checked against the header).
    pub hash: String,
    /// The producer's signature of the hash: algorithm and bytes, hex.
    pub signature: BlockSignature,
    /// The transactions, canonical encodings in hex.
    pub txs: Vec<String>,
}

/// A producer's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockSignature {
    /// Its algorithm.
    pub algorithm: Algorithm,
    /// The signature, hex.
    pub signature: String,
}

impl Block {
    /// Signs `header` with the producer's `key`.
    pub fn sign(header: BlockHeader, txs: &[Transaction], key: &KeyPair) -> Block {
        let hash = header.hash();
        let signature = BlockSignature { algorithm: key.algorithm(), signature: hex::encode(key.sign(&hash)) };
        Block {
            header,
            hash: hex::encode(hash),
            signature,
            txs: txs.iter().map(|tx| hex::encode(tx.encode())).collect(),
        }
    }

    /// Whether the signature is `public_key`'s (base58) over the header.
    pub fn signed_by(&self, public_key: &str) -> bool {
        let (Ok(key), Ok(signature)) = (bs58::decode(public_key).into_vec(), hex::decode(&self.signature.signature))
        else {
            return false;
        };
        crypto::verify(self.signature.algorithm, &self.header.hash(), &signature, &key)
    }

    /// The transactions, decoded.
    ///
    /// # Errors
    /// Which transaction does not decode, and why.
    pub fn transactions(&self) -> Result<Vec<Transaction>, String> {
        self.txs
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let bytes = hex::decode(raw).map_err(|e| format!("transaction {i} is not hex: {e}"))?;
                Transaction::decode(&bytes).map_err(|e| format!("transaction {i}: {e}"))
            })
            .collect()
    }
}

/// SHA3-256 of the SHA3-256 of each transaction's signed encoding, in
/// order, hex: the block commits to the signatures too (a relayed block
/// cannot carry other signatures under the same hash).
pub fn tx_root(txs: &[Transaction]) -> String {
    let hashes: Vec<u8> = txs.iter().flat_map(|tx| crypto::sha3(&tx.encode())).collect();
    hex::encode(crypto::sha3(&hashes))
}

/// A transaction's receipt in a block: the VM's receipt, the transaction's
/// hash and the fee it paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxReceipt {
    /// The transaction's hash, hex.
    pub tx_hash: String,
    /// The gas fee paid by the publisher, in the native token (decimal).
    pub fee: String,
    /// Status, return value, message, logs, receipts, events, gas.
    #[serde(flatten)]
    pub receipt: Receipt,
}

/// SHA3-256 of the receipts' JSON, hex.
pub fn receipt_root(receipts: &[TxReceipt]) -> String {
    hex::encode(crypto::sha3(&serde_json::to_vec(receipts).expect("receipts serialize")))
}
