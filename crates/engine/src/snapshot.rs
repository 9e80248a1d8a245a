//! Startup snapshots: a context in which setup code already ran, from which
//! new isolates start instead of running that code again.

use std::sync::Arc;

use crate::error::{EngineError, JsException};
use crate::isolate::take_exception;
use crate::{platform, sys};

/// A V8 startup snapshot: the serialized heap of a context in which a setup
/// script already ran.
///
/// An isolate made with it ([`IsolateOptions::snapshot`](crate::IsolateOptions::snapshot))
/// deserializes that context for every [`Isolate::new_context`](crate::Isolate::new_context)
/// instead of building a realm and running the setup again; the function the
/// setup returned comes back through [`Context::take_snapshot_function`](crate::Context::take_snapshot_function).
///
/// Cheap to clone (the blob is shared) and usable from any thread. A blob is
/// valid only for the V8 build and flags of the process that made it, so it
/// never leaves the process.
///
/// ```
/// use v8vm_engine::{Arg, HostError, Isolate, IsolateOptions, JsValue, Snapshot};
///
/// let setup = "const base = 40; Object.freeze(globalThis); return (ops) => (x) => ops.add(x, base);";
/// let snapshot = Snapshot::create(setup, "lib.js")?;
/// let isolate = Isolate::new(&IsolateOptions { snapshot: Some(snapshot), ..IsolateOptions::default() });
/// let context = isolate.new_context();
/// let bind = context.take_snapshot_function().expect("the context comes from a snapshot");
/// let ops = context.new_host_object(vec![(
///     "add",
///     Box::new(|args: &[JsValue]| match args {
///         [JsValue::Number(a), JsValue::Number(b)] => Ok(JsValue::Number(a + b)),
///         _ => Err(HostError::type_error("add(a, b) takes numbers")),
///     }),
/// )]);
/// let entry = bind.call_for_function(&[Arg::Object(&ops)])?;
/// assert_eq!(entry.call(&[JsValue::Number(2.0)])?, JsValue::Number(42.0));
/// # Ok::<(), v8vm_engine::EngineError>(())
/// ```
#[derive(Clone)]
pub struct Snapshot {
    blob: Arc<[u8]>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("len", &self.len()).finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Creates a snapshot: in a fresh context configured like those of
    /// [`Isolate::new_context`](crate::Isolate::new_context) (code generation
    /// from strings disabled), compiles `setup` as the body of a function
    /// without parameters (as [`Context::compile_function`](crate::Context::compile_function)
    /// does, named `resource_name`), calls it, and serializes the context
    /// with the function `setup` returned.
    ///
    /// The setup is trusted code: it runs with no heap limit and no deadline,
    /// and without host functions (nothing in a snapshot may point outside
    /// the JS heap; pass host functions to the returned function instead,
    /// see [`Context::new_host_object`](crate::Context::new_host_object)).
    /// Promises it leaves rejected are not reported.
    ///
    /// V8 gives every context it creates, also one deserialized from a
    /// snapshot, an `Error.stackTraceLimit`, and aborts the process if it
    /// cannot. During the setup `Error` has none (so errors it throws carry
    /// no stack), and the setup must leave `Error` extensible and without
    /// one: a library that freezes the realm freezes `Error` in the function
    /// it returns. (The other features V8 adds only to deserialized contexts
    /// are disabled in every context, see [`v8_flags`](crate::v8_flags).)
    ///
    /// # Errors
    /// [`EngineError::Exception`] if `setup` does not compile, throws,
    /// returns something other than a function, or leaves `Error` frozen or
    /// with a `stackTraceLimit` (the last two as a `TypeError` saying so), or
    /// if V8 produced no blob.
    pub fn create(setup: &str, resource_name: &str) -> Result<Snapshot, EngineError> {
        platform::init();
        let mut blob = sys::V8vmBytes::EMPTY;
        let mut exc = sys::V8vmException::EMPTY;
        // SAFETY: the platform is initialised (SnapshotCreator needs it); the
        // strings are only read during the call; the shim fills `blob` and
        // `exc` with allocations that are taken (and freed) below.
        let status = unsafe {
            sys::v8vm__Snapshot__Create(
                setup.as_ptr().cast(),
                setup.len(),
                resource_name.as_ptr().cast(),
                resource_name.len(),
                &mut blob,
                &mut exc,
            )
        };
        let exception = take_exception(&mut exc);
        let blob = blob.take_vec();
        match status {
            sys::STATUS_OK => Ok(Snapshot { blob: blob.into() }),
            sys::STATUS_EXCEPTION => Err(EngineError::Exception(exception)),
            _ => Err(EngineError::Exception(JsException {
                message: format!("V8 could not create a snapshot of {resource_name}"),
                stack: None,
                resource: resource_name.to_owned(),
                line: 0,
                column: 0,
            })),
        }
    }

    /// The size of the blob in bytes.
    #[expect(clippy::len_without_is_empty, reason = "a snapshot is never empty")]
    pub fn len(&self) -> usize {
        self.blob.len()
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.blob
    }
}
