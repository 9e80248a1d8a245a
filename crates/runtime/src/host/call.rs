//! `blockchain.call` and `blockchain.callWithAuth`: one contract calling
//! another. Rust keeps the call stack and the journal checkpoints; the class
//! libraries run the callee's method (with the gas meter they share with the
//! caller) between `call_enter` and `call_exit`.

use std::rc::Rc;
use std::sync::Arc;

use serde_json::json;
use v8vm_engine::{HostError, HostFn, JsValue};

use v8vm_compiler::AmountLimit;

use super::{call_native, op, state_error, string_arg, Activation, Frame, FrameCell, Undo};
use crate::contract::Deployment;
use crate::env::Caller;
use crate::native::NativeContract;
use crate::sandbox::MAX_CALL_DEPTH;

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    let cell = Rc::clone(frame);
    vec![("call_enter", Box::new(move |args| call_enter(&cell, args))), ("call_exit", op(frame, call_exit))]
}

fn no_call() -> HostError {
    HostError::error("no contract call is in progress")
}

/// `call_enter(contract, method, argsJson, withAuth)`: checks the call,
/// loads the callee's code into the sandbox, pushes it on the stack under a
/// journal checkpoint, and returns `[bundleNumber, entryModule, argsJson]`.
fn call_enter(cell: &FrameCell, args: &[JsValue]) -> Result<JsValue, HostError> {
    let contract = string_arg(args, 0, "contract")?;
    let method = string_arg(args, 1, "method")?;
    let call_args = string_arg(args, 2, "args")?;
    let with_auth = matches!(args.get(3), Some(JsValue::Bool(true)));
    let (loader, loaded, owner) = {
        let mut slot = cell.borrow_mut();
        let frame = slot.as_mut().ok_or_else(no_call)?;
        if frame.stack.len() >= MAX_CALL_DEPTH {
            return Err(HostError::range_error(format!(
                "calling {contract}.{method} would make {} nested contract calls, over the limit of {MAX_CALL_DEPTH}",
                frame.stack.len() + 1
            )));
        }
        if frame.stack.iter().any(|a| a.contract == contract && a.method == method) {
            return Err(HostError::error(format!(
                "{contract}.{method} is already on the call stack: re-entering a method is not allowed"
            )));
        }
        if let Some(native) = frame.loader.natives().get(contract).cloned() {
            return call_native_contract(frame, &*native, contract, method, call_args, with_auth);
        }
        let deployment = frame
            .journal
            .get(&Deployment::key(contract))
            .map_err(state_error)?
            .map(|bytes| Deployment::from_bytes(contract, &bytes))
            .transpose()
            .map_err(state_error)?
            .ok_or_else(|| HostError::error(format!("contract '{contract}' is not deployed")))?;
        let loaded = frame
            .loader
            .store()
            .get(&deployment.code_hash, |key| frame.journal.get(key))
            .map_err(state_error)?
            .ok_or_else(|| HostError::error(format!("the code of contract '{contract}' is missing")))?;
        loaded
            .code
            .check_call(contract, method, call_args)
            .map_err(|(_, message)| HostError::error(format!("cannot call {contract}.{method}: {message}")))?;
        (Rc::clone(&frame.loader), loaded, deployment.owner)
    };
    // Compiling runs V8, so the frame is not borrowed meanwhile.
    let artifact = &loaded.code.artifact;
    let bundle = loader
        .load(artifact, loaded.code_cache.get(), loaded.cacheable)
        .map_err(|error| HostError::error(format!("cannot load contract '{contract}': {error}")))?;

    let mut slot = cell.borrow_mut();
    let frame = slot.as_mut().ok_or_else(no_call)?;
    let amount_limit = loaded.code.abi.method(method).map(|m| m.amount_limit.clone()).unwrap_or_default();
    push(frame, contract, method, owner, with_auth, Some(amount_limit));
    if !frame.artifacts.iter().any(|known| Arc::ptr_eq(known, artifact)) {
        frame.artifacts.push(Arc::clone(artifact));
    }
    Ok(JsValue::Json(json!([bundle, artifact.entry, call_args]).to_string()))
}

/// Pushes a call of `contract.method` by the running contract, under a
/// journal checkpoint.
fn push(
    frame: &mut Frame,
    contract: &str,
    method: &str,
    owner: String,
    with_auth: bool,
    amount_limit: Option<Vec<AmountLimit>>,
) {
    let parent = frame.top();
    let mut authorities = parent.authorities.clone();
    if with_auth && !authorities.contains(&parent.contract) {
        authorities.push(parent.contract.clone());
    }
    let caller = Caller { name: parent.contract.clone(), is_account: false };
    let undo = Undo {
        checkpoint: frame.journal.checkpoint(),
        receipts: frame.receipts.len(),
        events: frame.events.len(),
        usage: frame.usage.clone(),
        spends: frame.spends.len(),
    };
    frame.stack.push(Activation {
        contract: contract.to_owned(),
        method: method.to_owned(),
        owner,
        caller,
        authorities,
        undo: Some(undo),
        amount_limit,
        spends_from: frame.spends.len(),
    });
}

/// Runs a native contract's method as a nested call, all in Rust; returns
/// `{gas, result}`, or `{gas, error}` when it failed: the caller's meter
/// takes the native's charge either way, then the library throws the error.
fn call_native_contract(
    frame: &mut Frame,
    native: &dyn NativeContract,
    contract: &str,
    method: &str,
    args: &str,
    with_auth: bool,
) -> Result<JsValue, HostError> {
    push(frame, contract, method, String::new(), with_auth, None);
    let outcome = call_native(frame, native, contract, method, args);
    match outcome.result {
        Ok(result) => {
            pop(frame, true)?;
            Ok(JsValue::Json(json!({ "gas": outcome.gas, "result": result }).to_string()))
        }
        Err((_, message)) => {
            pop(frame, false)?;
            let error = format!("{contract}.{method} failed: {message}");
            Ok(JsValue::Json(json!({ "gas": outcome.gas, "error": error }).to_string()))
        }
    }
}

/// `call_exit(succeeded)`: pops the callee; keeps its writes and output if
/// it succeeded (and kept to its amount limit), else rolls them back (its
/// logs stay, for debugging).
fn call_exit(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let succeeded = matches!(args.first(), Some(JsValue::Bool(true)));
    pop(frame, succeeded)?;
    Ok(JsValue::Undefined)
}

/// Pops the running nested call, keeping or rolling back what it did.
fn pop(frame: &mut Frame, succeeded: bool) -> Result<(), HostError> {
    let over_limit = if succeeded { frame.check_amount_limit().err() } else { None };
    let Some(undo) = frame.stack.last_mut().and_then(|top| top.undo.take()) else {
        return Err(HostError::error("call_exit without a nested call"));
    };
    frame.stack.pop();
    if succeeded && over_limit.is_none() {
        frame.journal.commit_checkpoint(undo.checkpoint);
        return Ok(());
    }
    frame.journal.revert_to(undo.checkpoint);
    frame.receipts.truncate(undo.receipts);
    frame.events.truncate(undo.events);
    frame.spends.truncate(undo.spends);
    frame.usage = undo.usage;
    match over_limit {
        Some(message) => Err(HostError::error(message)),
        None => Ok(()),
    }
}
