//! `console`: log lines captured into the call's receipt, never printed.

use v8vm_engine::{HostError, HostFn, JsValue};

use super::{op, string_arg, Frame, FrameCell};
use crate::receipt::{Log, LogLevel};

/// Most bytes of console output kept per call; later lines are dropped.
pub(crate) const MAX_LOG_BYTES: usize = 1 << 20;

pub(super) fn functions(frame: &FrameCell) -> Vec<(&'static str, HostFn)> {
    vec![("console_log", op(frame, console_log))]
}

fn console_log(frame: &mut Frame, args: &[JsValue]) -> Result<JsValue, HostError> {
    let level = match string_arg(args, 0, "level")? {
        "debug" => LogLevel::Debug,
        "info" => LogLevel::Info,
        "warn" => LogLevel::Warn,
        "error" => LogLevel::Error,
        other => return Err(HostError::error(format!("unknown log level {other:?}"))),
    };
    let message = string_arg(args, 1, "message")?;
    if frame.log_bytes > MAX_LOG_BYTES {
        return Ok(JsValue::Undefined);
    }
    frame.log_bytes += message.len();
    let message = if frame.log_bytes > MAX_LOG_BYTES {
        format!("[console output over {MAX_LOG_BYTES} bytes: the rest of this call's output is dropped]")
    } else {
        message.to_owned()
    };
    frame.logs.push(Log { level, message });
    Ok(JsValue::Undefined)
}
