//! The gas meter's host functions: running out, and the gas a run used.

use v8vm_engine::{HostError, HostFn, JsValue, TerminateHandle, TerminationReason};

use super::{op, FrameCell};
use crate::sandbox::contract_location;

pub(super) fn functions(frame: &FrameCell, terminate: &TerminateHandle) -> Vec<(&'static str, HostFn)> {
    let terminate = terminate.clone();
    vec![
        (
            "gas_exhausted",
            op(frame, move |frame, args| {
                // The stack where it ran out, as the class libraries format it.
                if let Some(JsValue::String(stack)) = args.first() {
                    frame.out_of_gas_at = contract_location(stack);
                }
                // Uncatchable: the meter spins until V8 honours this.
                terminate.terminate(TerminationReason::OutOfGas);
                Ok(JsValue::Undefined)
            }),
        ),
        // The gas used when the method returned: what the run used unless
        // a promise job charges more (then `gas_late`).
        (
            "gas_report",
            op(frame, |frame, args| match args {
                [JsValue::Number(used)] => {
                    frame.gas_reported = Some(used.max(0.0) as u64);
                    Ok(JsValue::Undefined)
                }
                _ => Err(HostError::type_error("gas_report takes a number")),
            }),
        ),
        (
            "gas_late",
            op(frame, |frame, _| {
                frame.gas_reported = None;
                Ok(JsValue::Undefined)
            }),
        ),
    ]
}
