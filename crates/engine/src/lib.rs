//! Safe Rust API over V8 10.2 as shipped in Debian's `libnode108`.
//!
//! This is the only crate of v8vm with `unsafe` code and C++ (a thin shim in
//! `shim/`). Everything above it is safe Rust.
//!
//! # Core concepts
//!
//! - [`Isolate`]: a JS heap with a heap limit. Lives on one thread; reaching
//!   the limit terminates the script ([`TerminationReason::OutOfMemory`])
//!   instead of aborting the process.
//! - [`TerminateHandle`]: the one `Send + Sync` type; stops the running
//!   script from another thread (deadlines).
//! - [`Context`]: a realm (global object + built-ins) in an isolate, with
//!   code generation from strings disabled.
//! - [`Function`]: a JS function held from Rust; [`CodeCache`] skips
//!   recompiling a function's source.
//! - Host functions: Rust closures callable from JS, as a global
//!   ([`Context::set_host_object`]) or as an object passed to a function
//!   ([`Context::new_host_object`], [`Arg::Object`]).
//! - [`Snapshot`]: a context in which setup code already ran; isolates made
//!   from it start with that context instead of running the setup again.
//! - [`JsValue`]: primitives and JSON crossing the boundary.
//!
//! # Threads
//!
//! Only [`TerminateHandle`] and [`Snapshot`] may cross threads. Isolates,
//! contexts and functions stay on the thread that made them, which the
//! compiler checks:
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<v8vm_engine::Isolate>();
//! ```
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<v8vm_engine::Context>();
//! ```
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<v8vm_engine::Function>();
//! ```
//!
//! ```compile_fail
//! fn assert_send<T: Send>() {}
//! assert_send::<v8vm_engine::HostObject>();
//! ```
//!
//! ```
//! fn assert_send_sync<T: Send + Sync>() {}
//! assert_send_sync::<v8vm_engine::TerminateHandle>();
//! assert_send_sync::<v8vm_engine::Snapshot>();
//! ```
//!
//! # Example
//!
//! ```
//! use v8vm_engine::{Isolate, IsolateOptions, JsValue};
//!
//! let isolate = Isolate::new(&IsolateOptions::default());
//! let context = isolate.new_context();
//! context.set_host_object("host", vec![(
//!     "double",
//!     Box::new(|args: &[JsValue]| match args {
//!         [JsValue::Number(n)] => Ok(JsValue::Number(n * 2.0)),
//!         _ => Err(v8vm_engine::HostError::type_error("double(n) takes a number")),
//!     }),
//! )]);
//! let add = context.compile_function("return host.double(a) + b", "add.js", &["a", "b"], None)?;
//! let sum = add.function.call(&[JsValue::Number(20.0), JsValue::Number(2.0)])?;
//! assert_eq!(sum, JsValue::Number(42.0));
//! # Ok::<(), v8vm_engine::EngineError>(())
//! ```

mod context;
mod error;
mod isolate;
mod platform;
mod snapshot;
mod sys;
mod value;

pub use context::{Arg, CodeCache, CompiledFunction, Context, Function, HostError, HostErrorKind, HostFn, HostObject};
pub use error::{EngineError, JsException, TerminationReason};
pub use isolate::{Isolate, IsolateOptions, TerminateHandle};
pub use platform::{init, v8_flags, v8_version};
pub use snapshot::Snapshot;
pub use value::JsValue;
