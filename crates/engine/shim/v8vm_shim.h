// The C ABI between the engine crate and V8. Every function here is mirrored
// in src/sys.rs; layouts shared with Rust are checked by static_assert.
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct V8vmIsolate V8vmIsolate;
typedef struct V8vmContext V8vmContext;
typedef struct V8vmFunction V8vmFunction;
typedef struct V8vmObject V8vmObject;
typedef struct V8vmHostResult V8vmHostResult;

// Value tags shared with Rust (`sys::Tag`).
enum {
  V8VM_UNDEFINED = 0,
  V8VM_NULL = 1,
  V8VM_BOOL = 2,
  V8VM_NUMBER = 3,
  V8VM_STRING = 4,
  V8VM_JSON = 5,
  // Only from Rust to JS: `ptr` is a V8vmFunction* of the same isolate.
  V8VM_FUNCTION = 6,
  // Only from Rust to JS: `ptr` is a V8vmObject* of the same context.
  V8VM_OBJECT = 7,
};

// A JS value crossing the boundary. For STRING and JSON `ptr`/`len` hold
// UTF-8 bytes; for BOOL `number` is 0 or 1.
typedef struct {
  uint32_t tag;
  double number;
  const char* ptr;
  size_t len;
} V8vmValue;

// Bytes allocated by the shim with malloc; Rust copies and frees them with
// v8vm__Bytes__Free.
typedef struct {
  char* ptr;
  size_t len;
} V8vmBytes;

// Outcome kinds of anything that runs JS.
enum {
  V8VM_OK = 0,
  V8VM_EXCEPTION = 1,
  V8VM_TERMINATED = 2,
  V8VM_CONVERSION = 3,
};

// A thrown exception, described. All strings are malloc'ed (may be null).
typedef struct {
  V8vmBytes message;
  V8vmBytes stack;
  V8vmBytes resource;
  int32_t line;
  int32_t column;
} V8vmException;

// Host function trampoline implemented in Rust. Returns 0 on success (result
// set through v8vm__HostResult__Set*), 1 if the function threw (message set
// as a string result, thrown as `Error`), 2 for `TypeError`, 3 `RangeError`.
typedef int32_t (*V8vmHostCallback)(void* data, const V8vmValue* args,
                                    size_t argc, V8vmHostResult* result);

void v8vm__Platform__Initialize(const char* flags);
// V8's version string, e.g. "10.2.154.26-node.36".
const char* v8vm__V8__GetVersion(void);

// Runs `src` as the body of a function (resource `name`) in a fresh context
// of a snapshot creator; the function it returns becomes the context's data
// 0 and the context the default one of the blob. On V8VM_OK `blob` holds the
// startup blob (malloc'ed). A result that is not a function, or an Error
// left without room for V8's Error.stackTraceLimit, is thrown as a
// TypeError; V8VM_CONVERSION means V8 produced no blob.
int32_t v8vm__Snapshot__Create(const char* src, size_t src_len,
                               const char* name, size_t name_len,
                               V8vmBytes* blob, V8vmException* exc);

// With `snapshot` non-null the isolate starts from that startup blob, which
// must stay alive and unchanged until v8vm__Isolate__Dispose. With
// `explicit_jobs` promise jobs run only when JS calls the engine object's
// `runJobs()` (see v8vm__Context__NewEngineObject); otherwise V8 runs them
// when the outermost call returns.
V8vmIsolate* v8vm__Isolate__New(size_t heap_limit_bytes, const char* snapshot,
                                size_t snapshot_len, bool explicit_jobs);
void v8vm__Isolate__Dispose(V8vmIsolate* isolate);
void v8vm__Isolate__TerminateExecution(V8vmIsolate* isolate);
void v8vm__Isolate__CancelTerminateExecution(V8vmIsolate* isolate);
bool v8vm__Isolate__TakeHeapLimitReached(V8vmIsolate* isolate);
size_t v8vm__Isolate__UsedHeapSize(V8vmIsolate* isolate);
// Bytes of stack JS may use below where the isolate was made (the whole
// thread's stack but a 512 KiB reserve for native code); 0 if the thread's
// stack could not be found (V8's default limit applies then).
size_t v8vm__Isolate__JsStackBytes(V8vmIsolate* isolate);
// Describes the first promise still rejected without a handler and forgets
// them all: V8VM_OK if there was none, else V8VM_EXCEPTION with `exc`
// filled. Runs no JS: the description reads only the value's own data
// properties and V8's record of where it was made.
int32_t v8vm__Isolate__TakeUnhandledRejection(V8vmIsolate* isolate,
                                              V8vmException* exc);
// Explicit jobs only: drops every queued promise job without running any
// (a run that ended with jobs queued must not hand them to the next run).
void v8vm__Isolate__DiscardJobs(V8vmIsolate* isolate);

V8vmContext* v8vm__Context__New(V8vmIsolate* isolate);
void v8vm__Context__Delete(V8vmContext* context);
int32_t v8vm__Context__RunScript(V8vmContext* context, const char* src,
                                 size_t src_len, const char* name,
                                 size_t name_len, V8vmValue* out,
                                 V8vmBytes* out_bytes, V8vmException* exc);
int32_t v8vm__Context__CompileFunction(
    V8vmContext* context, const char* src, size_t src_len, const char* name,
    size_t name_len, const V8vmBytes* params, size_t param_count,
    const uint8_t* cache, size_t cache_len, V8vmFunction** out,
    bool* cache_rejected, V8vmException* exc);
// The function the snapshot setup returned, once; null for a context not
// from a snapshot or when already taken.
V8vmFunction* v8vm__Context__TakeSnapshotFunction(V8vmContext* context);
// A plain object whose properties are host functions calling `callback` with
// `fn_data[i]`. Null if V8 failed (e.g. execution is terminating).
V8vmObject* v8vm__Context__NewHostObject(V8vmContext* context,
                                         const V8vmBytes* fn_names,
                                         void* const* fn_data, size_t count,
                                         V8vmHostCallback callback);
// The engine object for trusted library code (functions that need V8
// itself, documented in context.rs): promise job control and reads that
// never run JS. Null if V8 failed.
V8vmObject* v8vm__Context__NewEngineObject(V8vmContext* context);
// Defines `globalThis[name] = object`; false if it cannot (frozen global).
bool v8vm__Context__SetGlobal(V8vmContext* context, const char* name,
                              size_t name_len, V8vmObject* object);

V8vmBytes v8vm__Function__CreateCodeCache(V8vmContext* context,
                                          V8vmFunction* function);
// With `out_function` non-null the result must be a function and is returned
// there as a new handle; otherwise it is converted into `out`.
int32_t v8vm__Function__Call(V8vmContext* context, V8vmFunction* function,
                             const V8vmValue* args, size_t argc,
                             V8vmValue* out, V8vmBytes* out_bytes,
                             V8vmFunction** out_function, V8vmException* exc);
void v8vm__Function__Delete(V8vmFunction* function);

void v8vm__Object__Delete(V8vmObject* object);

void v8vm__HostResult__Set(V8vmHostResult* result, const V8vmValue* value);

void v8vm__Bytes__Free(char* ptr);

#ifdef __cplusplus
}
#endif
