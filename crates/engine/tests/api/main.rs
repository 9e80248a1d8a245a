//! Integration tests of the engine's safe API against real V8.

mod basics;
mod code_cache;
mod heap_limit;
mod jobs;
mod snapshot;
mod terminate;

use v8vm_engine::{Context, Isolate, IsolateOptions};

/// A fresh isolate and context with default options.
#[track_caller]
fn realm() -> (Isolate, Context) {
    let isolate = Isolate::new(&IsolateOptions::default());
    let context = isolate.new_context();
    (isolate, context)
}
