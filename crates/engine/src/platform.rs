//! Process-wide V8 initialisation.

use std::sync::Once;

use crate::sys;

/// V8 flags fixed for every isolate: WebAssembly is not exposed.
const FLAGS: &std::ffi::CStr = c"--no-expose-wasm";

/// Initialises the V8 platform once per process. Called by
/// [`Isolate::new`](crate::Isolate::new); calling it again is a no-op.
pub fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // SAFETY: runs exactly once, before any isolate exists.
        unsafe { sys::v8vm__Platform__Initialize(FLAGS.as_ptr()) }
    });
}
