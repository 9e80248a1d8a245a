//! The v8vm runtime: runs JavaScript contract calls in a hardened V8 sandbox.
//!
//! # Core concepts
//!
//! - [`VmManager`]: the entry point. Executes [`Transaction`]s alone
//!   (`execute_tx`), as dry runs (`validate_tx`), in blocks
//!   (`execute_block`, back to back on one worker) and read-only calls
//!   (`query`), on a pool of workers that grows with the load and shrinks
//!   when idle ([`PoolConfig`]), over a [`StateDb`](v8vm_state::StateDb).
//! - [`Contract`]: a named contract and its compiled [`Artifact`] (see the
//!   `v8vm-compiler` crate: bundling, gas metering, source positions).
//!   Deploying stores its [`Code`] in state; calls name contracts.
//! - [`Sandbox`]: LoadVM — an isolate started from a startup snapshot of the
//!   class libraries (`storage`, `blockchain`, `block`, `tx`, `console`,
//!   `require`) with a frozen realm and nothing nondeterministic in it.
//!   Keeps the contracts it ran compiled; a contract new to a sandbox loads
//!   from the V8 code cache this node made for it ([`CodeStore`]). Each call
//!   evaluates fresh instances of the contract's modules, metered: running
//!   out of gas terminates it (`out_of_gas`). A watchdog terminates a call
//!   at its deadline; a sandbox that was terminated or reached its heap
//!   limit is replaced.
//! - Contract-to-contract calls (`blockchain.call`, `callWithAuth`) run in
//!   the same sandbox under a journal checkpoint, on the caller's gas, at
//!   most [`MAX_CALL_DEPTH`] deep.
//! - [`Receipt`]: status, return value, message, logs, receipts, events,
//!   gas. A failing contract is a receipt, never an `Err`.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use v8vm_runtime::{Action, BlockInfo, Contract, Status, Transaction, VmConfig, VmManager};
//! use v8vm_state::{MemoryBackend, StateDb, StateOptions};
//!
//! let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default())?);
//! let vm = VmManager::new(db, VmConfig::default())?;
//! let source = "class Hello { init() {} hi(name) { return 'hello ' + name; } }\nmodule.exports = Hello;";
//! let hello = Arc::new(Contract::from_source("hello", "hello.js", source, None)?);
//! let block = BlockInfo { number: 1, parent_hash: String::new(), witness: "node".into(), time: 0 };
//!
//! let deploy = Transaction::signed_by("alice", "tx1", 0, 1_000_000, Action::Deploy(hello));
//! assert_eq!(vm.execute_tx(&block, &deploy)?.status, Status::Success);
//! let call = Transaction::signed_by("bob", "tx2", 0, 1_000_000, Action::call("hello", "hi", r#"["bob"]"#));
//! let receipt = vm.execute_tx(&block, &call)?;
//! assert_eq!(receipt.ret, "hello bob");
//! vm.commit_block(&block, &[receipt])?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod amount;
mod code;
mod contract;
pub mod crypto;
mod env;
mod error;
mod host;
mod manager;
mod native;
mod pool;
mod receipt;
mod sandbox;
mod watchdog;

pub use amount::{format_amount, parse_amount, Spend, MAX_DECIMALS};
pub use code::{Code, CodeStore, DEFAULT_CODE_STORE_ENTRIES};
pub use contract::{deployment, Contract, ContractError, Deployment};
pub use env::{BlockInfo, CallEnv, Caller, TxInfo};
pub use error::RuntimeError;
pub use manager::{Ran, Transaction, VmConfig, VmManager, VmMetrics};
pub use native::{native_abi, NativeCall, NativeContract, NativeError, Natives, GAS_NATIVE_CALL};
pub use pool::{PoolConfig, PoolMetrics, Requester, LONG_READ_ONLY_GAS};
pub use receipt::{Event, Log, LogLevel, Receipt, ReceiptEntry, Status, MAX_MESSAGE_BYTES};
pub use sandbox::{
    Action, CallRequest, Execution, Sandbox, SandboxOptions, SandboxStats, DEFAULT_CACHED_BUNDLES, DEFAULT_GAS_LIMIT,
    MAX_ARGS_BYTES, MAX_CALL_DEPTH, MAX_RESULT_BYTES, MIN_JS_STACK_BYTES, THREAD_STACK_BYTES,
};
pub use v8vm_compiler::{Abi, AbiError, AbiMethod, AmountLimit, ArgType, Artifact};
