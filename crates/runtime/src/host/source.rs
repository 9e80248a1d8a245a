//! Positions in stack traces, mapped from the bundle to the contract's files.

use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, Frame, FrameCell};
use crate::sandbox::bundle_resource;

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![("source_locate", op(frame, source_locate))]
}

/// `source_locate(script, line, column)`: `"file:line:col"` in the
/// developer's files for a position in the bundle `script` of a contract
/// that ran in this call, or `null` outside every module.
fn source_locate(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let script = string_arg(args, 0, "script")?;
    let number = |i: usize| match args.get(i) {
        Some(JsValue::Number(n)) if *n >= 1.0 => Ok(*n as u32),
        _ => Err(HostError::type_error("source_locate takes a script, a line and a column")),
    };
    let (line, column) = (number(1)?, number(2)?);
    let Some(artifact) = frame.artifacts.iter().find(|artifact| bundle_resource(artifact) == script) else {
        return Ok(JsValue::Null);
    };
    let located = artifact.locate(line, column);
    Ok(located.map_or(JsValue::Null, |at| JsValue::String(format!("{}:{}:{}", at.file, at.line, at.column))))
}
