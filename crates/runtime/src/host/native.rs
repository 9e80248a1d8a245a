//! Running a native contract's method in the current frame: for a
//! transaction's action, or for a contract calling it.

use super::Frame;
use crate::code::check_abi_call;
use crate::native::{NativeCall, NativeContract, GAS_NATIVE_CALL};
use crate::receipt::Status;

/// How a native call went, and the gas it used either way.
pub(crate) struct NativeOutcome {
    pub(crate) result: Result<String, (Status, String)>,
    pub(crate) gas: u64,
}

/// Runs `method` of native contract `name` with `args` (a JSON array) on
/// `frame`, whose top activation is the call.
pub(crate) fn call_native(
    frame: &mut Frame,
    native: &dyn NativeContract,
    name: &str,
    method: &str,
    args: &str,
) -> NativeOutcome {
    if let Err(refused) = check_abi_call(native.abi(), None, name, method, args) {
        return NativeOutcome { result: Err(refused), gas: GAS_NATIVE_CALL };
    }
    let args: Vec<serde_json::Value> = serde_json::from_str(args).unwrap_or_default();
    let mut call = NativeCall { frame, gas: GAS_NATIVE_CALL };
    let result = native.call(&mut call, method, &args).map_err(|e| (Status::RuntimeError, e.to_string()));
    NativeOutcome { result, gas: call.gas }
}
