//! Positions in the bundle: mapped to the contract's files for stack traces,
//! and measured for the source V8 parses again to word a TypeError.

use std::sync::LazyLock;

use v8vm_compiler::ReparseUnits;
use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, Frame, FrameCell};
use crate::sandbox::{bundle_resource, LIBRARY, LIBRARY_NAME};

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![("source_locate", op(frame, source_locate)), ("reparse_size", op(frame, reparse_size))]
}

/// The class libraries' functions, for TypeErrors thrown in their frames.
static LIBRARY_UNITS: LazyLock<ReparseUnits> = LazyLock::new(|| ReparseUnits::of(LIBRARY));

/// `reparse_size(script, position)`: how many UTF-16 units of `script` (a
/// contract's bundle or the class libraries) V8 parses again for a TypeError
/// thrown at `position` (the function or class around it), or `null` if it
/// is neither the libraries nor a bundle that ran in this call.
fn reparse_size(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let script = string_arg(args, 0, "script")?;
    let Some(JsValue::Number(position)) = args.get(1).filter(|p| matches!(p, JsValue::Number(n) if *n >= 0.0)) else {
        return Err(HostError::type_error("reparse_size takes a script and a position"));
    };
    let position = *position as u32;
    let size = if script == LIBRARY_NAME {
        LIBRARY_UNITS.size_at(position)
    } else {
        match frame.artifacts.iter().find(|artifact| bundle_resource(artifact) == script) {
            Some(artifact) => artifact.reparse_size(position),
            None => return Ok(JsValue::Null),
        }
    };
    Ok(JsValue::Number(f64::from(size)))
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
