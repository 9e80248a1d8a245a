//! Transactions: what they hold, their one canonical binary encoding, their
//! hash, their signatures, and the checks made before one enters the pool.

use serde::{Deserialize, Serialize};
use v8vm_runtime::crypto::{self, Algorithm};
use v8vm_runtime::{parse_amount, AmountLimit, MAX_DECIMALS};

/// Largest encoded transaction, in bytes.
pub const MAX_TX_BYTES: usize = 64 * 1024;
/// Most actions in one transaction.
pub const MAX_ACTIONS: usize = 16;
/// Most entries in a transaction's amount limit.
pub const MAX_AMOUNT_LIMITS: usize = 16;
/// Most signatures on one transaction.
pub const MAX_SIGNATURES: usize = 8;
/// How far past its `time` a transaction may expire, in nanoseconds (90 s).
pub const MAX_LIFETIME_NS: i64 = 90_000_000_000;
/// How far ahead of the node's clock a transaction's `time` may be (1 s).
pub const MAX_CLOCK_SKEW_NS: i64 = 1_000_000_000;
/// Most gas a transaction may ask for: far below 2^52, where the meter's
/// arithmetic (a JavaScript number) stops being exact, and a few seconds of
/// work at the calibrated ~3 ns a gas.
pub const MAX_GAS_LIMIT: u64 = 1_000_000_000;
/// Highest gas price: 1 iost (10^8 of its smallest unit) a gas.
pub const MAX_GAS_PRICE: u64 = 100_000_000;
/// What every transaction in a block pays before anything runs, whatever
/// its outcome (refused arguments, an unknown contract): checking it and
/// keeping it for good.
pub const TX_BASE_GAS: u64 = 200;
/// And per byte of its signed encoding, which every node stores.
pub const TX_BYTE_GAS: u64 = 1;

/// One call a transaction makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxAction {
    /// The contract (`system` deploys, `token` moves the native token).
    pub contract: String,
    /// The method.
    pub method: String,
    /// The arguments: a JSON array.
    pub args: String,
}

/// A signature on a transaction's [`hash`](Transaction::hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxSignature {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// The signer's public key.
    pub public_key: Vec<u8>,
    /// The signature.
    pub signature: Vec<u8>,
}

/// A transaction as a client sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    /// The chain it is meant for (a transaction signed for one chain is
    /// refused by every other).
    pub chain_id: u32,
    /// When it was made, nanoseconds since the Unix epoch.
    pub time: i64,
    /// After this (nanoseconds since the Unix epoch) it is refused.
    pub expiration: i64,
    /// Most gas its actions may use together.
    pub gas_limit: u64,
    /// What it pays per unit of gas, in the native token's smallest unit.
    pub gas_price: u64,
    /// The account that publishes it and pays for its gas.
    pub publisher: String,
    /// What it does, in order.
    pub actions: Vec<TxAction>,
    /// The most of each token (`*`: any token; `unlimited`: no bound) its
    /// actions may move out of its signers' accounts, together; a token not
    /// listed may not leave them. The gas fee is not counted.
    pub amount_limit: Vec<AmountLimit>,
    /// Accounts besides the publisher whose authority it claims,
    /// `account@active` or `account@owner`; its signatures must prove each
    /// (see [`authorize`](crate::authorize)).
    pub signers: Vec<String>,
    /// Signatures of [`hash`](Transaction::hash).
    pub signatures: Vec<TxSignature>,
}

/// Why a transaction is refused at the door.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    /// The bytes are not an encoded transaction.
    #[error("malformed transaction: {0}")]
    Malformed(String),
    /// Over [`MAX_TX_BYTES`].
    #[error("the transaction is {0} bytes, over the {MAX_TX_BYTES}-byte limit")]
    TooLarge(usize),
    /// For another chain.
    #[error("the transaction is for chain {got}, this is chain {expected}")]
    WrongChain {
        /// This node's chain.
        expected: u32,
        /// The transaction's.
        got: u32,
    },
    /// Past its expiration.
    #[error("the transaction expired at {expiration}, it is now {now} (nanoseconds)")]
    Expired {
        /// Its expiration.
        expiration: i64,
        /// The node's clock.
        now: i64,
    },
    /// A field is out of its range (named in the message).
    #[error("invalid transaction: {0}")]
    Invalid(String),
    /// Its signatures do not prove an authority it claims.
    #[error("the signatures do not grant {account}@{permission}")]
    Unauthorized {
        /// The account.
        account: String,
        /// The permission claimed.
        permission: String,
    },
    /// Already in a block (or twice in one).
    #[error("transaction {0} is already on the chain")]
    Duplicate(String),
    /// The publisher cannot pay for the most gas the transaction may use.
    #[error(
        "{account} has {balance} iost, and the transaction may cost up to {needed} iost in gas (gas_limit × gas_price)"
    )]
    Underfunded {
        /// The publisher.
        account: String,
        /// Its balance.
        balance: String,
        /// `gas_limit × gas_price`.
        needed: String,
    },
    /// A signature does not verify.
    #[error("signature {index} ({algorithm:?}) does not verify against the transaction's hash")]
    BadSignature {
        /// Which one (0-based).
        index: usize,
        /// Its algorithm.
        algorithm: Algorithm,
    },
    /// A block set it aside (it ran past what its dry run promised) and no
    /// block since had time to run it to the deadline: the producer's
    /// choice, not the transaction's outcome.
    #[error(
        "the transaction ran past what its dry run at the door promised in a block, and {0} blocks since had no time \
         to run it to the deadline: it was dropped; send it again"
    )]
    SetAside(u32),
    /// The transaction did not finish within this node's deadline or heap:
    /// an outcome of the machine, not of the inputs, so it is left out of
    /// blocks (docs/node.md, "Resource failures").
    #[error("the transaction did not finish within this node's limits ({status}): {message}")]
    ResourceLimit {
        /// `timeout` or `out_of_memory`.
        status: &'static str,
        /// What the VM said.
        message: String,
    },
}

impl TxError {
    /// The error for a run that a machine limit stopped, if `receipt`'s is.
    pub fn resource_limit(receipt: &v8vm_runtime::Receipt) -> Option<TxError> {
        receipt
            .status
            .is_resource_failure()
            .then(|| TxError::ResourceLimit { status: receipt.status.as_str(), message: receipt.message.clone() })
    }
}

impl Transaction {
    /// The hash that identifies the transaction and that its signers sign:
    /// SHA3-256 of its canonical encoding without the signatures.
    pub fn hash(&self) -> [u8; 32] {
        crypto::sha3(&self.encode_unsigned())
    }

    /// The hash in hex, as receipts and RPC name transactions.
    pub fn hash_hex(&self) -> String {
        hex::encode(self.hash())
    }

    /// The canonical encoding without the signatures: big-endian integers,
    /// each string or byte string preceded by its length (u32), each list by
    /// its count (u32), fields in declaration order.
    pub fn encode_unsigned(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        out.extend_from_slice(&self.chain_id.to_be_bytes());
        out.extend_from_slice(&self.time.to_be_bytes());
        out.extend_from_slice(&self.expiration.to_be_bytes());
        out.extend_from_slice(&self.gas_limit.to_be_bytes());
        out.extend_from_slice(&self.gas_price.to_be_bytes());
        put_bytes(&mut out, self.publisher.as_bytes());
        put_count(&mut out, self.actions.len());
        for action in &self.actions {
            put_bytes(&mut out, action.contract.as_bytes());
            put_bytes(&mut out, action.method.as_bytes());
            put_bytes(&mut out, action.args.as_bytes());
        }
        put_count(&mut out, self.amount_limit.len());
        for limit in &self.amount_limit {
            put_bytes(&mut out, limit.token.as_bytes());
            put_bytes(&mut out, limit.val.as_bytes());
        }
        put_count(&mut out, self.signers.len());
        for signer in &self.signers {
            put_bytes(&mut out, signer.as_bytes());
        }
        out
    }

    /// The gas the transaction pays before its actions run:
    /// [`TX_BASE_GAS`] + [`TX_BYTE_GAS`] per byte of its signed encoding.
    pub fn intrinsic_gas(&self) -> u64 {
        TX_BASE_GAS + TX_BYTE_GAS * self.encode().len() as u64
    }

    /// The canonical encoding: the unsigned part, then the signatures (an
    /// algorithm byte — 0 ed25519, 1 secp256k1 — the public key and the
    /// signature each).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.encode_unsigned();
        put_count(&mut out, self.signatures.len());
        for signature in &self.signatures {
            out.push(algorithm_tag(signature.algorithm));
            put_bytes(&mut out, &signature.public_key);
            put_bytes(&mut out, &signature.signature);
        }
        out
    }

    /// Reads the canonical encoding, refusing anything else (trailing
    /// bytes, text that is not UTF-8, over-long lists, over [`MAX_TX_BYTES`]).
    ///
    /// # Errors
    /// [`TxError::TooLarge`] or [`TxError::Malformed`], saying what is wrong.
    pub fn decode(bytes: &[u8]) -> Result<Transaction, TxError> {
        if bytes.len() > MAX_TX_BYTES {
            return Err(TxError::TooLarge(bytes.len()));
        }
        let mut r = Reader { bytes, at: 0 };
        let chain_id = u32::from_be_bytes(r.array("chain_id")?);
        let time = i64::from_be_bytes(r.array("time")?);
        let expiration = i64::from_be_bytes(r.array("expiration")?);
        let gas_limit = u64::from_be_bytes(r.array("gas_limit")?);
        let gas_price = u64::from_be_bytes(r.array("gas_price")?);
        let publisher = r.text("publisher")?;
        let actions = (0..r.count("actions", MAX_ACTIONS)?)
            .map(|_| Ok(TxAction { contract: r.text("contract")?, method: r.text("method")?, args: r.text("args")? }))
            .collect::<Result<_, TxError>>()?;
        let amount_limit = (0..r.count("amount limits", MAX_AMOUNT_LIMITS)?)
            .map(|_| Ok(AmountLimit { token: r.text("token")?, val: r.text("amount")? }))
            .collect::<Result<_, TxError>>()?;
        let signers =
            (0..r.count("signers", MAX_SIGNATURES)?).map(|_| r.text("signer")).collect::<Result<_, TxError>>()?;
        let signatures = (0..r.count("signatures", MAX_SIGNATURES)?)
            .map(|_| {
                let algorithm = match r.array::<1>("algorithm")?[0] {
                    0 => Algorithm::Ed25519,
                    1 => Algorithm::Secp256k1,
                    other => return Err(TxError::Malformed(format!("unknown signature algorithm {other}"))),
                };
                Ok(TxSignature {
                    algorithm,
                    public_key: r.bytes("public key")?.to_vec(),
                    signature: r.bytes("signature")?.to_vec(),
                })
            })
            .collect::<Result<_, TxError>>()?;
        if r.at != bytes.len() {
            return Err(TxError::Malformed(format!("{} bytes after the transaction", bytes.len() - r.at)));
        }
        Ok(Transaction {
            chain_id,
            time,
            expiration,
            gas_limit,
            gas_price,
            publisher,
            actions,
            amount_limit,
            signers,
            signatures,
        })
    }

    /// Adds a signature made by the caller over [`hash`](Transaction::hash).
    pub fn add_signature(&mut self, algorithm: Algorithm, public_key: Vec<u8>, signature: Vec<u8>) {
        self.signatures.push(TxSignature { algorithm, public_key, signature });
    }

    /// The checks a node makes before a transaction enters its pool that
    /// need no state: its chain, its times against the node's clock `now`,
    /// the ranges of its fields, its size, and every signature.
    ///
    /// # Errors
    /// The first check that fails.
    pub fn check(&self, chain_id: u32, now: i64) -> Result<(), TxError> {
        let invalid = |message: String| Err(TxError::Invalid(message));
        if self.chain_id != chain_id {
            return Err(TxError::WrongChain { expected: chain_id, got: self.chain_id });
        }
        if self.expiration <= now {
            return Err(TxError::Expired { expiration: self.expiration, now });
        }
        if self.time > now + MAX_CLOCK_SKEW_NS {
            return invalid(format!("time {} is ahead of the node's clock {now}", self.time));
        }
        // `checked_sub`: a time far in the past and an expiration far ahead
        // overflow i64 (found by fuzzing: a panic in debug builds, and in
        // release a wrapped, negative lifetime that passed this check).
        let lifetime = self.expiration.checked_sub(self.time);
        if self.expiration <= self.time || lifetime.is_none_or(|lifetime| lifetime > MAX_LIFETIME_NS) {
            return invalid(format!(
                "expiration must be after time and at most {} s later",
                MAX_LIFETIME_NS / 1_000_000_000
            ));
        }
        if self.gas_limit == 0 || self.gas_limit > MAX_GAS_LIMIT {
            return invalid(format!("gas_limit must be 1 to {MAX_GAS_LIMIT}, not {}", self.gas_limit));
        }
        let own = self.intrinsic_gas();
        if self.gas_limit < own {
            return invalid(format!(
                "gas_limit {} is below the transaction's own cost of {own} ({TX_BASE_GAS} + {TX_BYTE_GAS} a byte of \
                 its {} bytes)",
                self.gas_limit,
                self.encode().len()
            ));
        }
        if self.gas_price == 0 || self.gas_price > MAX_GAS_PRICE {
            return invalid(format!("gas_price must be 1 to {MAX_GAS_PRICE}, not {}", self.gas_price));
        }
        if self.publisher.is_empty() {
            return invalid("publisher must name an account".into());
        }
        if self.actions.is_empty() || self.actions.len() > MAX_ACTIONS {
            return invalid(format!("a transaction has 1 to {MAX_ACTIONS} actions, this one {}", self.actions.len()));
        }
        if self.amount_limit.len() > MAX_AMOUNT_LIMITS {
            return invalid(format!("the amount limit has at most {MAX_AMOUNT_LIMITS} entries"));
        }
        for limit in &self.amount_limit {
            if limit.token.is_empty() {
                return invalid("an amount limit names no token (use * for any)".into());
            }
            if limit.val != "unlimited" {
                parse_amount(&limit.val, MAX_DECIMALS)
                    .map_err(|e| TxError::Invalid(format!("the amount limit for {}: {e}", limit.token)))?;
            }
        }
        if self.signatures.is_empty() || self.signatures.len() > MAX_SIGNATURES {
            return invalid(format!(
                "a transaction has 1 to {MAX_SIGNATURES} signatures, this one {}",
                self.signatures.len()
            ));
        }
        let size = self.encode().len();
        if size > MAX_TX_BYTES {
            return Err(TxError::TooLarge(size));
        }
        let hash = self.hash();
        for (index, signature) in self.signatures.iter().enumerate() {
            if !crypto::verify(signature.algorithm, &hash, &signature.signature, &signature.public_key) {
                return Err(TxError::BadSignature { index, algorithm: signature.algorithm });
            }
        }
        Ok(())
    }

    /// The signers' public keys, in base58 (as accounts record them).
    pub fn signer_keys(&self) -> Vec<String> {
        self.signatures.iter().map(|s| bs58::encode(&s.public_key).into_string()).collect()
    }
}

fn algorithm_tag(algorithm: Algorithm) -> u8 {
    match algorithm {
        Algorithm::Ed25519 => 0,
        Algorithm::Secp256k1 => 1,
    }
}

fn put_count(out: &mut Vec<u8>, count: usize) {
    out.extend_from_slice(&u32::try_from(count).unwrap_or(u32::MAX).to_be_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_count(out, bytes.len());
    out.extend_from_slice(bytes);
}

/// Reads the canonical encoding, naming the field that is wrong.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize, what: &str) -> Result<&'a [u8], TxError> {
        let end = self.at.checked_add(len).filter(|end| *end <= self.bytes.len());
        let Some(end) = end else {
            return Err(TxError::Malformed(format!("it ends inside {what}")));
        };
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], TxError> {
        Ok(self.take(N, what)?.try_into().expect("take returns N bytes"))
    }

    fn count(&mut self, what: &str, max: usize) -> Result<usize, TxError> {
        let count = u32::from_be_bytes(self.array(what)?) as usize;
        if count > max {
            return Err(TxError::Malformed(format!("{count} {what}, over the limit of {max}")));
        }
        Ok(count)
    }

    fn bytes(&mut self, what: &str) -> Result<&'a [u8], TxError> {
        let len = u32::from_be_bytes(self.array(what)?) as usize;
        self.take(len, what)
    }

    fn text(&mut self, what: &str) -> Result<String, TxError> {
        let bytes = self.bytes(what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| TxError::Malformed(format!("{what} is not UTF-8")))
    }
}
