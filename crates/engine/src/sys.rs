//! Raw declarations of the C ABI in `shim/v8vm_shim.h`. Private to the crate.

use std::ffi::{c_char, c_void};

macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        pub(crate) struct $name {
            _private: [u8; 0],
        }
    )*};
}
opaque!(V8vmIsolate, V8vmContext, V8vmFunction, V8vmObject, V8vmHostResult);

pub(crate) const TAG_UNDEFINED: u32 = 0;
pub(crate) const TAG_NULL: u32 = 1;
pub(crate) const TAG_BOOL: u32 = 2;
pub(crate) const TAG_NUMBER: u32 = 3;
pub(crate) const TAG_STRING: u32 = 4;
pub(crate) const TAG_JSON: u32 = 5;
pub(crate) const TAG_FUNCTION: u32 = 6;
pub(crate) const TAG_OBJECT: u32 = 7;

pub(crate) const STATUS_OK: i32 = 0;
pub(crate) const STATUS_EXCEPTION: i32 = 1;
pub(crate) const STATUS_TERMINATED: i32 = 2;

/// Host callback return codes (see `V8vmHostCallback`).
pub(crate) const HOST_OK: i32 = 0;
pub(crate) const HOST_THROW_ERROR: i32 = 1;
pub(crate) const HOST_THROW_TYPE_ERROR: i32 = 2;
pub(crate) const HOST_THROW_RANGE_ERROR: i32 = 3;

#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct V8vmValue {
    pub(crate) tag: u32,
    pub(crate) number: f64,
    pub(crate) ptr: *const c_char,
    pub(crate) len: usize,
}

#[repr(C)]
pub(crate) struct V8vmBytes {
    pub(crate) ptr: *mut c_char,
    pub(crate) len: usize,
}

#[repr(C)]
pub(crate) struct V8vmException {
    pub(crate) message: V8vmBytes,
    pub(crate) stack: V8vmBytes,
    pub(crate) resource: V8vmBytes,
    pub(crate) line: i32,
    pub(crate) column: i32,
}

const _: () = assert!(std::mem::size_of::<V8vmValue>() == 32);
const _: () = assert!(std::mem::size_of::<V8vmBytes>() == 16);
const _: () = assert!(std::mem::size_of::<V8vmException>() == 56);

pub(crate) type V8vmHostCallback =
    unsafe extern "C" fn(data: *mut c_void, args: *const V8vmValue, argc: usize, result: *mut V8vmHostResult) -> i32;

extern "C" {
    pub(crate) fn v8vm__Platform__Initialize(flags: *const c_char);
    pub(crate) fn v8vm__V8__GetVersion() -> *const c_char;

    pub(crate) fn v8vm__Snapshot__Create(
        src: *const c_char,
        src_len: usize,
        name: *const c_char,
        name_len: usize,
        blob: *mut V8vmBytes,
        exc: *mut V8vmException,
    ) -> i32;

    pub(crate) fn v8vm__Isolate__New(
        heap_limit_bytes: usize,
        snapshot: *const c_char,
        snapshot_len: usize,
        explicit_jobs: bool,
    ) -> *mut V8vmIsolate;
    pub(crate) fn v8vm__Isolate__Dispose(isolate: *mut V8vmIsolate);
    pub(crate) fn v8vm__Isolate__TerminateExecution(isolate: *mut V8vmIsolate);
    pub(crate) fn v8vm__Isolate__CancelTerminateExecution(isolate: *mut V8vmIsolate);
    pub(crate) fn v8vm__Isolate__TakeHeapLimitReached(isolate: *mut V8vmIsolate) -> bool;
    pub(crate) fn v8vm__Isolate__UsedHeapSize(isolate: *mut V8vmIsolate) -> usize;
    pub(crate) fn v8vm__Isolate__JsStackBytes(isolate: *mut V8vmIsolate) -> usize;
    pub(crate) fn v8vm__Isolate__TakeUnhandledRejection(isolate: *mut V8vmIsolate, exc: *mut V8vmException) -> i32;
    pub(crate) fn v8vm__Isolate__DiscardJobs(isolate: *mut V8vmIsolate);

    pub(crate) fn v8vm__Context__New(isolate: *mut V8vmIsolate) -> *mut V8vmContext;
    pub(crate) fn v8vm__Context__Delete(context: *mut V8vmContext);
    pub(crate) fn v8vm__Context__RunScript(
        context: *mut V8vmContext,
        src: *const c_char,
        src_len: usize,
        name: *const c_char,
        name_len: usize,
        out: *mut V8vmValue,
        out_bytes: *mut V8vmBytes,
        exc: *mut V8vmException,
    ) -> i32;
    pub(crate) fn v8vm__Context__CompileFunction(
        context: *mut V8vmContext,
        src: *const c_char,
        src_len: usize,
        name: *const c_char,
        name_len: usize,
        params: *const V8vmBytes,
        param_count: usize,
        cache: *const u8,
        cache_len: usize,
        out: *mut *mut V8vmFunction,
        cache_rejected: *mut bool,
        exc: *mut V8vmException,
    ) -> i32;
    pub(crate) fn v8vm__Context__TakeSnapshotFunction(context: *mut V8vmContext) -> *mut V8vmFunction;
    pub(crate) fn v8vm__Context__NewHostObject(
        context: *mut V8vmContext,
        fn_names: *const V8vmBytes,
        fn_data: *const *mut c_void,
        count: usize,
        callback: V8vmHostCallback,
    ) -> *mut V8vmObject;
    pub(crate) fn v8vm__Context__NewEngineObject(context: *mut V8vmContext) -> *mut V8vmObject;
    pub(crate) fn v8vm__Context__SetGlobal(
        context: *mut V8vmContext,
        name: *const c_char,
        name_len: usize,
        object: *mut V8vmObject,
    ) -> bool;

    pub(crate) fn v8vm__Function__CreateCodeCache(context: *mut V8vmContext, function: *mut V8vmFunction) -> V8vmBytes;
    pub(crate) fn v8vm__Function__Call(
        context: *mut V8vmContext,
        function: *mut V8vmFunction,
        args: *const V8vmValue,
        argc: usize,
        out: *mut V8vmValue,
        out_bytes: *mut V8vmBytes,
        out_function: *mut *mut V8vmFunction,
        exc: *mut V8vmException,
    ) -> i32;
    pub(crate) fn v8vm__Function__Delete(function: *mut V8vmFunction);

    pub(crate) fn v8vm__Object__Delete(object: *mut V8vmObject);

    pub(crate) fn v8vm__HostResult__Set(result: *mut V8vmHostResult, value: *const V8vmValue);

    pub(crate) fn v8vm__Bytes__Free(ptr: *mut c_char);
}

impl V8vmBytes {
    pub(crate) const EMPTY: V8vmBytes = V8vmBytes { ptr: std::ptr::null_mut(), len: 0 };

    /// Copies the bytes out (lossy UTF-8) and frees the shim's allocation.
    pub(crate) fn take_string(&mut self) -> String {
        if self.ptr.is_null() {
            return String::new();
        }
        // SAFETY: the shim allocated `len` bytes at `ptr` with malloc and
        // handed ownership to us; we read them once and free them here.
        let text = unsafe {
            let bytes = std::slice::from_raw_parts(self.ptr as *const u8, self.len);
            let text = String::from_utf8_lossy(bytes).into_owned();
            v8vm__Bytes__Free(self.ptr);
            text
        };
        self.ptr = std::ptr::null_mut();
        self.len = 0;
        text
    }

    /// Copies raw bytes out and frees the shim's allocation.
    pub(crate) fn take_vec(mut self) -> Vec<u8> {
        if self.ptr.is_null() {
            return Vec::new();
        }
        // SAFETY: as in `take_string`.
        let bytes = unsafe {
            let bytes = std::slice::from_raw_parts(self.ptr as *const u8, self.len).to_vec();
            v8vm__Bytes__Free(self.ptr);
            bytes
        };
        self.ptr = std::ptr::null_mut();
        bytes
    }

    /// Borrows `s` as a non-owning view (never passed to `take_*`).
    pub(crate) fn borrowed(s: &str) -> V8vmBytes {
        V8vmBytes { ptr: s.as_ptr() as *mut c_char, len: s.len() }
    }
}

impl V8vmValue {
    pub(crate) const UNDEFINED: V8vmValue =
        V8vmValue { tag: TAG_UNDEFINED, number: 0.0, ptr: std::ptr::null(), len: 0 };
}

impl V8vmException {
    pub(crate) const EMPTY: V8vmException = V8vmException {
        message: V8vmBytes::EMPTY,
        stack: V8vmBytes::EMPTY,
        resource: V8vmBytes::EMPTY,
        line: 0,
        column: 0,
    };
}
