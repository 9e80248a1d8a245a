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

/// V8's version, e.g. `10.2.154.26-node.36`: code caches are valid only for
/// the same version and flags.
pub fn v8_version() -> &'static str {
    // SAFETY: V8 returns a pointer to a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(sys::v8vm__V8__GetVersion()) };
    version.to_str().unwrap_or("unknown")
}

/// The V8 flags every isolate runs with.
pub fn v8_flags() -> &'static str {
    FLAGS.to_str().unwrap_or_default()
}
