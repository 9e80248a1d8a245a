//! The v8vm chain: what turns the VM into a blockchain.
//!
//! So far: signed [`Transaction`]s with one canonical binary encoding, a
//! SHA3-256 hash that signers sign (ed25519 or secp256k1), and the
//! stateless checks a node makes before a transaction enters its pool
//! ([`Transaction::check`]); named [`Account`]s with owner and active
//! [`Permission`]s (weighted keys and a threshold), and [`authorize`],
//! which turns a transaction's signatures into the authorization list
//! contracts see. The native token, blocks and their validation come next
//! (see the node issue).
//!
//! # Example
//!
//! ```
//! use v8vm_chain::{Transaction, TxAction};
//! use v8vm_runtime::crypto::Algorithm;
//!
//! let mut tx = Transaction {
//!     chain_id: 1024,
//!     time: 1_000_000_000,
//!     expiration: 31_000_000_000,
//!     gas_limit: 100_000,
//!     gas_price: 1,
//!     publisher: "alice".into(),
//!     actions: vec![TxAction { contract: "token".into(), method: "transfer".into(), args: r#"["alice","bob","5"]"#.into() }],
//!     amount_limit: vec![],
//!     signers: vec![],
//!     signatures: vec![],
//! };
//! let bytes = tx.encode();
//! assert_eq!(Transaction::decode(&bytes)?, tx);
//! // Unsigned: refused at the door, with the reason.
//! assert_eq!(
//!     tx.check(1024, 2_000_000_000).unwrap_err().to_string(),
//!     "invalid transaction: a transaction has 1 to 8 signatures, this one 0"
//! );
//! # Ok::<(), v8vm_chain::TxError>(())
//! ```

#![forbid(unsafe_code)]

mod account;
mod block;
mod chain;
mod genesis;
mod keys;
mod system;
mod token;
mod tx;

pub use account::{authorize, Account, KeyWeight, Permission};
pub use block::{receipt_root, tx_root, Block, BlockHeader, BlockSignature, TxReceipt};
pub use chain::{Chain, ChainError, ContractInfo, Produced};
pub use genesis::{Genesis, GenesisAccount, DEV_GENESIS_TIME};
pub use keys::{KeyError, KeyFile, KeyPair};
pub use system::{contract_id, valid_account_name, SystemContract, GAS_COMPILE, GAS_COMPILE_PER_BYTE, SYSTEM_CONTRACT};
pub use token::{
    balance, token_info, TokenContract, TokenInfo, MAX_MEMO_BYTES, NATIVE_DECIMALS, NATIVE_TOKEN, TOKEN_CONTRACT,
};
pub use tx::{
    Transaction, TxAction, TxError, TxSignature, MAX_ACTIONS, MAX_AMOUNT_LIMITS, MAX_CLOCK_SKEW_NS, MAX_LIFETIME_NS,
    MAX_SIGNATURES, MAX_TX_BYTES,
};
