//! `blockchain`: the block, the transaction, the call context, authority,
//! receipts and events.

use serde_json::json;
use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, Frame, FrameCell};
use crate::receipt::{Event, ReceiptEntry};

/// Most bytes of receipts and events one call may emit.
pub(crate) const MAX_OUTPUT_BYTES: usize = 1 << 20;

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![
        ("chain_info", op(frame, chain_info)),
        ("chain_contract_name", op(frame, |f, _| Ok(JsValue::String(f.top().contract.clone())))),
        ("chain_contract_owner", op(frame, |f, _| Ok(JsValue::String(f.top().owner.clone())))),
        ("chain_publisher", op(frame, |f, _| Ok(JsValue::String(f.env.tx.publisher.clone())))),
        ("chain_caller", op(frame, |f, _| Ok(JsValue::String(to_json(&f.top().caller))))),
        ("chain_require_auth", op(frame, chain_require_auth)),
        ("chain_receipt", op(frame, chain_receipt)),
        ("chain_event", op(frame, chain_event)),
    ]
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("chain info serializes")
}

fn chain_info(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let text = match string_arg(args, 0, "which")? {
        "block" => to_json(&frame.env.block),
        "tx" => to_json(&frame.env.tx),
        "context" => {
            let top = frame.top();
            to_json(&json!({
                "caller": top.caller,
                "contract_name": top.contract,
                "abi_name": top.method,
                "publisher": frame.env.tx.publisher,
            }))
        }
        other => return Err(HostError::error(format!("unknown chain info {other:?}"))),
    };
    Ok(JsValue::String(text))
}

fn chain_require_auth(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let id = string_arg(args, 0, "id")?;
    let permission = string_arg(args, 1, "permission")?;
    Ok(JsValue::Bool(frame.holds_auth(id, permission)))
}

fn reserve_output(frame: &mut Frame, content: &str) -> Result<(), HostError> {
    if frame.output_bytes + content.len() > MAX_OUTPUT_BYTES {
        return Err(HostError::range_error(format!(
            "a call may emit at most {MAX_OUTPUT_BYTES} bytes of receipts and events"
        )));
    }
    frame.output_bytes += content.len();
    Ok(())
}

fn chain_receipt(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let content = string_arg(args, 0, "content")?;
    reserve_output(frame, content)?;
    let top = frame.top();
    let func_name = format!("{}/{}", top.contract, top.method);
    frame.receipts.push(ReceiptEntry { func_name, content: content.to_owned() });
    Ok(JsValue::Undefined)
}

fn chain_event(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let content = string_arg(args, 0, "content")?;
    reserve_output(frame, content)?;
    let contract = frame.top().contract.clone();
    frame.events.push(Event { contract, content: content.to_owned() });
    Ok(JsValue::Undefined)
}
