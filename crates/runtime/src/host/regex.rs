//! `regex_check(pattern, flags)`: why V8 must not compile a pattern (the
//! compiler's [`check_regex`](v8vm_compiler::check_regex): one whose compile
//! would take time growing far faster than its length, which nothing can
//! interrupt), or else the number of wide classes V8 will case-fold, which
//! the library charges. The library asks before every `new RegExp`.

use v8vm_engine::{HostFn, JsValue};

use super::string_arg;

pub(super) fn functions() -> Vec<(&'static str, HostFn)> {
    vec![(
        "regex_check",
        Box::new(|args: &[JsValue]| {
            let pattern = string_arg(args, 0, "pattern")?;
            let flags = string_arg(args, 1, "flags")?;
            Ok(match v8vm_compiler::check_regex(pattern, flags) {
                Ok(wide_classes) => JsValue::Number(f64::from(wide_classes)),
                Err(error) => JsValue::String(error.to_string()),
            })
        }),
    )]
}
