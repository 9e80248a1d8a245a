//! Contexts (JS realms), scripts, compiled functions and host functions.

use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use crate::error::EngineError;
use crate::isolate::IsolateInner;
use crate::{sys, JsValue};

/// A host function: Rust code callable from JavaScript.
///
/// It receives the call's arguments converted to [`JsValue`]s and returns a
/// value or a [`HostError`], which is thrown in JS.
pub type HostFn = Box<dyn Fn(&[JsValue]) -> Result<JsValue, HostError>>;

/// The JS error class a [`HostError`] is thrown as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostErrorKind {
    /// `Error`.
    Error,
    /// `TypeError`.
    TypeError,
    /// `RangeError`.
    RangeError,
}

/// An error returned by a host function, thrown into JS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    /// Which JS error class to throw.
    pub kind: HostErrorKind,
    /// The error's message.
    pub message: String,
}

impl HostError {
    /// An `Error` with `message`.
    pub fn error(message: impl Into<String>) -> HostError {
        HostError { kind: HostErrorKind::Error, message: message.into() }
    }

    /// A `TypeError` with `message`.
    pub fn type_error(message: impl Into<String>) -> HostError {
        HostError { kind: HostErrorKind::TypeError, message: message.into() }
    }

    /// A `RangeError` with `message`.
    pub fn range_error(message: impl Into<String>) -> HostError {
        HostError { kind: HostErrorKind::RangeError, message: message.into() }
    }
}

/// A JS realm: a global object and its own set of built-ins, inside an isolate.
///
/// Code generation from strings is disabled in every context.
#[derive(Debug)]
pub struct Context {
    inner: Rc<ContextInner>,
}

pub(crate) struct ContextInner {
    pub(crate) isolate: Rc<IsolateInner>,
    pub(crate) raw: *mut sys::V8vmContext,
    /// Host functions referenced by the shim; boxed twice for a thin pointer
    /// that stays put while the context lives.
    #[expect(clippy::vec_box, reason = "the shim holds thin pointers to the inner boxes")]
    host_fns: RefCell<Vec<Box<HostFn>>>,
}

impl std::fmt::Debug for ContextInner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextInner").field("raw", &self.raw).finish_non_exhaustive()
    }
}

/// V8's compiled code for a function, reusable to skip parsing and
/// compiling the same source again (in this or another isolate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeCache(Vec<u8>);

impl CodeCache {
    /// The serialized cache.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Wraps bytes previously returned by [`CodeCache::as_bytes`].
    ///
    /// # Safety
    /// The bytes must come from [`Function::code_cache`] of this V8 build,
    /// never from an untrusted party: V8 checks the cache's version and
    /// source hash, but a crafted cache could still run arbitrary code.
    pub unsafe fn from_trusted_bytes(bytes: Vec<u8>) -> CodeCache {
        CodeCache(bytes)
    }
}

/// A function compiled from source by [`Context::compile_function`].
#[derive(Debug)]
pub struct CompiledFunction {
    /// The function.
    pub function: Function,
    /// Whether V8 rejected the code cache it was given (it then compiled
    /// from source; the function works either way).
    pub cache_rejected: bool,
}

/// A JS function held from Rust.
#[derive(Debug)]
pub struct Function {
    context: Rc<ContextInner>,
    raw: *mut sys::V8vmFunction,
}

/// A plain JS object whose properties are host functions, made by
/// [`Context::new_host_object`] and passed to JS as [`Arg::Object`].
#[derive(Debug)]
pub struct HostObject {
    context: Rc<ContextInner>,
    raw: *mut sys::V8vmObject,
}

impl Context {
    pub(crate) fn new(isolate: Rc<IsolateInner>) -> Context {
        // SAFETY: the isolate is alive (we hold it).
        let raw = unsafe { sys::v8vm__Context__New(isolate.raw()) };
        assert!(!raw.is_null(), "V8 failed to create a context");
        Context { inner: Rc::new(ContextInner { isolate, raw, host_fns: RefCell::new(Vec::new()) }) }
    }

    /// Compiles and runs a classic script; `resource_name` names it in stack
    /// traces and error locations. Returns the script's completion value.
    ///
    /// # Errors
    /// A syntax error or an exception thrown by the script, a termination,
    /// or a completion value that cannot be converted.
    pub fn run_script(&self, source: &str, resource_name: &str) -> Result<JsValue, EngineError> {
        let mut out = sys::V8vmValue::UNDEFINED;
        let mut bytes = sys::V8vmBytes::EMPTY;
        self.inner.isolate.run(|exc| {
            // SAFETY: all pointers are valid for the call; the context lives.
            unsafe {
                sys::v8vm__Context__RunScript(
                    self.inner.raw,
                    source.as_ptr().cast(),
                    source.len(),
                    resource_name.as_ptr().cast(),
                    resource_name.len(),
                    &mut out,
                    &mut bytes,
                    exc,
                )
            }
        })?;
        Ok(JsValue::from_owned(out, bytes))
    }

    /// Compiles `body` as the body of a function with parameters `params`,
    /// as Node.js does for CommonJS modules: line and column numbers in
    /// errors are those of `body`. With `cache`, V8 skips compiling if the
    /// cache matches the source.
    ///
    /// # Errors
    /// A syntax error in `body` or `params`.
    pub fn compile_function(
        &self,
        body: &str,
        resource_name: &str,
        params: &[&str],
        cache: Option<&CodeCache>,
    ) -> Result<CompiledFunction, EngineError> {
        let params: Vec<sys::V8vmBytes> = params.iter().map(|p| sys::V8vmBytes::borrowed(p)).collect();
        let (cache_ptr, cache_len) = cache.map_or((std::ptr::null(), 0), |c| (c.0.as_ptr(), c.0.len()));
        let mut raw = std::ptr::null_mut();
        let mut cache_rejected = false;
        self.inner.isolate.run(|exc| {
            // SAFETY: all pointers are valid for the call; the shim copies
            // what it keeps; the context lives.
            unsafe {
                sys::v8vm__Context__CompileFunction(
                    self.inner.raw,
                    body.as_ptr().cast(),
                    body.len(),
                    resource_name.as_ptr().cast(),
                    resource_name.len(),
                    params.as_ptr(),
                    params.len(),
                    cache_ptr,
                    cache_len,
                    &mut raw,
                    &mut cache_rejected,
                    exc,
                )
            }
        })?;
        Ok(CompiledFunction { function: Function { context: Rc::clone(&self.inner), raw }, cache_rejected })
    }

    /// Defines `globalThis[name]` as a plain object whose properties are the
    /// given host functions (see [`Context::new_host_object`]). Library code
    /// usually captures the object and deletes the global before untrusted
    /// code runs.
    ///
    /// # Panics
    /// If the global cannot be defined: the global object is frozen (as in
    /// a realm hardened by a [`Snapshot`](crate::Snapshot) setup; pass a
    /// [`HostObject`] to a function instead) or already has a
    /// non-configurable property `name`.
    pub fn set_host_object(&self, name: &str, functions: Vec<(&str, HostFn)>) {
        let object = self.new_host_object(functions);
        // SAFETY: the name is read during the call; the context and the
        // object (of this context) are alive.
        let defined =
            unsafe { sys::v8vm__Context__SetGlobal(self.inner.raw, name.as_ptr().cast(), name.len(), object.raw) };
        assert!(
            defined,
            "cannot define the global {name:?}: the global object is frozen or {name:?} is not configurable"
        );
    }

    /// Makes a plain object whose properties are the given host functions
    /// (named by the keys), without touching the global object: pass it to
    /// a JS function with [`Arg::Object`]. The functions live as long as the
    /// context.
    ///
    /// # Panics
    /// If V8 fails to make the functions (only while execution is being
    /// terminated, e.g. when called from a host function of a run that is
    /// being stopped).
    pub fn new_host_object(&self, functions: Vec<(&str, HostFn)>) -> HostObject {
        let mut host_fns = self.inner.host_fns.borrow_mut();
        let mut names = Vec::with_capacity(functions.len());
        let mut data = Vec::with_capacity(functions.len());
        for (fn_name, f) in functions {
            let boxed = Box::new(f);
            data.push(&*boxed as *const HostFn as *mut c_void);
            host_fns.push(boxed);
            names.push(sys::V8vmBytes::borrowed(fn_name));
        }
        drop(host_fns);
        // SAFETY: the names are read during the call; each data pointer
        // stays valid while the context lives (the boxes are kept in
        // `host_fns`, which is only appended to).
        let raw = unsafe {
            sys::v8vm__Context__NewHostObject(
                self.inner.raw,
                names.as_ptr(),
                data.as_ptr(),
                names.len(),
                host_trampoline,
            )
        };
        assert!(!raw.is_null(), "V8 failed to create a host object");
        HostObject { context: Rc::clone(&self.inner), raw }
    }

    /// The engine object, for the embedder's trusted library code: what
    /// needs V8 itself rather than JS. Pass it to a function with
    /// [`Arg::Object`]; never let untrusted code reach it. Its functions:
    ///
    /// - `runJobs()`: runs the queued promise jobs, and the jobs they
    ///   queue, now (the way to run them in an isolate with
    ///   [`IsolateOptions::explicit_jobs`](crate::IsolateOptions::explicit_jobs)).
    /// - `rejectionMark()` and `takeRejection(mark)`: `[reason]` of the first
    ///   promise rejected since the mark that still has no handler, or
    ///   `undefined`; it forgets all of those (so they no longer fail the
    ///   run).
    /// - `kind(value)`: `typeof` for primitives (`"null"` for null), else
    ///   `"proxy"`, `"error"` (a native error), `"array"`, `"function"` or
    ///   `"object"`.
    /// - `brand(value)`: which built-in's internal slots an object has:
    ///   `"String"`, `"Number"`, `"Boolean"`, `"BigInt"`, `"Symbol"` (the
    ///   wrappers), `"ArrayBuffer"`, `"RegExp"`, `"Arguments"` (an
    ///   `arguments` object), else `undefined` (a proxy,
    ///   or a class merely named like one).
    /// - `own(value, key)`: the value of an own data property, or
    ///   `undefined` for a primitive, a proxy, a missing key or an accessor.
    /// - `className(value)`: the name of the class an object was made by.
    /// - `regExp(source, flags, limit)`: a new `RegExp` whose every exec
    ///   gives up, finding no match, after `limit` backtracks (0: never); a
    ///   `SyntaxError` for a bad pattern or flag.
    ///
    /// None of them runs JS, except that `own(error, "stack")` may format
    /// a stack trace with `Error.prepareStackTrace`.
    ///
    /// # Panics
    /// If V8 fails to make the functions (only while execution is being
    /// terminated).
    pub fn new_engine_object(&self) -> HostObject {
        // SAFETY: the context is alive; the shim returns a new handle or null.
        let raw = unsafe { sys::v8vm__Context__NewEngineObject(self.inner.raw) };
        assert!(!raw.is_null(), "V8 failed to create the engine object");
        HostObject { context: Rc::clone(&self.inner), raw }
    }

    /// The function returned by the setup of the [`Snapshot`](crate::Snapshot)
    /// this context was deserialized from. `None` for a context not made
    /// from a snapshot, and after the first call (V8 hands it out once).
    pub fn take_snapshot_function(&self) -> Option<Function> {
        // SAFETY: the context is alive; the shim returns a new handle or null.
        let raw = unsafe { sys::v8vm__Context__TakeSnapshotFunction(self.inner.raw) };
        (!raw.is_null()).then(|| Function { context: Rc::clone(&self.inner), raw })
    }
}

impl Drop for ContextInner {
    fn drop(&mut self) {
        // SAFETY: no function handle refers to this context any more.
        unsafe { sys::v8vm__Context__Delete(self.raw) };
    }
}

/// An argument of [`Function::call_with`]: a value, or a function or object
/// held from Rust.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A plain value.
    Value(&'a JsValue),
    /// A function of the same isolate.
    Function(&'a Function),
    /// A host object of the same context (its host functions live as long as
    /// that context, so it cannot be handed to another one).
    Object(&'a HostObject),
}

impl Function {
    /// Calls the function with `this` undefined. Promise jobs it queues run
    /// before this returns.
    ///
    /// # Errors
    /// An exception it threw, a termination, or a return value that cannot
    /// be converted.
    pub fn call(&self, args: &[JsValue]) -> Result<JsValue, EngineError> {
        let args: Vec<Arg<'_>> = args.iter().map(Arg::Value).collect();
        self.call_with(&args)
    }

    /// Like [`Function::call`], with functions or host objects among the
    /// arguments.
    ///
    /// # Panics
    /// If a function argument belongs to another isolate, or a host object
    /// to another context.
    ///
    /// # Errors
    /// As [`Function::call`].
    pub fn call_with(&self, args: &[Arg<'_>]) -> Result<JsValue, EngineError> {
        let mut out = sys::V8vmValue::UNDEFINED;
        let mut bytes = sys::V8vmBytes::EMPTY;
        self.raw_call(args, &mut out, &mut bytes, std::ptr::null_mut())?;
        Ok(JsValue::from_owned(out, bytes))
    }

    /// Calls the function (arguments as in [`Function::call_with`]) and
    /// returns its result, which must be a function.
    ///
    /// # Panics
    /// As [`Function::call_with`].
    ///
    /// # Errors
    /// As [`Function::call`]; [`EngineError::Conversion`] if the result is
    /// not a function.
    pub fn call_for_function(&self, args: &[Arg<'_>]) -> Result<Function, EngineError> {
        let mut out = sys::V8vmValue::UNDEFINED;
        let mut bytes = sys::V8vmBytes::EMPTY;
        let mut raw = std::ptr::null_mut();
        self.raw_call(args, &mut out, &mut bytes, &mut raw)?;
        Ok(Function { context: Rc::clone(&self.context), raw })
    }

    fn raw_call(
        &self,
        args: &[Arg<'_>],
        out: &mut sys::V8vmValue,
        bytes: &mut sys::V8vmBytes,
        out_function: *mut *mut sys::V8vmFunction,
    ) -> Result<(), EngineError> {
        let raw_args: Vec<sys::V8vmValue> = args
            .iter()
            .map(|arg| match arg {
                Arg::Value(value) => value.as_raw(),
                Arg::Function(f) => {
                    assert!(
                        Rc::ptr_eq(&f.context.isolate, &self.context.isolate),
                        "a function argument must belong to the same isolate"
                    );
                    sys::V8vmValue { tag: sys::TAG_FUNCTION, number: 0.0, ptr: f.raw as *const _, len: 0 }
                }
                Arg::Object(o) => {
                    assert!(Rc::ptr_eq(&o.context, &self.context), "a host object must belong to the same context");
                    sys::V8vmValue { tag: sys::TAG_OBJECT, number: 0.0, ptr: o.raw as *const _, len: 0 }
                }
            })
            .collect();
        self.context.isolate.run(|exc| {
            // SAFETY: `raw_args` borrows `args`, alive for the call; the
            // context and function are alive; `out_function` is null or
            // points at a slot we own.
            unsafe {
                sys::v8vm__Function__Call(
                    self.context.raw,
                    self.raw,
                    raw_args.as_ptr(),
                    raw_args.len(),
                    out,
                    bytes,
                    out_function,
                    exc,
                )
            }
        })
    }

    /// The code cache of this function (best after it ran once, so lazily
    /// compiled inner functions are included). `None` if V8 declines.
    pub fn code_cache(&self) -> Option<CodeCache> {
        // SAFETY: the context and function are alive.
        let bytes = unsafe { sys::v8vm__Function__CreateCodeCache(self.context.raw, self.raw) };
        let bytes = bytes.take_vec();
        (!bytes.is_empty()).then_some(CodeCache(bytes))
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        // SAFETY: the function handle is owned by us and dropped once.
        unsafe { sys::v8vm__Function__Delete(self.raw) };
    }
}

impl Drop for HostObject {
    fn drop(&mut self) {
        // SAFETY: the object handle is owned by us and dropped once.
        unsafe { sys::v8vm__Object__Delete(self.raw) };
    }
}

/// Calls the Rust closure behind a host function. Nothing unwinds across:
/// a panic becomes a thrown `Error`.
unsafe extern "C" fn host_trampoline(
    data: *mut c_void,
    args: *const sys::V8vmValue,
    argc: usize,
    result: *mut sys::V8vmHostResult,
) -> i32 {
    // SAFETY: `data` is a `*const HostFn` kept alive by the context
    // (see `new_host_object`); `args` holds `argc` values lent for the call.
    let (f, args) = unsafe {
        let f = &*(data as *const HostFn);
        let raw = if argc == 0 { &[][..] } else { std::slice::from_raw_parts(args, argc) };
        (f, raw.iter().map(|v| JsValue::from_raw(v)).collect::<Vec<_>>())
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| f(&args)));
    let (code, value) = match outcome {
        Ok(Ok(value)) => (sys::HOST_OK, value),
        Ok(Err(error)) => {
            let code = match error.kind {
                HostErrorKind::Error => sys::HOST_THROW_ERROR,
                HostErrorKind::TypeError => sys::HOST_THROW_TYPE_ERROR,
                HostErrorKind::RangeError => sys::HOST_THROW_RANGE_ERROR,
            };
            (code, JsValue::String(error.message))
        }
        Err(_) => (sys::HOST_THROW_ERROR, JsValue::String("internal error: host function panicked".into())),
    };
    let raw = value.as_raw();
    // SAFETY: `result` is the shim's slot for this call; it copies the bytes.
    unsafe { sys::v8vm__HostResult__Set(result, &raw) };
    code
}
