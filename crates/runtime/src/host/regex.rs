//! `regex_check(pattern, flags)`: why V8 must not compile a pattern (the
//! compiler's [`check_regex`](v8vm_compiler::check_regex): one whose compile
//! would take time growing far faster than its length, which nothing can
//! interrupt), or else the number of wide classes V8 will case-fold, which
//! the library charges. The library asks before every `new RegExp`.
//!
//! `regex_counted(pattern, flags)`: the pattern the library searches with
//! (its twins), every repetition's body made a choice so that V8 counts
//! each step back as a backtrack
//! ([`counted_repetitions`](v8vm_compiler::counted_repetitions)).

use v8vm_engine::{HostError, HostFn, JsValue};

use super::string_arg;

pub(super) fn functions() -> Vec<(&'static str, HostFn)> {
    vec![
        (
            "regex_check",
            Box::new(|args: &[JsValue]| {
                let pattern = string_arg(args, 0, "pattern")?;
                let flags = string_arg(args, 1, "flags")?;
                Ok(match v8vm_compiler::check_regex(pattern, flags) {
                    Ok(wide_classes) => JsValue::Number(f64::from(wide_classes)),
                    Err(error) => JsValue::String(error.to_string()),
                })
            }),
        ),
        (
            "regex_counted",
            Box::new(|args: &[JsValue]| {
                let pattern = string_arg(args, 0, "pattern")?;
                let flags = string_arg(args, 1, "flags")?;
                v8vm_compiler::counted_repetitions(pattern, flags)
                    .map(JsValue::String)
                    .map_err(|error| HostError::error(format!("regular expression: {error}")))
            }),
        ),
    ]
}
