//! The block and transaction a call runs in, as the contract sees them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use v8vm_compiler::AmountLimit;

/// The current block (`block` global, `blockchain.blockInfo()`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockInfo {
    /// Height.
    pub number: u64,
    /// Hash of the parent block.
    pub parent_hash: String,
    /// The producer.
    pub witness: String,
    /// Block time, nanoseconds since the Unix epoch.
    pub time: i64,
}

/// The current transaction (`tx` global, `blockchain.txInfo()`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TxInfo {
    /// Transaction time, nanoseconds since the Unix epoch.
    pub time: i64,
    /// The transaction's hash.
    pub hash: String,
    /// Expiration time, nanoseconds since the Unix epoch.
    pub expiration: i64,
    /// The gas limit.
    pub gas_limit: u64,
    /// The gas price ratio.
    pub gas_ratio: u64,
    /// Signers and the permission each grants.
    pub auth_list: BTreeMap<String, String>,
    /// The account that published the transaction.
    pub publisher: String,
    /// The most of each token the transaction may move out of its signers'
    /// accounts (`None`: no limit, for VMs without a chain). Not shown to
    /// contracts.
    #[serde(skip)]
    pub amount_limit: Option<Vec<AmountLimit>>,
}

/// Who called the current contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    /// Account or contract name.
    pub name: String,
    /// Whether it is an account (not a contract).
    pub is_account: bool,
}

/// Everything a call knows about its surroundings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallEnv {
    /// The block.
    pub block: BlockInfo,
    /// The transaction.
    pub tx: TxInfo,
    /// The direct caller.
    pub caller: Caller,
}

impl TxInfo {
    /// A transaction `hash` published and signed (`active`) by `publisher`
    /// at `time`, expiring 90 s later.
    pub fn signed_by(publisher: &str, hash: String, time: i64, gas_limit: u64) -> TxInfo {
        TxInfo {
            time,
            hash,
            expiration: time + 90_000_000_000,
            gas_limit,
            gas_ratio: 1,
            auth_list: BTreeMap::from([(publisher.to_owned(), "active".to_owned())]),
            publisher: publisher.to_owned(),
            amount_limit: None,
        }
    }
}

impl CallEnv {
    /// A transaction published and signed (`active`) by `publisher` in
    /// block `block`; the caller is the publisher.
    pub fn signed_by(publisher: &str, block: BlockInfo, hash: String) -> CallEnv {
        let tx = TxInfo::signed_by(publisher, hash, block.time, 0);
        CallEnv { block, tx, caller: Caller { name: publisher.to_owned(), is_account: true } }
    }

    /// Whether the transaction's signers grant `id@permission`: an `owner`
    /// signature grants every permission, `active` grants all but `owner`.
    pub fn grants(&self, id: &str, permission: &str) -> bool {
        match self.tx.auth_list.get(id).map(String::as_str) {
            Some("owner") => true,
            Some("active") => permission != "owner",
            Some(granted) => granted == permission,
            None => false,
        }
    }
}
