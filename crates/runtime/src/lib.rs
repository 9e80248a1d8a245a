//! The v8vm runtime: runs JavaScript contract calls in a hardened V8 sandbox.
//!
//! # Core concepts
//!
//! - [`Contract`]: a named contract and its compiled [`Artifact`] (see the
//!   `v8vm-compiler` crate: bundling, gas metering, source positions).
//! - [`CallRequest`]: deploy or call a contract, in a [`CallEnv`] (block,
//!   transaction, caller), over committed state, with a deadline.
//! - [`Sandbox`]: LoadVM — an isolate with the class libraries (`storage`,
//!   `blockchain`, `block`, `tx`, `console`, `require`) and a frozen realm
//!   with nothing nondeterministic in it. Runs calls on the current thread,
//!   metered: running out of gas terminates a call (`out_of_gas`).
//! - [`Worker`]: a thread owning a sandbox; calls are sent to it. A
//!   watchdog terminates a call at its deadline; a sandbox that reached its
//!   heap limit is replaced transparently.
//! - [`Execution`]: the call's [`Receipt`] (status, return value, message,
//!   logs, receipts, events) and the writes to apply if it succeeded. A
//!   failing contract is a receipt, never an `Err`.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use v8vm_runtime::{Action, BlockInfo, CallEnv, CallRequest, Contract, SandboxOptions, Status, Worker};
//! use v8vm_state::MemoryState;
//!
//! let source = "class Hello { init() {} hi(name) { return 'hello ' + name; } }\nmodule.exports = Hello;";
//! let contract = Arc::new(Contract::from_source("hello", "hello.js", source, None)?);
//! let worker = Worker::spawn(SandboxOptions::default())?;
//! let block = BlockInfo { number: 1, parent_hash: String::new(), witness: "node".into(), time: 0 };
//! let mut state = MemoryState::default();
//! let mut request = CallRequest {
//!     contract,
//!     action: Action::Deploy,
//!     env: CallEnv::signed_by("alice", block, "tx1".into()),
//!     state: Arc::new(state.clone()),
//!     gas_limit: v8vm_runtime::DEFAULT_GAS_LIMIT,
//!     timeout: Duration::from_millis(500),
//! };
//! let deployed = worker.execute(request.clone())?;
//! assert_eq!(deployed.receipt.status, Status::Success);
//! state.apply(deployed.writes);
//!
//! request.action = Action::Call { method: "hi".into(), args: r#"["bob"]"#.into() };
//! request.state = Arc::new(state.clone());
//! let called = worker.execute(request)?;
//! assert_eq!(called.receipt.ret, "hello bob");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod contract;
mod env;
mod error;
mod host;
mod receipt;
mod sandbox;
mod watchdog;
mod worker;

pub use contract::{deployment, registry_slot, Contract, ContractError, Deployment, SYSTEM_CONTRACT};
pub use env::{BlockInfo, CallEnv, Caller, TxInfo};
pub use error::RuntimeError;
pub use receipt::{Event, Log, LogLevel, Receipt, ReceiptEntry, Status};
pub use sandbox::{
    Action, CallRequest, Execution, Sandbox, SandboxOptions, DEFAULT_GAS_LIMIT, MAX_ARGS_BYTES, MAX_RESULT_BYTES,
};
pub use v8vm_compiler::{Abi, AbiError, AbiMethod, AmountLimit, ArgType, Artifact};
pub use worker::{Worker, WorkerStats};
