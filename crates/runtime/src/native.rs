//! Native contracts: contracts written in Rust and registered with the
//! runtime by the chain (`token.iost`, `system.iost`). A transaction action
//! or a contract (`blockchain.call`, `blockchain.transfer`) calls them like
//! any other contract; they run in the caller's frame, under its journal
//! checkpoint, and charge the caller's gas.

use std::collections::BTreeMap;
use std::sync::Arc;

use v8vm_compiler::{Abi, AbiMethod, ArgType};
use v8vm_state::{Slot, StateError, StateKey, Value};

use crate::amount::Spend;
use crate::env::{CallEnv, Caller};
use crate::host::{reserve_output, Frame};
use crate::receipt::{Event, ReceiptEntry};

/// Gas every native call costs before it does anything.
pub const GAS_NATIVE_CALL: u64 = 1000;

/// A contract implemented in Rust.
pub trait NativeContract: Send + Sync + std::fmt::Debug {
    /// Its public methods and their argument types; calls are checked
    /// against it before [`call`](NativeContract::call).
    fn abi(&self) -> &Abi;

    /// Runs `method` with `args` (already checked against the ABI) and
    /// returns its result as text.
    ///
    /// # Errors
    /// Why the call fails: it becomes a `runtime_error` receipt, or an
    /// exception in the contract that called it. Its writes and output are
    /// rolled back.
    fn call(&self, call: &mut NativeCall<'_>, method: &str, args: &[serde_json::Value]) -> Result<String, NativeError>;
}

/// Why a native call failed.
#[derive(Debug, thiserror::Error)]
pub enum NativeError {
    /// The call is refused or cannot be done (the message says why).
    #[error("{0}")]
    Failed(String),
    /// The state could not be read.
    #[error("state error: {0}")]
    State(#[from] StateError),
}

impl NativeError {
    /// A refusal with `message`.
    pub fn failed(message: impl Into<String>) -> NativeError {
        NativeError::Failed(message.into())
    }
}

/// The ABI of a native contract: its methods and their argument types.
pub fn native_abi(methods: &[(&str, &[ArgType])]) -> Abi {
    let abi = methods
        .iter()
        .map(|(name, args)| AbiMethod { name: (*name).to_owned(), args: args.to_vec(), amount_limit: Vec::new() })
        .collect();
    Abi { lang: "rust".into(), version: "1.0.0".into(), abi }
}

/// The native contracts of a node, by name.
#[derive(Debug, Clone, Default)]
pub struct Natives(BTreeMap<String, Arc<dyn NativeContract>>);

impl Natives {
    /// No native contracts.
    pub fn new() -> Natives {
        Natives::default()
    }

    /// Adds `contract` under `name`.
    #[must_use]
    pub fn with(mut self, name: &str, contract: Arc<dyn NativeContract>) -> Natives {
        self.0.insert(name.to_owned(), contract);
        self
    }

    /// The native contract named `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<dyn NativeContract>> {
        self.0.get(name)
    }
}

/// What a native contract's method works on: the transaction's journal,
/// its authority, its output, and the gas it charges.
#[derive(Debug)]
pub struct NativeCall<'a> {
    pub(crate) frame: &'a mut Frame,
    pub(crate) gas: u64,
}

impl NativeCall<'_> {
    /// The block and transaction.
    pub fn env(&self) -> &CallEnv {
        &self.frame.env
    }

    /// The contract's own name.
    pub fn contract(&self) -> &str {
        &self.frame.top().contract
    }

    /// Who called it: the publisher's account for a transaction's action,
    /// else the calling contract.
    pub fn caller(&self) -> &Caller {
        &self.frame.top().caller
    }

    /// Charges `gas` to the call (on top of [`GAS_NATIVE_CALL`]).
    pub fn charge(&mut self, gas: u64) {
        self.gas = self.gas.saturating_add(gas);
    }

    /// Whether the call holds `id@permission`: from the transaction's
    /// signatures for an account, or from the `callWithAuth` chain for a
    /// contract.
    pub fn require_auth(&self, id: &str, permission: &str) -> bool {
        self.frame.holds_auth(id, permission)
    }

    /// The record under `key`, as the transaction sees it.
    ///
    /// # Errors
    /// The state cannot be read.
    pub fn get(&self, key: &StateKey) -> Result<Option<Value>, StateError> {
        self.frame.journal.get(key)
    }

    /// Stores `value` under `key` (natives are trusted with any record).
    pub fn put(&mut self, key: &StateKey, value: impl Into<Value>) {
        self.frame.journal.put(key, value);
    }

    /// The string in the contract's own storage at `key` (or map `key`,
    /// `field`), as contracts read it with `storage.globalGet`.
    ///
    /// # Errors
    /// The state cannot be read.
    pub fn storage_get(&self, key: &str, field: Option<&str>) -> Result<Option<String>, StateError> {
        self.frame.journal.storage_get(&self.slot(key, field))
    }

    /// Stores `value` in the contract's own storage at `key` (or map
    /// `key`, `field`).
    ///
    /// # Errors
    /// The state cannot be read (a new map field joins the map's index).
    pub fn storage_put(&mut self, key: &str, field: Option<&str>, value: &str) -> Result<(), StateError> {
        let slot = self.slot(key, field);
        self.frame.journal.storage_put(&slot, value)
    }

    /// Appends `content` to the transaction's receipt, as
    /// `<contract>/<method>`, within the transaction's cap on receipts and
    /// events (which natives count like contracts).
    ///
    /// # Errors
    /// The transaction emitted too much.
    pub fn receipt(&mut self, content: String) -> Result<(), NativeError> {
        let top = self.frame.top();
        let func_name = format!("{}/{}", top.contract, top.method);
        reserve_output(self.frame, &func_name, &content).map_err(NativeError::Failed)?;
        self.frame.receipts.push(ReceiptEntry { func_name, content });
        Ok(())
    }

    /// Emits an event, within the transaction's cap on receipts and events.
    ///
    /// # Errors
    /// The transaction emitted too much.
    pub fn event(&mut self, content: String) -> Result<(), NativeError> {
        let contract = self.frame.top().contract.clone();
        reserve_output(self.frame, &contract, &content).map_err(NativeError::Failed)?;
        self.frame.events.push(Event { contract, content });
        Ok(())
    }

    /// Records tokens leaving `spend.account`, for the amount limits.
    pub fn spend(&mut self, spend: Spend) {
        self.frame.spends.push(spend);
    }

    fn slot(&self, key: &str, field: Option<&str>) -> Slot {
        let contract = &self.frame.top().contract;
        match field {
            Some(field) => Slot::field(contract, key, field),
            None => Slot::key(contract, key),
        }
    }
}
