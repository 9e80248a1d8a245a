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

/// What a receipt or event entry counts against the cap: its content, the
/// name stored with it (`<contract>/<method>` or the contract) and a fixed
/// overhead, so that empty entries are not free to pile up.
pub(crate) fn output_cost(name: &str, content: &str) -> usize {
    name.len() + content.len() + OUTPUT_ENTRY_OVERHEAD
}

/// Bytes every receipt or event entry counts besides its name and content.
const OUTPUT_ENTRY_OVERHEAD: usize = 32;

/// Reserves room for an entry of the transaction's receipts and events.
pub(crate) fn reserve_output(frame: &mut Frame, name: &str, content: &str) -> Result<(), String> {
    let cost = output_cost(name, content);
    if frame.output_bytes + cost > MAX_OUTPUT_BYTES {
        return Err(format!(
            "a transaction may emit at most {MAX_OUTPUT_BYTES} bytes of receipts and events (each entry counts its \
             content, its name and {OUTPUT_ENTRY_OVERHEAD} bytes)"
        ));
    }
    frame.output_bytes += cost;
    Ok(())
}

fn chain_receipt(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let content = string_arg(args, 0, "content")?;
    let top = frame.top();
    let func_name = format!("{}/{}", top.contract, top.method);
    reserve_output(frame, &func_name, content).map_err(HostError::range_error)?;
    frame.receipts.push(ReceiptEntry { func_name, content: content.to_owned() });
    Ok(JsValue::Undefined)
}

fn chain_event(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let content = string_arg(args, 0, "content")?;
    let contract = frame.top().contract.clone();
    reserve_output(frame, &contract, content).map_err(HostError::range_error)?;
    frame.events.push(Event { contract, content: content.to_owned() });
    Ok(JsValue::Undefined)
}
