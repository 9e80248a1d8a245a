//! Contracts as the runtime receives them, and the registry of deployed ones.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use v8vm_compiler::{Abi, Artifact, CompileErrors};
use v8vm_state::{StateError, StateKey, StateView};

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

impl Deployment {
    /// Where the record lives: the contract's metadata.
    pub fn key(name: &str) -> StateKey {
        StateKey::Contract(name.to_owned())
    }

    /// The record as stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a deployment record serializes")
    }
}

/// The registry record of contract `name`, if it was deployed.
///
/// # Errors
/// The state cannot be read, or the record is corrupt.
pub fn deployment(state: &dyn StateView, name: &str) -> Result<Option<Deployment>, StateError> {
    state.get(&Deployment::key(name).encode())?.map(|bytes| Deployment::from_bytes(name, &bytes)).transpose()
}

impl Deployment {
    /// Reads the stored record of contract `name`.
    ///
    /// # Errors
    /// The record is corrupt.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Deployment, StateError> {
        serde_json::from_slice(bytes)
            .map_err(|e| StateError::Corrupt(format!("the deployment record of {name:?} is not valid: {e}")))
    }
}
