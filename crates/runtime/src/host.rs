//! The host functions behind the class libraries, one table per area
//! (`host/storage.rs`, `host/chain.rs`, `host/console.rs`), and the frame
//! of the call in progress that they work on.

mod chain;
mod console;
mod gas;
mod source;
mod storage;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use v8vm_compiler::Artifact;
use v8vm_engine::{HostError, HostFn, JsValue, TerminateHandle};
use v8vm_state::{Journal, StateError};

use crate::env::CallEnv;
use crate::receipt::{Event, Log, ReceiptEntry};

/// The state of the call in progress, seen by the host functions.
#[derive(Debug)]
pub(crate) struct Frame {
    /// The running contract: the only one whose storage it may write.
    pub(crate) contract: String,
    pub(crate) method: String,
    /// Who deployed the running contract.
    pub(crate) owner: String,
    /// Its code, to map stack positions back to its files.
    pub(crate) artifact: Arc<Artifact>,
    pub(crate) env: CallEnv,
    /// The call's writes over the state it reads.
    pub(crate) journal: Journal,
    pub(crate) logs: Vec<Log>,
    pub(crate) log_bytes: usize,
    pub(crate) receipts: Vec<ReceiptEntry>,
    pub(crate) events: Vec<Event>,
    /// Bytes of receipts and events so far.
    pub(crate) output_bytes: usize,
    /// Bytes of keys, fields and values written so far.
    pub(crate) written_bytes: usize,
}

/// The frame slot shared by all host functions of a sandbox; `None`
/// between calls.
pub(crate) type FrameCell = Rc<RefCell<Option<Frame>>>;

/// Every host function, by the name the class libraries call it.
/// `terminate` stops this sandbox's isolate (when gas runs out).
pub(crate) fn functions(frame: &FrameCell, terminate: &TerminateHandle) -> Vec<(&'static str, HostFn)> {
    let mut all = storage::functions(frame);
    all.extend(chain::functions(frame));
    all.extend(console::functions(frame));
    all.extend(gas::functions(frame, terminate));
    all.extend(source::functions(frame));
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
