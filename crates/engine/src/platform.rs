//! Process-wide V8 initialisation.

use std::sync::Once;

use crate::sys;

/// V8 flags fixed for every isolate: WebAssembly is not exposed, and neither
/// are the "shipping" features V8 installs into a context only after it was
/// deserialized (`SharedArrayBuffer`, `Atomics`, `at`, `findLast`,
/// `findLastIndex`, `Object.hasOwn`). A snapshot's setup runs without them,
/// and V8 would add them to every context made from the snapshot afterwards:
/// unfrozen, undoing their removal, or aborting the process when the setup
/// froze the objects they go on. Off everywhere, every realm is the same.
///
/// Regular expressions are compiled to machine code at their first exec (no
/// bytecode tier first), so that the backtracks a search counts against a
/// limit (the engine object's `regExp`) are counted by one engine only. V8's
/// linear-time engine stays off: the library bounds every search by its
/// backtracks instead (that engine took ~1.9 us a character).
const FLAGS: &std::ffi::CStr = c"--no-expose-wasm --no-harmony-sharedarraybuffer --no-harmony-atomics \
--no-harmony-relative-indexing-methods --no-harmony-array-find-last --no-harmony-object-has-own --single-threaded-gc \
--no-regexp-tier-up";

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

/// The V8 flags every isolate runs with: no WebAssembly, and none of the
/// features V8 installs into contexts only once they are made
/// (`SharedArrayBuffer`, `Atomics`, `at`, `findLast`, `findLastIndex`,
/// `Object.hasOwn`), so that contexts from a [`Snapshot`](crate::Snapshot)
/// and fresh ones are the same realm.
pub fn v8_flags() -> &'static str {
    FLAGS.to_str().unwrap_or_default()
}
