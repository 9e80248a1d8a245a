//! The v8vm chain: what turns the VM into a blockchain.
//!
//! # Core concepts
//!
//! - [`Transaction`]: what a client signs — chain id, times, gas limit and
//!   price, publisher, actions, amount limit, signers, signatures — with one
//!   canonical binary encoding and a SHA3-256 hash; [`Transaction::check`]
//!   makes the stateless checks at the door. [`KeyPair`] signs (ed25519 or
//!   secp256k1), [`KeyFile`] stores a key.
//! - [`Account`]s with owner and active [`Permission`]s (weighted keys and a
//!   threshold); [`authorize`] turns signatures into the authorization list
//!   contracts see.
//! - The native contracts the VM gets: [`TokenContract`] (`token.iost`, the
//!   native token `iost` and any other) and [`SystemContract`]
//!   (`system.iost`: accounts, deploys compiled on the node, updates).
//! - [`Block`]s: a [`BlockHeader`] committing to transactions, receipts
//!   ([`TxReceipt`]) and the state digest, signed by the producer.
//! - [`Chain`]: a chain over a state database, from a [`Genesis`]:
//!   [`Chain::check_tx`] at the door, [`Chain::produce`] a block,
//!   [`Chain::apply`] another node's block by executing it again, and the
//!   reads (receipts, blocks, accounts, contracts, storage, queries).
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
mod fair;
mod genesis;
mod keys;
mod system;
mod token;
mod tx;

pub use account::{authorize, Account, KeyWeight, Permission};
pub use block::{receipt_root, tx_root, Block, BlockHeader, BlockSignature, TxReceipt};
pub use chain::{Chain, ChainError, Checked, ContractInfo, Produced};
pub use fair::{Offered, IN_BLOCK_FACTOR, IN_BLOCK_FLOOR, MAX_SLOW_BLOCKS, NEWCOMER_TIME, SET_ASIDE_TIME};
pub use genesis::{Genesis, GenesisAccount, DEV_GENESIS_TIME};
pub use keys::{KeyError, KeyFile, KeyPair};
pub use system::{contract_id, valid_account_name, SystemContract, GAS_COMPILE, GAS_COMPILE_PER_BYTE, SYSTEM_CONTRACT};
pub use token::{
    balance, token_info, TokenContract, TokenInfo, MAX_MEMO_BYTES, NATIVE_DECIMALS, NATIVE_TOKEN, TOKEN_CONTRACT,
};
pub use tx::{
    Transaction, TxAction, TxError, TxSignature, MAX_ACTIONS, MAX_AMOUNT_LIMITS, MAX_CLOCK_SKEW_NS, MAX_GAS_LIMIT,
    MAX_GAS_PRICE, MAX_LIFETIME_NS, MAX_SIGNATURES, MAX_TX_BYTES, TX_BASE_GAS, TX_BYTE_GAS,
};
pub use v8vm_runtime::{format_amount, Requester, LONG_READ_ONLY_GAS};
