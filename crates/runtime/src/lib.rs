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
//!   logs, receipts, events, gas) and the state changes to apply if it
//!   succeeded. A failing contract is a receipt, never an `Err`.
//! - State comes from `v8vm-state`: a call reads a [`StateView`](v8vm_state::StateView)
//!   (a [`StateDb`](v8vm_state::StateDb): committed state plus the block so
//!   far) through its own journal, and returns the journal's changes.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use v8vm_runtime::{Action, BlockInfo, CallEnv, CallRequest, Contract, SandboxOptions, Status, Worker};
//! use v8vm_state::{MemoryBackend, StateDb, StateOptions};
//!
//! let source = "class Hello { init() {} hi(name) { return 'hello ' + name; } }\nmodule.exports = Hello;";
//! let contract = Arc::new(Contract::from_source("hello", "hello.js", source, None)?);
//! let worker = Worker::spawn(SandboxOptions::default())?;
//! let block = BlockInfo { number: 1, parent_hash: String::new(), witness: "node".into(), time: 0 };
//! let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
//! let mut request = CallRequest {
//!     contract,
//!     action: Action::Deploy,
//!     env: CallEnv::signed_by("alice", block, "tx1".into()),
//!     state: db.clone(),
//!     gas_limit: v8vm_runtime::DEFAULT_GAS_LIMIT,
//!     timeout: Duration::from_millis(500),
//! };
//! let deployed = worker.execute(request.clone())?;
//! assert_eq!(deployed.receipt.status, Status::Success);
//! db.apply(deployed.writes); // the block's next transactions see it
//! db.commit_block(1, b"block", b"receipts")?; // one atomic write
//!
//! request.action = Action::Call { method: "hi".into(), args: r#"["bob"]"#.into() };
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

pub use contract::{deployment, Contract, ContractError, Deployment};
pub use env::{BlockInfo, CallEnv, Caller, TxInfo};
pub use error::RuntimeError;
pub use receipt::{Event, Log, LogLevel, Receipt, ReceiptEntry, Status};
pub use sandbox::{
    Action, CallRequest, Execution, Sandbox, SandboxOptions, DEFAULT_GAS_LIMIT, MAX_ARGS_BYTES, MAX_RESULT_BYTES,
};
pub use v8vm_compiler::{Abi, AbiError, AbiMethod, AmountLimit, ArgType, Artifact};
pub use worker::{Worker, WorkerStats};
