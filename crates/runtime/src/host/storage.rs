//! `storage`: the contract's own key/value state, and read-only views of
//! other contracts' state.

use v8vm_engine::{HostError, HostFn, JsValue};
use v8vm_state::Slot;

use super::{op, optional_string_arg, state_error, string_arg, Frame, FrameCell};

/// Longest key or field, in bytes.
pub(crate) const MAX_KEY_BYTES: usize = 64;
/// Largest stored value, in bytes.
pub(crate) const MAX_VALUE_BYTES: usize = 64 * 1024;
/// Most bytes (keys, fields, values) one call may write.
pub(crate) const MAX_WRITTEN_BYTES: usize = 32 << 20;

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![
        ("storage_put", op(frame, storage_put)),
        ("storage_get", op(frame, storage_get)),
        ("storage_has", op(frame, storage_has)),
        ("storage_del", op(frame, storage_del)),
        ("storage_map_len", op(frame, storage_map_len)),
        ("storage_map_keys", op(frame, storage_map_keys)),
        ("global_get", op(frame, global_get)),
        ("global_has", op(frame, global_has)),
        ("global_map_len", op(frame, global_map_len)),
        ("global_map_keys", op(frame, global_map_keys)),
    ]
}

/// Keys and fields: 1-64 bytes of printable ASCII except `-` and `@`.
fn check_key<'a>(what: &str, value: &'a str) -> Result<&'a str, HostError> {
    let valid = (1..=MAX_KEY_BYTES).contains(&value.len())
        && value.bytes().all(|b| (0x20..=0x7e).contains(&b) && b != b'-' && b != b'@');
    if valid {
        Ok(value)
    } else {
        Err(HostError::error(format!(
            "invalid storage {what} {:?}: use 1-{MAX_KEY_BYTES} bytes of printable ASCII without '-' or '@'",
            shorten(value)
        )))
    }
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_owned(),
    }
}

/// The slot named by arguments `first` (key) and `first + 1` (field or null).
fn slot_arg(contract: &str, args: &[JsValue], first: usize) -> Result<Slot, HostError> {
    let key = check_key("key", string_arg(args, first, "key")?)?;
    Ok(match optional_string_arg(args, first + 1, "field")? {
        Some(field) => Slot::field(contract, key, check_key("field", field)?),
        None => Slot::key(contract, key),
    })
}

/// Adds the call's accounting to the payers' totals in `journal` (at the
/// end of a successful call).
pub(crate) fn flush_usage(
    journal: &mut v8vm_state::Journal,
    usage: std::collections::BTreeMap<String, i64>,
) -> Result<(), v8vm_state::StateError> {
    for (payer, delta) in usage.into_iter().filter(|(_, delta)| *delta != 0) {
        let slot = Slot::key(ACCOUNTING, &payer);
        let total = journal.storage_get(&slot)?.and_then(|t| t.parse::<i64>().ok()).unwrap_or(0) + delta;
        if total > 0 {
            journal.storage_put(&slot, &total.to_string())?;
        } else {
            journal.storage_delete(&slot)?;
        }
    }
    Ok(())
}

fn value_or_null(value: Option<String>) -> JsValue {
    value.map_or(JsValue::Null, JsValue::String)
}

/// The slot a write names; refused in a query.
fn writable_slot(frame: &Frame, args: &[JsValue]) -> Result<Slot, HostError> {
    if frame.read_only {
        return Err(HostError::error("a read-only call cannot write storage"));
    }
    slot_arg(&frame.top().contract, args, 0)
}

fn storage_put(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = writable_slot(frame, args)?;
    let value = string_arg(args, 2, "value")?;
    if value.len() > MAX_VALUE_BYTES {
        return Err(HostError::range_error(format!(
            "storage value of {} bytes is over the {MAX_VALUE_BYTES}-byte limit",
            value.len()
        )));
    }
    let payer = match optional_string_arg(args, 3, "payer")? {
        Some(payer) => check_key("payer", payer)?.to_owned(),
        None => slot.contract.clone(),
    };
    // Bytes are a cost to whoever holds them: only the contract itself, or
    // an account (or contract) whose authority this call holds, may be made
    // to pay. Refunds, on overwrite or delete, need no authority.
    if payer != slot.contract && !frame.holds_auth(&payer, "active") {
        return Err(HostError::error(format!(
            "storage payer {payer} did not authorize this call: it needs {payer}@active"
        )));
    }
    let size = stored_bytes(&slot, value);
    if frame.written_bytes + size > MAX_WRITTEN_BYTES {
        return Err(HostError::range_error(format!("a call may write at most {MAX_WRITTEN_BYTES} bytes")));
    }
    frame.written_bytes += size;
    account(frame, &slot, Some((payer, size)))?;
    frame.journal.storage_put(&slot, value).map_err(state_error)?;
    Ok(JsValue::Undefined)
}

/// The system namespace where stored bytes are accounted (no contract can
/// be deployed under a name ending in `.iost`): `storage.globalGet('ram.iost',
/// payer)` is the bytes stored on `payer`'s account, in decimal.
pub(crate) const ACCOUNTING: &str = "ram.iost";

/// What an entry costs its payer: its key, field and value bytes.
fn stored_bytes(slot: &Slot, value: &str) -> usize {
    slot.key.len() + slot.field.as_ref().map_or(0, String::len) + value.len()
}

/// The record of who pays for `slot`, kept only when it is not the
/// contract itself (`@` cannot appear in names, keys or fields).
fn payer_record(slot: &Slot) -> Slot {
    let entry = match &slot.field {
        Some(field) => format!("{}@{}@{field}", slot.contract, slot.key),
        None => format!("{}@{}", slot.contract, slot.key),
    };
    Slot::field(ACCOUNTING, "payer", &entry)
}

/// Moves the bytes of `slot` to `new` (its payer and size; `None` when it
/// is deleted): its current payer is refunded what it held, the new payer
/// charged. The totals change in the frame and reach state when the call
/// ends (see [`Frame::usage`]).
fn account(frame: &mut Frame, slot: &Slot, new: Option<(String, usize)>) -> Result<(), HostError> {
    let record = payer_record(slot);
    // A record exists only while its slot does, for another payer.
    let mut has_record = false;
    if let Some(old) = frame.journal.storage_get(slot).map_err(state_error)? {
        let old_payer = frame.journal.storage_get(&record).map_err(state_error)?;
        has_record = old_payer.is_some();
        let old_payer = old_payer.unwrap_or_else(|| slot.contract.clone());
        *frame.usage.entry(old_payer).or_default() -= stored_bytes(slot, &old) as i64;
    }
    match new {
        Some((payer, size)) => {
            if payer != slot.contract {
                frame.journal.storage_put(&record, &payer).map_err(state_error)?;
            } else if has_record {
                frame.journal.storage_delete(&record).map_err(state_error)?;
            }
            *frame.usage.entry(payer).or_default() += size as i64;
        }
        None if has_record => frame.journal.storage_delete(&record).map_err(state_error)?,
        None => {}
    }
    Ok(())
}

fn storage_get(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = slot_arg(&frame.top().contract, args, 0)?;
    Ok(value_or_null(frame.journal.storage_get(&slot).map_err(state_error)?))
}

fn storage_has(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = slot_arg(&frame.top().contract, args, 0)?;
    Ok(JsValue::Bool(frame.journal.storage_get(&slot).map_err(state_error)?.is_some()))
}

fn storage_del(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = writable_slot(frame, args)?;
    account(frame, &slot, None)?;
    frame.journal.storage_delete(&slot).map_err(state_error)?;
    Ok(JsValue::Undefined)
}

/// The number of fields of map `key` (argument `key_index`) of `contract`:
/// one read, which the class libraries charge the listing by before it.
fn map_len(frame: &Frame, contract: &str, args: &[JsValue], key_index: usize) -> Result<JsValue, HostError> {
    let key = check_key("key", string_arg(args, key_index, "key")?)?;
    let count = frame.journal.map_len(contract, key).map_err(state_error)?;
    Ok(JsValue::Number(count as f64))
}

/// The fields of map `key` (argument `key_index`) of `contract`, if there
/// are at most `limit` (the next argument: what the call paid for);
/// otherwise an error, with none read.
fn map_keys(frame: &Frame, contract: &str, args: &[JsValue], key_index: usize) -> Result<JsValue, HostError> {
    let key = check_key("key", string_arg(args, key_index, "key")?)?;
    let limit = match args.get(key_index + 1) {
        Some(JsValue::Number(n)) if *n >= 0.0 => *n as usize,
        _ => return Err(HostError::type_error("a map read takes the most fields it may read")),
    };
    match frame.journal.map_fields(contract, key, limit).map_err(state_error)? {
        Some(fields) => Ok(JsValue::Json(serde_json::to_string(&fields).expect("strings serialize"))),
        None => Err(HostError::range_error(format!("map '{key}' has more than the {limit} fields paid for"))),
    }
}

fn storage_map_len(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    map_len(frame, &frame.top().contract, args, 0)
}

fn storage_map_keys(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    map_keys(frame, &frame.top().contract, args, 0)
}

fn contract_arg(args: &[JsValue]) -> Result<&str, HostError> {
    let contract = string_arg(args, 0, "contract")?;
    if contract.is_empty() {
        return Err(HostError::error("contract must name a contract"));
    }
    Ok(contract)
}

fn global_get(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = slot_arg(contract_arg(args)?, args, 1)?;
    Ok(value_or_null(frame.journal.storage_get(&slot).map_err(state_error)?))
}

fn global_has(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let slot = slot_arg(contract_arg(args)?, args, 1)?;
    Ok(JsValue::Bool(frame.journal.storage_get(&slot).map_err(state_error)?.is_some()))
}

fn global_map_len(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    map_len(frame, contract_arg(args)?, args, 1)
}

fn global_map_keys(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    map_keys(frame, contract_arg(args)?, args, 1)
}
