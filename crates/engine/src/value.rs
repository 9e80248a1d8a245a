//! Values that cross between Rust and JavaScript.

use std::ffi::c_char;

use crate::sys;

/// A JavaScript value as Rust sees it.
///
/// Primitives map one to one. Objects and arrays cross as JSON text: from JS
/// to Rust through `JSON.stringify`, from Rust to JS through `JSON.parse`.
/// Symbols and BigInts cannot cross ([`EngineError::Conversion`](crate::EngineError::Conversion)).
#[derive(Debug, Clone, PartialEq)]
pub enum JsValue {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (IEEE-754 double).
    Number(f64),
    /// A string (UTF-8 on the Rust side).
    String(String),
    /// Any other value, as JSON text.
    Json(String),
}

impl JsValue {
    /// The string, if this is [`JsValue::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A view of this value for the shim; borrows `self`'s bytes.
    pub(crate) fn as_raw(&self) -> sys::V8vmValue {
        let (tag, number, text) = match self {
            JsValue::Undefined => (sys::TAG_UNDEFINED, 0.0, ""),
            JsValue::Null => (sys::TAG_NULL, 0.0, ""),
            JsValue::Bool(b) => (sys::TAG_BOOL, f64::from(u8::from(*b)), ""),
            JsValue::Number(n) => (sys::TAG_NUMBER, *n, ""),
            JsValue::String(s) => (sys::TAG_STRING, 0.0, s.as_str()),
            JsValue::Json(s) => (sys::TAG_JSON, 0.0, s.as_str()),
        };
        sys::V8vmValue { tag, number, ptr: text.as_ptr() as *const c_char, len: text.len() }
    }

    /// Copies a value the shim lent us.
    ///
    /// # Safety
    /// For string and JSON tags `raw.ptr` must point at `raw.len` readable bytes.
    pub(crate) unsafe fn from_raw(raw: &sys::V8vmValue) -> JsValue {
        let text = || {
            if raw.ptr.is_null() {
                return String::new();
            }
            // SAFETY: guaranteed by the caller.
            let bytes = unsafe { std::slice::from_raw_parts(raw.ptr as *const u8, raw.len) };
            // V8's UTF-8 is valid unless the string held lone surrogates.
            match std::str::from_utf8(bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(bytes).into_owned(),
            }
        };
        match raw.tag {
            sys::TAG_NULL => JsValue::Null,
            sys::TAG_BOOL => JsValue::Bool(raw.number != 0.0),
            sys::TAG_NUMBER => JsValue::Number(raw.number),
            sys::TAG_STRING => JsValue::String(text()),
            sys::TAG_JSON => JsValue::Json(text()),
            _ => JsValue::Undefined,
        }
    }

    /// Takes a value the shim produced together with its malloc'ed bytes.
    pub(crate) fn from_owned(raw: sys::V8vmValue, mut bytes: sys::V8vmBytes) -> JsValue {
        match raw.tag {
            sys::TAG_STRING => JsValue::String(bytes.take_string()),
            sys::TAG_JSON => JsValue::Json(bytes.take_string()),
            // SAFETY: other tags carry no bytes.
            _ => unsafe { JsValue::from_raw(&raw) },
        }
    }
}

impl From<&str> for JsValue {
    fn from(s: &str) -> Self {
        JsValue::String(s.to_owned())
    }
}

impl From<String> for JsValue {
    fn from(s: String) -> Self {
        JsValue::String(s)
    }
}

impl From<f64> for JsValue {
    fn from(n: f64) -> Self {
        JsValue::Number(n)
    }
}

impl From<bool> for JsValue {
    fn from(b: bool) -> Self {
        JsValue::Bool(b)
    }
}
