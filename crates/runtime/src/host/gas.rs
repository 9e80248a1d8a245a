//! The gas meter's host function: running out.

use v8vm_engine::{HostFn, JsValue, TerminateHandle, TerminationReason};

use super::{op, FrameCell};

pub(super) fn functions(frame: &FrameCell, terminate: &TerminateHandle) -> Vec<(&'static str, HostFn)> {
    let terminate = terminate.clone();
    vec![(
        "gas_exhausted",
        op(frame, move |_, _| {
            // Uncatchable: the meter spins until V8 honours this.
            terminate.terminate(TerminationReason::OutOfGas);
            Ok(JsValue::Undefined)
        }),
    )]
}
