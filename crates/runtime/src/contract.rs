//! Contracts as the runtime receives them, and the registry of deployed ones.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use v8vm_compiler::{Abi, Artifact, CompileErrors};
use v8vm_state::{Slot, StateRead};

/// The contract that holds the registry of deployed contracts.
pub const SYSTEM_CONTRACT: &str = "system.iost";
const REGISTRY_KEY: &str = "contracts";

/// A named contract and its compiled artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// Its name (contract id), e.g. `token`.
    pub name: String,
    /// The compiled code; calls are cached by its `code_hash`.
    pub artifact: Arc<Artifact>,
}

/// A contract that cannot be accepted as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    /// The name breaks the naming rule.
    #[error("invalid contract name {0:?}: 1-64 of [A-Za-z0-9_.], and names ending in .iost are reserved")]
    InvalidName(String),
    /// The source did not compile.
    #[error("{0}")]
    Compile(#[from] CompileErrors),
}

impl Contract {
    /// The contract `name` running `artifact`.
    ///
    /// # Errors
    /// An invalid name.
    pub fn new(name: &str, artifact: Arc<Artifact>) -> Result<Contract, ContractError> {
        let valid = (1..=64).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            && !name.ends_with(".iost");
        if !valid {
            return Err(ContractError::InvalidName(name.to_owned()));
        }
        Ok(Contract { name: name.to_owned(), artifact })
    }

    /// Compiles a single-file contract `source` shown as `file_name`.
    ///
    /// # Errors
    /// An invalid name, or compile errors.
    pub fn from_source(name: &str, file_name: &str, source: &str, abi: Option<Abi>) -> Result<Contract, ContractError> {
        let artifact = v8vm_compiler::compile_source(file_name, source, abi)?;
        Contract::new(name, Arc::new(artifact))
    }

    /// The hash identifying the contract's code.
    pub fn code_hash(&self) -> &str {
        &self.artifact.code_hash
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
