// Thin, boring glue from the C ABI in v8vm_shim.h to V8's C++ API.
// Rules: no C++ exception and no V8 failure crosses into Rust; every function
// enters its own scopes; strings returned to Rust are malloc'ed copies.
#include "v8vm_shim.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

static_assert(sizeof(V8vmValue) == 32, "V8vmValue layout is mirrored in sys.rs");
static_assert(sizeof(V8vmBytes) == 16, "V8vmBytes layout is mirrored in sys.rs");
static_assert(sizeof(V8vmException) == 56, "V8vmException is mirrored in sys.rs");

// What a host function returned, already a V8 value (made in the callback's
// handle scope by v8vm__HostResult__Set, so its bytes are copied once).
struct V8vmHostResult {
  v8::Isolate* isolate;
  v8::Local<v8::Context> context;
  v8::Local<v8::Value> value;
};

namespace {

std::unique_ptr<v8::Platform> g_platform;

// Counts ArrayBuffer backing stores against a budget: they live outside the
// V8 heap, so the heap limit alone would not bound them.
class BudgetAllocator final : public v8::ArrayBuffer::Allocator {
 public:
  explicit BudgetAllocator(size_t budget)
      : inner_(v8::ArrayBuffer::Allocator::NewDefaultAllocator()),
        budget_(budget) {}
  void* Allocate(size_t length) override {
    if (!Reserve(length)) return nullptr;
    void* p = inner_->Allocate(length);
    if (p == nullptr) used_ -= length;
    return p;
  }
  void* AllocateUninitialized(size_t length) override {
    if (!Reserve(length)) return nullptr;
    void* p = inner_->AllocateUninitialized(length);
    if (p == nullptr) used_ -= length;
    return p;
  }
  void Free(void* data, size_t length) override {
    inner_->Free(data, length);
    used_ -= length;
  }

 private:
  bool Reserve(size_t length) {
    size_t before = used_.fetch_add(length);
    if (before + length > budget_) {
      used_ -= length;
      return false;
    }
    return true;
  }
  std::unique_ptr<v8::ArrayBuffer::Allocator> inner_;
  size_t budget_;
  std::atomic<size_t> used_{0};
};

struct HostEntry;
}  // namespace

struct V8vmFunction {
  v8::Global<v8::Function> function;
};

struct V8vmObject {
  v8::Global<v8::Object> object;
};

namespace {

struct HostEntry {
  V8vmHostCallback callback;
  void* data;
};

char* CopyBytes(const char* data, size_t len) {
  char* p = static_cast<char*>(malloc(len + 1));
  memcpy(p, data, len);
  p[len] = '\0';
  return p;
}

// A string's UTF-8 (as String::Utf8Value makes it), written straight into
// one malloc'ed, NUL-terminated buffer. Keys, fields and most values are
// ASCII: a one-byte string is copied as is when it turns out to be.
V8vmBytes ToBytes(v8::Isolate* isolate, v8::Local<v8::Value> value,
                  int max_bytes = v8::String::kMaxLength) {
  if (value.IsEmpty() || !value->IsString()) return {nullptr, 0};
  v8::Local<v8::String> text = value.As<v8::String>();
  if (text->IsOneByte()) {
    int chars = std::min(text->Length(), max_bytes);
    char* p = static_cast<char*>(malloc(static_cast<size_t>(chars) + 1));
    text->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(p), 0, chars,
                       v8::String::NO_NULL_TERMINATION);
    bool ascii = std::all_of(p, p + chars, [](char c) { return (c & 0x80) == 0; });
    if (ascii) {
      p[chars] = '\0';
      return {p, static_cast<size_t>(chars)};
    }
    free(p);
  }
  int len = std::min(text->Utf8Length(isolate), max_bytes);
  char* p = static_cast<char*>(malloc(static_cast<size_t>(len) + 1));
  // Writes whole characters only, up to `len` bytes.
  len = text->WriteUtf8(isolate, p, len, nullptr, v8::String::NO_NULL_TERMINATION);
  p[len] = '\0';
  return {p, static_cast<size_t>(len)};
}

// What an exception description keeps of a message or stack: more than a
// receipt keeps (2 KiB), far less than a string can hold.
constexpr int kExceptionTextBytes = 64 << 10;

v8::MaybeLocal<v8::String> NewString(v8::Isolate* isolate, const char* ptr,
                                     size_t len) {
  if (len > static_cast<size_t>(v8::String::kMaxLength)) return {};
  return v8::String::NewFromUtf8(isolate, ptr, v8::NewStringType::kNormal,
                                 static_cast<int>(len));
}

// The value of `object`'s own data property `key`, without running JS:
// empty for a proxy, a missing key or an accessor (whose getter is never
// called). V8's own lazily computed properties (an error's `stack`) are
// data properties: computing one may run Error.prepareStackTrace.
v8::MaybeLocal<v8::Value> OwnData(v8::Local<v8::Context> context,
                                  v8::Local<v8::Value> value,
                                  v8::Local<v8::Name> key) {
  if (!value->IsObject() || value->IsProxy()) return {};
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Value> desc;
  if (!value.As<v8::Object>()->GetOwnPropertyDescriptor(context, key).ToLocal(&desc) ||
      !desc->IsObject()) {
    return {};
  }
  // A descriptor V8 just made: an ordinary object with own properties only.
  v8::Local<v8::Object> fields = desc.As<v8::Object>();
  v8::Local<v8::String> value_key = v8::String::NewFromUtf8Literal(isolate, "value");
  if (!fields->HasOwnProperty(context, value_key).FromMaybe(false)) return {};
  return fields->Get(context, value_key);
}

std::string Utf8(v8::Isolate* isolate, v8::Local<v8::Value> text) {
  v8::String::Utf8Value utf8(isolate, text);
  return *utf8 == nullptr ? std::string() : std::string(*utf8, utf8.length());
}

// An own data property that is a string, else "".
std::string OwnString(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                      const char* key) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Value> found;
  if (!OwnData(context, value, v8::String::NewFromUtf8(isolate, key).ToLocalChecked())
           .ToLocal(&found) ||
      !found->IsString()) {
    return std::string();
  }
  return Utf8(isolate, found);
}

// The name of the class an object was made by, as V8 records it (no JS
// runs: getters and proxies are skipped).
std::string ClassName(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  if (!value->IsObject()) return std::string();
  if (value->IsProxy()) return "Proxy";
  return Utf8(isolate, value.As<v8::Object>()->GetConstructorName());
}

// What a thrown or rejected value says, read without running JS: a
// primitive as text; an error as "Name: message" from its own data
// properties; any other object as "#<Class>".
std::string InertDescription(v8::Local<v8::Context> context,
                             v8::Local<v8::Value> value) {
  v8::Isolate* isolate = context->GetIsolate();
  if (value->IsString()) return Utf8(isolate, value);
  if (value->IsSymbol()) {
    v8::Local<v8::Value> description = value.As<v8::Symbol>()->Description(isolate);
    return "Symbol(" + (description->IsString() ? Utf8(isolate, description) : "") + ")";
  }
  // Digits of a huge BigInt take long to make: only small ones are written out.
  if (value->IsBigInt() && value.As<v8::BigInt>()->WordCount() > 4) return "a BigInt";
  if (!value->IsObject()) {
    v8::Local<v8::String> text;
    return value->ToString(context).ToLocal(&text) ? Utf8(isolate, text) : std::string();
  }
  if (!value->IsNativeError() || value->IsProxy()) return "#<" + ClassName(isolate, value) + ">";
  std::string name = OwnString(context, value, "name");
  if (name.empty()) name = ClassName(isolate, value);
  std::string message = OwnString(context, value, "message");
  return message.empty() ? name : name + ": " + message;
}

// Converts a boundary value into a V8 value. Empty on failure (an exception
// is pending if JSON parsing threw).
v8::MaybeLocal<v8::Value> FromValue(v8::Isolate* isolate,
                                    v8::Local<v8::Context> context,
                                    const V8vmValue& value) {
  switch (value.tag) {
    case V8VM_UNDEFINED:
      return v8::Undefined(isolate);
    case V8VM_NULL:
      return v8::Null(isolate);
    case V8VM_BOOL:
      return v8::Boolean::New(isolate, value.number != 0).As<v8::Value>();
    case V8VM_NUMBER:
      return v8::Number::New(isolate, value.number).As<v8::Value>();
    case V8VM_STRING: {
      v8::Local<v8::String> s;
      if (!NewString(isolate, value.ptr, value.len).ToLocal(&s)) return {};
      return s;
    }
    case V8VM_JSON: {
      v8::Local<v8::String> s;
      if (!NewString(isolate, value.ptr, value.len).ToLocal(&s)) return {};
      return v8::JSON::Parse(context, s);
    }
    case V8VM_FUNCTION:
      return reinterpret_cast<const V8vmFunction*>(value.ptr)
          ->function.Get(isolate)
          .As<v8::Value>();
    case V8VM_OBJECT:
      return reinterpret_cast<const V8vmObject*>(value.ptr)
          ->object.Get(isolate)
          .As<v8::Value>();
  }
  return {};
}

// Converts a V8 value into a boundary value. Strings and JSON text are
// copied with malloc into *bytes (owned by the caller). Returns false if the
// value cannot cross (symbol, bigint) or JSON.stringify threw.
bool ToValue(v8::Isolate* isolate, v8::Local<v8::Context> context,
             v8::Local<v8::Value> value, V8vmValue* out, V8vmBytes* bytes) {
  *bytes = {nullptr, 0};
  out->number = 0;
  out->ptr = nullptr;
  out->len = 0;
  if (value->IsUndefined()) {
    out->tag = V8VM_UNDEFINED;
  } else if (value->IsNull()) {
    out->tag = V8VM_NULL;
  } else if (value->IsBoolean()) {
    out->tag = V8VM_BOOL;
    out->number = value->IsTrue() ? 1 : 0;
  } else if (value->IsNumber()) {
    out->tag = V8VM_NUMBER;
    out->number = value.As<v8::Number>()->Value();
  } else if (value->IsString()) {
    out->tag = V8VM_STRING;
    *bytes = ToBytes(isolate, value);
  } else if (value->IsSymbol() || value->IsBigInt()) {
    return false;
  } else {
    v8::Local<v8::String> json;
    if (!v8::JSON::Stringify(context, value).ToLocal(&json)) return false;
    out->tag = V8VM_JSON;
    *bytes = ToBytes(isolate, json);
  }
  out->ptr = bytes->ptr;
  out->len = bytes->len;
  return true;
}

void FillException(v8::Isolate* isolate, v8::Local<v8::Context> context,
                   v8::TryCatch& try_catch, V8vmException* exc) {
  *exc = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}, 0, 0};
  v8::Local<v8::Message> message = try_catch.Message();
  if (!message.IsEmpty()) {
    exc->message = ToBytes(isolate, message->Get(), kExceptionTextBytes);
    exc->resource = ToBytes(isolate, message->GetScriptResourceName(), kExceptionTextBytes);
    exc->line = message->GetLineNumber(context).FromMaybe(0);
    exc->column = message->GetStartColumn(context).FromMaybe(-1) + 1;
  }
  // The stack only as an own data property: a getter the script put there
  // never runs here, outside the script's run.
  v8::Local<v8::Value> stack;
  if (!try_catch.HasTerminated() && try_catch.Exception()->IsNativeError() &&
      OwnData(context, try_catch.Exception(),
              v8::String::NewFromUtf8Literal(isolate, "stack"))
          .ToLocal(&stack)) {
    exc->stack = ToBytes(isolate, stack, kExceptionTextBytes);
  }
}

// The outcome of running JS under `try_catch`.
int32_t Failure(v8::Isolate* isolate, v8::Local<v8::Context> context,
                v8::TryCatch& try_catch, V8vmException* exc) {
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
    *exc = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}, 0, 0};
    return V8VM_TERMINATED;
  }
  if (!try_catch.HasCaught()) {
    *exc = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}, 0, 0};
    return V8VM_CONVERSION;
  }
  FillException(isolate, context, try_catch, exc);
  return V8VM_EXCEPTION;
}

// A new context with code generation from strings disabled. In an isolate
// made from a snapshot it is the snapshot's default context: the setting is
// applied again rather than trusted to the blob. Empty if V8 failed.
v8::Local<v8::Context> NewContext(v8::Isolate* isolate) {
  v8::Local<v8::Context> context = v8::Context::New(isolate);
  if (context.IsEmpty()) return context;
  context->AllowCodeGenerationFromStrings(false);
  context->SetErrorMessageForCodeGenerationFromStrings(
      v8::String::NewFromUtf8Literal(
          isolate, "code generation from strings is disabled (eval, new Function)"));
  return context;
}

// Compiles `src` as the body of a function with parameters `params`,
// consuming the code cache `cache` if `cache_len` > 0. Empty on failure (an
// exception is pending unless a string was too long).
v8::MaybeLocal<v8::Function> CompileBody(
    v8::Isolate* isolate, v8::Local<v8::Context> context, const char* src,
    size_t src_len, const char* name, size_t name_len, const V8vmBytes* params,
    size_t param_count, const uint8_t* cache, size_t cache_len,
    bool* cache_rejected) {
  *cache_rejected = false;
  v8::Local<v8::String> source_text, resource;
  if (!NewString(isolate, src, src_len).ToLocal(&source_text) ||
      !NewString(isolate, name, name_len).ToLocal(&resource)) {
    return {};
  }
  std::vector<v8::Local<v8::String>> param_names(param_count);
  for (size_t i = 0; i < param_count; i++) {
    if (!NewString(isolate, params[i].ptr, params[i].len).ToLocal(&param_names[i])) {
      return {};
    }
  }
  v8::ScriptOrigin origin(isolate, resource);
  // Source takes ownership of the CachedData object, not of the buffer.
  auto* cached = cache_len == 0 ? nullptr
                                : new v8::ScriptCompiler::CachedData(
                                      cache, static_cast<int>(cache_len),
                                      v8::ScriptCompiler::CachedData::BufferNotOwned);
  v8::ScriptCompiler::Source source(source_text, origin, cached);
  v8::Local<v8::Function> function;
  if (!v8::ScriptCompiler::CompileFunction(
           context, &source, param_count, param_names.data(), 0, nullptr,
           cached ? v8::ScriptCompiler::kConsumeCodeCache
                  : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&function)) {
    return {};
  }
  *cache_rejected = cached != nullptr && source.GetCachedData()->rejected;
  return function;
}

void HostCallback(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  auto* entry = static_cast<HostEntry*>(info.Data().As<v8::External>()->Value());
  size_t argc = static_cast<size_t>(info.Length());
  // Host calls take a few arguments: no heap allocation for those.
  constexpr size_t kInlineArgs = 8;
  V8vmValue inline_args[kInlineArgs];
  V8vmBytes inline_owned[kInlineArgs];
  std::vector<V8vmValue> heap_args;
  std::vector<V8vmBytes> heap_owned;
  V8vmValue* args = inline_args;
  V8vmBytes* owned = inline_owned;
  if (argc > kInlineArgs) {
    heap_args.resize(argc);
    heap_owned.resize(argc);
    args = heap_args.data();
    owned = heap_owned.data();
  }
  for (size_t i = 0; i < argc; i++) owned[i] = {nullptr, 0};
  auto free_owned = [&] {
    for (size_t i = 0; i < argc; i++) free(owned[i].ptr);
  };
  // Only primitives cross: converting an object could run the script's own
  // code (toJSON, getters, proxy traps) from inside the host.
  bool converted = true;
  for (size_t i = 0; i < argc && converted; i++) {
    v8::Local<v8::Value> arg = info[static_cast<int>(i)];
    converted = !arg->IsObject() &&
                ToValue(isolate, context, arg, &args[i], &owned[i]);
  }
  V8vmHostResult result{isolate, context, v8::Undefined(isolate)};
  int32_t status = 0;
  if (converted) {
    status = entry->callback(entry->data, args, argc, &result);
  }
  free_owned();
  if (!converted) {
    isolate->ThrowException(v8::Exception::TypeError(v8::String::NewFromUtf8Literal(
        isolate,
        "host functions take only strings, numbers, booleans, null and undefined")));
    return;
  }
  if (status == 0) {
    // An empty value: making it failed (JSON.parse threw), and the
    // exception is already pending.
    if (!result.value.IsEmpty()) info.GetReturnValue().Set(result.value);
    return;
  }
  v8::Local<v8::String> message;
  if (result.value.IsEmpty() || !result.value->IsString()) {
    message = v8::String::NewFromUtf8Literal(isolate, "host function failed");
  } else {
    message = result.value.As<v8::String>();
  }
  v8::Local<v8::Value> error = status == 2   ? v8::Exception::TypeError(message)
                               : status == 3 ? v8::Exception::RangeError(message)
                                             : v8::Exception::Error(message);
  isolate->ThrowException(error);
}

}  // namespace

struct V8vmIsolate {
  v8::Isolate* isolate = nullptr;
  // Bytes of its thread's stack JS may use, from where the isolate was made.
  size_t js_stack_bytes = 0;
  std::unique_ptr<BudgetAllocator> allocator;
  std::atomic<bool> heap_limit_reached{false};
  // Promise jobs run only when JS asks (the engine object's runJobs).
  bool explicit_jobs = false;
  // Promises rejected with no handler (yet), with their rejection values,
  // by number in order so that JS can take those since a mark; and their
  // numbers by the promises' identity hashes, so that a handler added late
  // finds its promise without a walk through all of them (a contract may
  // reject and then handle 100,000 promises).
  struct Rejection {
    v8::Global<v8::Promise> promise;
    v8::Global<v8::Value> value;
    int hash;
  };
  std::map<uint64_t, Rejection> unhandled_rejections;
  std::unordered_multimap<int, uint64_t> rejections_by_hash;
  uint64_t next_rejection = 0;
  // The startup blob the isolate was made from (bytes owned by Rust); V8
  // keeps a pointer to this struct for the isolate's lifetime.
  v8::StartupData snapshot_blob{nullptr, 0};
};

struct V8vmContext {
  V8vmIsolate* owner;
  v8::Global<v8::Context> context;
  std::vector<std::unique_ptr<HostEntry>> host_entries;
};

namespace {
// How far the heap limit is raised once it is reached. V8 lets a single
// large object (a flattened string, a big array: up to about 1 GiB) be
// allocated past the limit, and calls this after the next full GC; if the
// raised limit does not cover what is live by then, it aborts the process
// ("Fatal javascript OOM in Reached heap limit"). Doubling a 64 MiB limit
// did not cover a kept 256 MiB string (tests/hostile/bomb_flat_strings).
// The room is only reserved, not used: the run is terminated at its next
// interrupt check and the isolate is disposed.
constexpr size_t kHeapLimitRoom = size_t{4} << 30;

// Stack kept below V8's stack limit for native code called from JS.
constexpr uintptr_t kNativeStackReserve = uintptr_t{512} << 10;

// Out of heap: stop the running JS and give V8 room to unwind instead of
// letting it abort the process. The isolate is recycled by the owner.
size_t TerminateNearHeapLimit(void* data, size_t current_limit, size_t) {
  auto* owner = static_cast<V8vmIsolate*>(data);
  owner->heap_limit_reached = true;
  owner->isolate->TerminateExecution();
  return current_limit + kHeapLimitRoom;
}
// Drops `number` from the index of rejections by hash.
void ForgetRejectionHash(V8vmIsolate* owner, int hash, uint64_t number) {
  auto [first, last] = owner->rejections_by_hash.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (it->second == number) {
      owner->rejections_by_hash.erase(it);
      return;
    }
  }
}

void TrackPromiseRejection(v8::PromiseRejectMessage message) {
  v8::Local<v8::Promise> promise = message.GetPromise();
  v8::Isolate* isolate = promise->GetIsolate();
  auto* owner = static_cast<V8vmIsolate*>(isolate->GetData(0));
  auto& pending = owner->unhandled_rejections;
  switch (message.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler: {
      uint64_t number = owner->next_rejection++;
      int hash = promise->GetIdentityHash();
      pending.emplace(number, V8vmIsolate::Rejection{v8::Global<v8::Promise>(isolate, promise),
                                                     v8::Global<v8::Value>(isolate, message.GetValue()), hash});
      owner->rejections_by_hash.emplace(hash, number);
      break;
    }
    case v8::kPromiseHandlerAddedAfterReject: {
      auto [first, last] = owner->rejections_by_hash.equal_range(promise->GetIdentityHash());
      for (auto it = first; it != last; ++it) {
        auto found = pending.find(it->second);
        if (found != pending.end() && found->second.promise == promise) {
          pending.erase(found);
          owner->rejections_by_hash.erase(it);
          break;
        }
      }
      break;
    }
    default:
      break;
  }
}

// The first rejection numbered `since` or later that is still unhandled,
// removing it and every later one. Empty if there is none.
v8::MaybeLocal<v8::Value> TakeRejectionSince(V8vmIsolate* owner, uint64_t since) {
  auto& pending = owner->unhandled_rejections;
  auto first = pending.lower_bound(since);
  if (first == pending.end()) return {};
  v8::Local<v8::Value> value = first->second.value.Get(owner->isolate);
  for (auto it = first; it != pending.end(); ++it) ForgetRejectionHash(owner, it->second.hash, it->first);
  pending.erase(first, pending.end());
  return value;
}

// --- The engine object's functions (see v8vm__Context__NewEngineObject) ---

V8vmIsolate* OwnerOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  return static_cast<V8vmIsolate*>(info.GetIsolate()->GetData(0));
}

// runJobs(): runs the queued promise jobs, and those they queue, now.
void RunJobs(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetIsolate()->PerformMicrotaskCheckpoint();
}

// rejectionMark(): a number; takeRejection(mark) considers only the promises
// rejected after it was taken.
void RejectionMark(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(
      static_cast<double>(OwnerOf(info)->next_rejection));
}

// takeRejection(mark): `[reason]` of the first promise rejected since `mark`
// that still has no handler, or undefined; forgets all of those.
void TakeRejection(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  double mark = info[0]->IsNumber() ? info[0].As<v8::Number>()->Value() : 0;
  v8::Local<v8::Value> reason;
  if (!TakeRejectionSince(OwnerOf(info), static_cast<uint64_t>(mark)).ToLocal(&reason)) {
    return;
  }
  info.GetReturnValue().Set(v8::Array::New(isolate, &reason, 1));
}

// kind(value): typeof for primitives; for objects "proxy", "error" (a native
// error), "array", "function" or "object".
void Kind(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Value> value = info[0];
  if (value->IsNull()) {
    info.GetReturnValue().Set(v8::String::NewFromUtf8Literal(isolate, "null"));
    return;
  }
  if (!value->IsObject()) {
    info.GetReturnValue().Set(value->TypeOf(isolate));
    return;
  }
  const char* kind = value->IsProxy()         ? "proxy"
                     : value->IsNativeError() ? "error"
                     : value->IsArray()       ? "array"
                     : value->IsFunction()    ? "function"
                                              : "object";
  info.GetReturnValue().Set(v8::String::NewFromUtf8(isolate, kind).ToLocalChecked());
}

// Returns `[script, position]` of the place V8 records for `value` (an
// error: where it was made; anything else: the calling JS frame), or
// nothing if that is no frame with a script. Runs no JS.
void ReturnPlace(const v8::FunctionCallbackInfo<v8::Value>& info, v8::Local<v8::Value> value) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Message> message = v8::Exception::CreateMessage(isolate, value);
  int position = message->GetStartPosition();
  v8::Local<v8::Value> script = message->GetScriptResourceName();
  if (position < 0 || !script->IsString()) return;
  v8::Local<v8::Value> pair[] = {script, v8::Integer::New(isolate, position)};
  info.GetReturnValue().Set(v8::Array::New(isolate, pair, 2));
}

// thrownAt(error): `[script, position]`, where in which script the frame that
// made the error stood (from the stack V8 recorded then), or undefined.
void ThrownAt(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (info[0]->IsNativeError()) ReturnPlace(info, info[0]);
}

// site(): `[script, position]` of the JS frame that called it (a native
// function adds no frame of its own), or undefined.
void Site(const v8::FunctionCallbackInfo<v8::Value>& info) { ReturnPlace(info, v8::Undefined(info.GetIsolate())); }

// brand(value): which built-in's internal slots an object has, among those
// the class libraries tell apart ("String", "Number", "Boolean", "BigInt" and
// "Symbol" wrappers, "ArrayBuffer", "RegExp", "Arguments"), else undefined; a proxy has
// none. A class merely named like a built-in is not one.
void Brand(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Value> value = info[0];
  const char* brand = value->IsStringObject()   ? "String"
                      : value->IsNumberObject()  ? "Number"
                      : value->IsBooleanObject() ? "Boolean"
                      : value->IsBigIntObject()  ? "BigInt"
                      : value->IsSymbolObject()  ? "Symbol"
                      : value->IsArrayBuffer()   ? "ArrayBuffer"
                      : value->IsRegExp()        ? "RegExp"
                      : value->IsArgumentsObject() ? "Arguments"
                                                 : nullptr;
  if (brand == nullptr) return;
  info.GetReturnValue().Set(v8::String::NewFromUtf8(info.GetIsolate(), brand).ToLocalChecked());
}

// regExp(source, flags, limit): a new RegExp of `source` and `flags` (a
// string of "dgimsuy") whose every exec gives up, finding no match, after
// `limit` backtracks (0: never). Throws a SyntaxError for a bad pattern or
// flag.
void NewRegExp(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsString() || !info[1]->IsString() || !info[2]->IsUint32()) {
    isolate->ThrowException(v8::Exception::TypeError(
        v8::String::NewFromUtf8Literal(isolate, "regExp(source, flags, limit) takes two strings and a uint32")));
    return;
  }
  v8::String::Utf8Value flag_text(isolate, info[1]);
  int flags = v8::RegExp::kNone;
  for (int i = 0; i < flag_text.length(); i++) {
    int flag = 0;
    switch ((*flag_text)[i]) {
      case 'd': flag = v8::RegExp::kHasIndices; break;
      case 'g': flag = v8::RegExp::kGlobal; break;
      case 'i': flag = v8::RegExp::kIgnoreCase; break;
      case 'm': flag = v8::RegExp::kMultiline; break;
      case 's': flag = v8::RegExp::kDotAll; break;
      case 'u': flag = v8::RegExp::kUnicode; break;
      case 'y': flag = v8::RegExp::kSticky; break;
      default: break;
    }
    if (flag == 0 || (flags & flag) != 0) {
      isolate->ThrowException(v8::Exception::SyntaxError(
          v8::String::NewFromUtf8Literal(isolate, "Invalid flags supplied to RegExp constructor")));
      return;
    }
    flags |= flag;
  }
  // (V8 aborts the process for a backtrack limit of 0.)
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::String> source = info[0].As<v8::String>();
  uint32_t limit = info[2].As<v8::Uint32>()->Value();
  v8::MaybeLocal<v8::RegExp> made =
      limit == 0 ? v8::RegExp::New(context, source, static_cast<v8::RegExp::Flags>(flags))
                 : v8::RegExp::NewWithBacktrackLimit(context, source, static_cast<v8::RegExp::Flags>(flags), limit);
  v8::Local<v8::RegExp> regexp;
  if (made.ToLocal(&regexp)) info.GetReturnValue().Set(regexp);
}

// own(value, key): the value of an own data property, or undefined (for a
// primitive, a proxy, a missing key or an accessor).
void Own(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Value> found;
  if (info[1]->IsName() &&
      OwnData(info.GetIsolate()->GetCurrentContext(), info[0], info[1].As<v8::Name>())
          .ToLocal(&found)) {
    info.GetReturnValue().Set(found);
  }
}

// className(value): the name of the class an object was made by, or
// undefined for a primitive.
void ClassNameOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (!info[0]->IsObject()) return;
  std::string name = ClassName(info.GetIsolate(), info[0]);
  v8::Local<v8::String> text;
  if (NewString(info.GetIsolate(), name.data(), name.size()).ToLocal(&text)) {
    info.GetReturnValue().Set(text);
  }
}
}  // namespace

#define V8VM_ENTER(ctx)                                          \
  v8::Isolate* isolate = (ctx)->owner->isolate;                  \
  v8::Isolate::Scope isolate_scope(isolate);                     \
  v8::HandleScope handle_scope(isolate);                         \
  v8::Local<v8::Context> context = (ctx)->context.Get(isolate);  \
  v8::Context::Scope context_scope(context)

extern "C" {

void v8vm__Platform__Initialize(const char* flags) {
  v8::V8::SetFlagsFromString(flags);
  g_platform = v8::platform::NewDefaultPlatform();
  v8::V8::InitializePlatform(g_platform.get());
  v8::V8::Initialize();
}

const char* v8vm__V8__GetVersion(void) { return v8::V8::GetVersion(); }

int32_t v8vm__Snapshot__Create(const char* src, size_t src_len,
                               const char* name, size_t name_len,
                               V8vmBytes* blob, V8vmException* exc) {
  *blob = {nullptr, 0};
  // The creator owns, enters and finally disposes its isolate. Every handle
  // into it must be gone before CreateBlob, hence the scope below.
  v8::SnapshotCreator creator;
  v8::Isolate* isolate = creator.GetIsolate();
  {
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> context = NewContext(isolate);
    if (context.IsEmpty()) return V8VM_CONVERSION;
    v8::Context::Scope context_scope(context);
    v8::TryCatch try_catch(isolate);
    // V8 adds Error.stackTraceLimit to every context it creates, deserialized
    // ones too, and aborts if it cannot: taken before the setup runs, the
    // intrinsic Error is checked to still leave room for it.
    v8::Local<v8::Value> error, object, is_extensible;
    if (!context->Global()
             ->Get(context, v8::String::NewFromUtf8Literal(isolate, "Error"))
             .ToLocal(&error) ||
        !context->Global()
             ->Get(context, v8::String::NewFromUtf8Literal(isolate, "Object"))
             .ToLocal(&object) ||
        !object.As<v8::Object>()
             ->Get(context,
                   v8::String::NewFromUtf8Literal(isolate, "isExtensible"))
             .ToLocal(&is_extensible)) {
      return Failure(isolate, context, try_catch, exc);
    }
    bool cache_rejected;
    v8::Local<v8::Function> setup;
    v8::Local<v8::Value> result, extensible;
    if (!CompileBody(isolate, context, src, src_len, name, name_len, nullptr,
                     0, nullptr, 0, &cache_rejected)
             .ToLocal(&setup) ||
        !setup->Call(context, v8::Undefined(isolate), 0, nullptr)
             .ToLocal(&result)) {
      return Failure(isolate, context, try_catch, exc);
    }
    if (!result->IsFunction()) {
      isolate->ThrowException(v8::Exception::TypeError(
          v8::String::NewFromUtf8Literal(
              isolate, "the snapshot setup must return a function")));
      return Failure(isolate, context, try_catch, exc);
    }
    bool has_limit = true;
    if (!is_extensible.As<v8::Function>()
             ->Call(context, v8::Undefined(isolate), 1, &error)
             .ToLocal(&extensible) ||
        !error.As<v8::Object>()
             ->HasOwnProperty(context, v8::String::NewFromUtf8Literal(
                                           isolate, "stackTraceLimit"))
             .To(&has_limit)) {
      return Failure(isolate, context, try_catch, exc);
    }
    if (!extensible->IsTrue() || has_limit) {
      isolate->ThrowException(v8::Exception::TypeError(v8::String::NewFromUtf8Literal(
          isolate,
          "the snapshot setup must leave Error extensible and without "
          "stackTraceLimit: V8 adds Error.stackTraceLimit to every context "
          "made from a snapshot (freeze Error in the function the setup "
          "returns instead)")));
      return Failure(isolate, context, try_catch, exc);
    }
    creator.AddData(context, result.As<v8::Function>());
    creator.SetDefaultContext(context);
  }
  v8::StartupData data =
      creator.CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  if (data.data == nullptr || data.raw_size <= 0) {
    delete[] data.data;
    return V8VM_CONVERSION;
  }
  size_t size = static_cast<size_t>(data.raw_size);
  *blob = {CopyBytes(data.data, size), size};
  delete[] data.data;
  return V8VM_OK;
}

V8vmIsolate* v8vm__Isolate__New(size_t heap_limit_bytes, const char* snapshot,
                                size_t snapshot_len, bool explicit_jobs) {
  auto* owner = new V8vmIsolate();
  owner->explicit_jobs = explicit_jobs;
  owner->allocator = std::make_unique<BudgetAllocator>(heap_limit_bytes);
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = owner->allocator.get();
  if (snapshot != nullptr) {
    owner->snapshot_blob = {snapshot, static_cast<int>(snapshot_len)};
    params.snapshot_blob = &owner->snapshot_blob;
  }
  params.constraints.ConfigureDefaultsFromHeapSize(0, heap_limit_bytes);
  owner->isolate = v8::Isolate::New(params);
  owner->isolate->AddNearHeapLimitCallback(TerminateNearHeapLimit, owner);
  // JS may use the whole stack of the thread that made the isolate, but for
  // a reserve for the native code it calls (V8's runtime, host functions).
  // V8's own default is under 1 MiB whatever the thread has.
  pthread_attr_t attr;
  void* stack_low = nullptr;
  size_t stack_size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &stack_low, &stack_size);
    pthread_attr_destroy(&attr);
  }
  auto here = reinterpret_cast<uintptr_t>(&attr);
  uintptr_t limit = reinterpret_cast<uintptr_t>(stack_low) + kNativeStackReserve;
  if (stack_low != nullptr && here > limit) {
    owner->isolate->SetStackLimit(limit);
    owner->js_stack_bytes = here - limit;
  }
  owner->isolate->SetData(0, owner);
  owner->isolate->SetPromiseRejectCallback(TrackPromiseRejection);
  if (explicit_jobs) {
    owner->isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  }
  return owner;
}

void v8vm__Isolate__Dispose(V8vmIsolate* owner) {
  owner->unhandled_rejections.clear();
  owner->rejections_by_hash.clear();
  owner->isolate->Dispose();
  delete owner;
}

void v8vm__Isolate__TerminateExecution(V8vmIsolate* owner) {
  owner->isolate->TerminateExecution();
}

void v8vm__Isolate__CancelTerminateExecution(V8vmIsolate* owner) {
  owner->isolate->CancelTerminateExecution();
}

bool v8vm__Isolate__TakeHeapLimitReached(V8vmIsolate* owner) {
  return owner->heap_limit_reached.exchange(false);
}

size_t v8vm__Isolate__JsStackBytes(V8vmIsolate* owner) {
  return owner->js_stack_bytes;
}

size_t v8vm__Isolate__UsedHeapSize(V8vmIsolate* owner) {
  v8::HeapStatistics stats;
  owner->isolate->GetHeapStatistics(&stats);
  return stats.used_heap_size();
}

int32_t v8vm__Isolate__TakeUnhandledRejection(V8vmIsolate* owner,
                                              V8vmException* exc) {
  if (owner->unhandled_rejections.empty()) return V8VM_OK;
  v8::Isolate* isolate = owner->isolate;
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context = owner->unhandled_rejections.begin()
                                       ->second.promise.Get(isolate)
                                       ->GetCreationContextChecked();
  v8::Context::Scope context_scope(context);
  v8::Local<v8::Value> value = TakeRejectionSince(owner, 0).ToLocalChecked();
  // Where the value was made (an error) or rejected; computing it runs no JS.
  v8::Local<v8::Message> message = v8::Exception::CreateMessage(isolate, value);
  std::string described = "Uncaught (in promise) " + InertDescription(context, value);
  *exc = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}, 0, 0};
  exc->message = {CopyBytes(described.data(), described.size()), described.size()};
  exc->resource = ToBytes(isolate, message->GetScriptResourceName());
  exc->line = message->GetLineNumber(context).FromMaybe(0);
  exc->column = message->GetStartColumn(context).FromMaybe(-1) + 1;
  return V8VM_EXCEPTION;
}

void v8vm__Isolate__DiscardJobs(V8vmIsolate* owner) {
  // With a termination pending, V8 stops at the first job and empties the
  // whole queue: none of them runs.
  v8::Isolate* isolate = owner->isolate;
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  isolate->TerminateExecution();
  isolate->PerformMicrotaskCheckpoint();
  isolate->CancelTerminateExecution();
}

V8vmContext* v8vm__Context__New(V8vmIsolate* owner) {
  v8::Isolate* isolate = owner->isolate;
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context = NewContext(isolate);
  if (context.IsEmpty()) return nullptr;
  auto* ctx = new V8vmContext{owner, {}, {}};
  ctx->context.Reset(isolate, context);
  return ctx;
}

void v8vm__Context__Delete(V8vmContext* ctx) { delete ctx; }

int32_t v8vm__Context__RunScript(V8vmContext* ctx, const char* src,
                                 size_t src_len, const char* name,
                                 size_t name_len, V8vmValue* out,
                                 V8vmBytes* out_bytes, V8vmException* exc) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::String> source, resource;
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  if (!NewString(isolate, src, src_len).ToLocal(&source) ||
      !NewString(isolate, name, name_len).ToLocal(&resource)) {
    return Failure(isolate, context, try_catch, exc);
  }
  v8::ScriptOrigin origin(isolate, resource);
  if (!v8::Script::Compile(context, source, &origin).ToLocal(&script) ||
      !script->Run(context).ToLocal(&result) ||
      !ToValue(isolate, context, result, out, out_bytes)) {
    return Failure(isolate, context, try_catch, exc);
  }
  return V8VM_OK;
}

int32_t v8vm__Context__CompileFunction(
    V8vmContext* ctx, const char* src, size_t src_len, const char* name,
    size_t name_len, const V8vmBytes* params, size_t param_count,
    const uint8_t* cache, size_t cache_len, V8vmFunction** out,
    bool* cache_rejected, V8vmException* exc) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Function> function;
  if (!CompileBody(isolate, context, src, src_len, name, name_len, params,
                   param_count, cache, cache_len, cache_rejected)
           .ToLocal(&function)) {
    return Failure(isolate, context, try_catch, exc);
  }
  *out = new V8vmFunction{v8::Global<v8::Function>(isolate, function)};
  return V8VM_OK;
}

V8vmFunction* v8vm__Context__TakeSnapshotFunction(V8vmContext* ctx) {
  V8VM_ENTER(ctx);
  v8::Local<v8::Value> value;
  if (!context->GetDataFromSnapshotOnce<v8::Value>(0).ToLocal(&value) ||
      !value->IsFunction()) {
    return nullptr;
  }
  return new V8vmFunction{
      v8::Global<v8::Function>(isolate, value.As<v8::Function>())};
}

V8vmObject* v8vm__Context__NewHostObject(V8vmContext* ctx,
                                         const V8vmBytes* fn_names,
                                         void* const* fn_data, size_t count,
                                         V8vmHostCallback callback) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Object> object = v8::Object::New(isolate);
  for (size_t i = 0; i < count; i++) {
    ctx->host_entries.push_back(
        std::make_unique<HostEntry>(HostEntry{callback, fn_data[i]}));
    v8::Local<v8::External> data =
        v8::External::New(isolate, ctx->host_entries.back().get());
    v8::Local<v8::Function> fn;
    v8::Local<v8::String> fn_name;
    // Defined, not assigned: no setter of Object.prototype runs.
    if (!v8::Function::New(context, HostCallback, data, 0,
                           v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn) ||
        !NewString(isolate, fn_names[i].ptr, fn_names[i].len).ToLocal(&fn_name) ||
        !object->CreateDataProperty(context, fn_name, fn).FromMaybe(false)) {
      return nullptr;
    }
    fn->SetName(fn_name);
  }
  return new V8vmObject{v8::Global<v8::Object>(isolate, object)};
}

V8vmObject* v8vm__Context__NewEngineObject(V8vmContext* ctx) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  struct Entry {
    const char* name;
    v8::FunctionCallback callback;
  };
  const Entry entries[] = {
      {"runJobs", RunJobs},           {"rejectionMark", RejectionMark},
      {"takeRejection", TakeRejection}, {"kind", Kind},
      {"brand", Brand},               {"own", Own},
      {"className", ClassNameOf},     {"thrownAt", ThrownAt},
      {"site", Site},                 {"regExp", NewRegExp},
  };
  v8::Local<v8::Object> object = v8::Object::New(isolate);
  for (const Entry& entry : entries) {
    v8::Local<v8::Function> fn;
    v8::Local<v8::String> fn_name =
        v8::String::NewFromUtf8(isolate, entry.name).ToLocalChecked();
    if (!v8::Function::New(context, entry.callback, v8::Local<v8::Value>(), 0,
                           v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn) ||
        !object->CreateDataProperty(context, fn_name, fn).FromMaybe(false)) {
      return nullptr;
    }
    fn->SetName(fn_name);
  }
  return new V8vmObject{v8::Global<v8::Object>(isolate, object)};
}

bool v8vm__Context__SetGlobal(V8vmContext* ctx, const char* name,
                              size_t name_len, V8vmObject* object) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::String> key;
  return NewString(isolate, name, name_len).ToLocal(&key) &&
         context->Global()
             ->CreateDataProperty(context, key, object->object.Get(isolate))
             .FromMaybe(false);
}

V8vmBytes v8vm__Function__CreateCodeCache(V8vmContext* ctx, V8vmFunction* fn) {
  V8VM_ENTER(ctx);
  std::unique_ptr<v8::ScriptCompiler::CachedData> data(
      v8::ScriptCompiler::CreateCodeCacheForFunction(fn->function.Get(isolate)));
  if (!data) return {nullptr, 0};
  return {CopyBytes(reinterpret_cast<const char*>(data->data),
                    static_cast<size_t>(data->length)),
          static_cast<size_t>(data->length)};
}

int32_t v8vm__Function__Call(V8vmContext* ctx, V8vmFunction* fn,
                             const V8vmValue* args, size_t argc,
                             V8vmValue* out, V8vmBytes* out_bytes,
                             V8vmFunction** out_function, V8vmException* exc) {
  V8VM_ENTER(ctx);
  v8::TryCatch try_catch(isolate);
  std::vector<v8::Local<v8::Value>> argv(argc);
  for (size_t i = 0; i < argc; i++) {
    if (!FromValue(isolate, context, args[i]).ToLocal(&argv[i])) {
      return Failure(isolate, context, try_catch, exc);
    }
  }
  v8::Local<v8::Value> result;
  if (!fn->function.Get(isolate)
           ->Call(context, v8::Undefined(isolate), static_cast<int>(argc),
                  argv.data())
           .ToLocal(&result)) {
    return Failure(isolate, context, try_catch, exc);
  }
  if (out_function != nullptr) {
    if (!result->IsFunction()) return V8VM_CONVERSION;
    *out_function = new V8vmFunction{
        v8::Global<v8::Function>(isolate, result.As<v8::Function>())};
    return V8VM_OK;
  }
  if (!ToValue(isolate, context, result, out, out_bytes)) {
    return Failure(isolate, context, try_catch, exc);
  }
  return V8VM_OK;
}

void v8vm__Function__Delete(V8vmFunction* fn) { delete fn; }

void v8vm__Object__Delete(V8vmObject* object) { delete object; }

void v8vm__HostResult__Set(V8vmHostResult* result, const V8vmValue* value) {
  v8::Local<v8::Value> made;
  result->value = FromValue(result->isolate, result->context, *value).ToLocal(&made)
                      ? made
                      : v8::Local<v8::Value>();
}

void v8vm__Bytes__Free(char* ptr) { free(ptr); }

}  // extern "C"
