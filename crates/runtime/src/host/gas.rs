//! The gas meter's host functions: running out, and the gas a run used.

use std::rc::Rc;

use v8vm_engine::{HostError, HostFn, JsValue, TerminateHandle, TerminationReason};

use super::{op, FrameCell};
use crate::sandbox::contract_location;

pub(super) fn functions(frame: &FrameCell, terminate: &TerminateHandle) -> Vec<(&'static str, HostFn)> {
    let terminate = terminate.clone();
    let cell = Rc::clone(frame);
    vec![
        (
            "gas_exhausted",
            Box::new(move |args: &[JsValue]| {
                // The stack where it ran out, as the class libraries format it.
                if let (Some(frame), Some(JsValue::String(stack))) = (cell.borrow_mut().as_mut(), args.first()) {
                    frame.out_of_gas_at = contract_location(stack);
                }
                // Uncatchable, with or without a call in progress: the meter
                // spins until V8 honours this.
                terminate.terminate(TerminationReason::OutOfGas);
                Ok(JsValue::Undefined)
            }),
        ),
        // The gas the run used, reported as it ends (its promise jobs
        // included), whether it succeeded or threw.
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
    ]
}
