//! Positions in stack traces, mapped from the bundle to the contract's files.

use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, Frame, FrameCell};

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![("source_locate", op(frame, source_locate))]
}

/// `source_locate(line, column)` of the running bundle: `"file:line:col"`
/// in the developer's files, or `null` outside every module.
fn source_locate(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let number = |i: usize| match args.get(i) {
        Some(JsValue::Number(n)) if *n >= 1.0 => Ok(*n as u32),
        _ => Err(HostError::type_error("source_locate takes a line and a column")),
    };
    let located = frame.artifact.locate(number(0)?, number(1)?);
    Ok(located.map_or(JsValue::Null, |at| JsValue::String(format!("{}:{}:{}", at.file, at.line, at.column))))
}
