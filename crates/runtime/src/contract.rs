//! Contracts as the runtime receives them, and the registry of deployed ones.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use v8vm_state::{Slot, StateRead};

use crate::abi::Abi;

/// The contract that holds the registry of deployed contracts.
pub const SYSTEM_CONTRACT: &str = "system.iost";
const REGISTRY_KEY: &str = "contracts";

/// A contract's code: one CommonJS file whose `module.exports` is the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// Its name (contract id), e.g. `token`.
    pub name: String,
    /// The file name shown in errors and stack traces.
    pub file_name: String,
    /// The JavaScript source.
    pub source: String,
    /// The ABI from a file; `None` to derive it from the class.
    pub abi: Option<Abi>,
    /// Hex SHA-256 of the source and the ABI: compiled code and the checked
    /// interface are cached under it.
    pub code_hash: String,
}

/// A contract that cannot be accepted as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    /// The name breaks the naming rule.
    #[error("invalid contract name {0:?}: 1-64 of [A-Za-z0-9_.], and names ending in .iost are reserved")]
    InvalidName(String),
    /// The source is over [`MAX_SOURCE_BYTES`].
    #[error("the contract source is {0} bytes, over the {MAX_SOURCE_BYTES}-byte limit")]
    TooLarge(usize),
}

/// Largest contract source, in bytes.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;

impl Contract {
    /// A contract named `name` with `source` shown as `file_name`.
    ///
    /// # Errors
    /// An invalid name.
    pub fn new(name: &str, file_name: &str, source: String, abi: Option<Abi>) -> Result<Contract, ContractError> {
        let valid = (1..=64).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            && !name.ends_with(".iost");
        if !valid {
            return Err(ContractError::InvalidName(name.to_owned()));
        }
        if source.len() > MAX_SOURCE_BYTES {
            return Err(ContractError::TooLarge(source.len()));
        }
        let mut hasher = Sha256::new();
        hasher.update(source.as_bytes());
        if let Some(abi) = &abi {
            hasher.update([0]);
            hasher.update(serde_json::to_vec(abi).expect("an ABI serializes"));
        }
        let code_hash = hex::encode(hasher.finalize());
        Ok(Contract { name: name.to_owned(), file_name: file_name.to_owned(), source, abi, code_hash })
    }
}

/// The registry record of a deployed contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    /// Hash of the code that was deployed.
    pub code_hash: String,
    /// The publisher of the deploying transaction.
    pub owner: String,
}

/// Where a contract's registry record lives.
pub fn registry_slot(name: &str) -> Slot {
    Slot::field(SYSTEM_CONTRACT, REGISTRY_KEY, name)
}

/// The registry record of contract `name`, if it was deployed.
pub fn deployment(state: &dyn StateRead, name: &str) -> Option<Deployment> {
    state.get(&registry_slot(name)).and_then(|text| serde_json::from_str(&text).ok())
}
