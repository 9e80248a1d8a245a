//! The host functions behind the class libraries, one table per area
//! (`host/storage.rs`, `host/chain.rs`, `host/call.rs`, ...), and the frame
//! of the call in progress that they work on.

mod call;
mod chain;
mod console;
mod crypto;
mod gas;
mod native;
mod regex;
mod source;
mod storage;

pub(crate) use chain::{output_cost, reserve_output};
pub(crate) use native::call_native;
pub(crate) use storage::flush_usage;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use v8vm_compiler::{AmountLimit, Artifact};
use v8vm_engine::{HostError, HostFn, JsValue, TerminateHandle};
use v8vm_state::{Checkpoint, Journal, StateError};

use crate::amount::Spend;
use crate::env::{CallEnv, Caller};
use crate::receipt::{Event, Log, ReceiptEntry};
use crate::sandbox::Loader;

/// The state of the transaction in progress, seen by the host functions:
/// what the whole call stack shares (the journal, the output) and the stack
/// of contract calls itself.
#[derive(Debug)]
pub(crate) struct Frame {
    pub(crate) env: CallEnv,
    /// The transaction's writes over the state it reads.
    pub(crate) journal: Journal,
    /// A query: every write is refused.
    pub(crate) read_only: bool,
    /// The contract calls in progress, outermost first; never empty during a call.
    pub(crate) stack: Vec<Activation>,
    /// Every contract's code that ran in this call, to map stack positions
    /// back to its files.
    pub(crate) artifacts: Vec<Arc<Artifact>>,
    /// Loads the code of contracts called from contracts.
    pub(crate) loader: Rc<Loader>,
    pub(crate) logs: Vec<Log>,
    pub(crate) log_bytes: usize,
    pub(crate) receipts: Vec<ReceiptEntry>,
    pub(crate) events: Vec<Event>,
    /// Bytes of receipts and events so far.
    pub(crate) output_bytes: usize,
    /// Bytes of keys, fields and values written so far.
    pub(crate) written_bytes: usize,
    /// The gas the run used, as reported when it ended (returning or
    /// throwing); `None` if it was terminated.
    pub(crate) gas_reported: Option<u64>,
    /// Where in the contract's files the gas ran out (`file:line:col`).
    pub(crate) out_of_gas_at: Option<String>,
    /// Bytes stored on each payer's account by this call so far (added to
    /// the totals in state when the call succeeds).
    pub(crate) usage: BTreeMap<String, i64>,
    /// Tokens moved out of accounts so far, for the amount limits.
    pub(crate) spends: Vec<Spend>,
}

/// One contract call on the stack.
#[derive(Debug)]
pub(crate) struct Activation {
    /// The running contract: the only one whose storage it may write.
    pub(crate) contract: String,
    pub(crate) method: String,
    /// Who deployed it.
    pub(crate) owner: String,
    pub(crate) caller: Caller,
    /// Contracts whose authority this call holds besides its own (passed
    /// down by `callWithAuth`).
    pub(crate) authorities: Vec<String>,
    /// Where to roll back to if this (nested) call fails, and how much
    /// output it found.
    pub(crate) undo: Option<Undo>,
    /// The method's amount limit (its ABI's `amountLimit`), checked when
    /// it returns; `None` for native contracts.
    pub(crate) amount_limit: Option<Vec<AmountLimit>>,
    /// The first of the frame's spends made during this call.
    pub(crate) spends_from: usize,
}

/// What a failed nested call takes back.
#[derive(Debug)]
pub(crate) struct Undo {
    pub(crate) checkpoint: Checkpoint,
    pub(crate) receipts: usize,
    pub(crate) events: usize,
    pub(crate) usage: BTreeMap<String, i64>,
    pub(crate) spends: usize,
}

impl Frame {
    /// The call running now.
    pub(crate) fn top(&self) -> &Activation {
        self.stack.last().expect("a call is in progress")
    }

    /// Whether the running call holds `id@permission`. A contract always
    /// holds its own authority, and that of the contracts that passed
    /// theirs down with `callWithAuth`; an account's comes from the
    /// transaction's signatures.
    pub(crate) fn holds_auth(&self, id: &str, permission: &str) -> bool {
        let top = self.top();
        let held = id == top.contract || top.authorities.iter().any(|contract| contract == id);
        held || self.env.grants(id, permission)
    }

    /// Checks the running call's amount limit against the tokens moved out
    /// of the signers' accounts since it began.
    pub(crate) fn check_amount_limit(&self) -> Result<(), String> {
        let top = self.top();
        let Some(limits) = &top.amount_limit else { return Ok(()) };
        if self.spends.len() <= top.spends_from {
            return Ok(()); // nothing moved
        }
        let whose = format!("{}.{}", top.contract, top.method);
        crate::amount::check_limits(limits, &self.spends[top.spends_from..], &self.env.tx.auth_list, &whose)
    }
}

/// The frame slot shared by all host functions of a sandbox; `None`
/// between calls.
pub(crate) type FrameCell = Rc<RefCell<Option<Frame>>>;

/// Every host function, by the name the class libraries call it.
/// `terminate` stops this sandbox's isolate (when gas runs out).
pub(crate) fn functions(frame: &FrameCell, terminate: &TerminateHandle) -> Vec<(&'static str, HostFn)> {
    let mut all = storage::functions(frame);
    all.extend(chain::functions(frame));
    all.extend(call::functions(frame));
    all.extend(console::functions(frame));
    all.extend(crypto::functions(frame));
    all.extend(gas::functions(frame, terminate));
    all.extend(source::functions(frame));
    all.extend(regex::functions());
    all
}

/// Wraps `f` as a host function working on the current frame.
fn op(frame: &FrameCell, f: impl Fn(&mut Frame, &[JsValue]) -> Result<JsValue, HostError> + 'static) -> HostFn {
    let frame = Rc::clone(frame);
    Box::new(move |args| {
        let mut slot = frame.borrow_mut();
        let frame = slot.as_mut().ok_or_else(|| HostError::error("no contract call is in progress"))?;
        f(frame, args)
    })
}

/// A storage failure (not the contract's fault), thrown into the call.
fn state_error(error: StateError) -> HostError {
    HostError::error(format!("state error: {error}"))
}

/// Argument `i`, which must be a string.
fn string_arg<'a>(args: &'a [JsValue], i: usize, name: &str) -> Result<&'a str, HostError> {
    match args.get(i) {
        Some(JsValue::String(s)) => Ok(s),
        _ => Err(HostError::type_error(format!("{name} must be a string"))),
    }
}

/// Argument `i`, a string or `null`/`undefined`.
fn optional_string_arg<'a>(args: &'a [JsValue], i: usize, name: &str) -> Result<Option<&'a str>, HostError> {
    match args.get(i) {
        None | Some(JsValue::Null | JsValue::Undefined) => Ok(None),
        Some(_) => string_arg(args, i, name).map(Some),
    }
}
