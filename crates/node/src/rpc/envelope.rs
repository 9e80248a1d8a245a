//! The JSON-RPC 2.0 envelope: parsing requests and batches, shaping responses.

use serde::Serialize;
use serde_json::Value;

use super::error::{ErrorObject, RpcError};

/// What one body (or WebSocket frame) held.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A single request object (or a JSON value that should have been one).
    Single(Entry),
    /// A batch array of 1..=limit entries.
    Batch(Vec<Entry>),
}

/// One element of the input: a well-formed call, or why it is not one.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A well-formed call.
    Call(Call),
    /// An invalid request; answered with `id` (null when unreadable).
    Invalid {
        /// The request's id if it had a valid one, else null.
        id: Value,
        /// What is wrong with it.
        error: RpcError,
    },
}

/// A well-formed request.
#[derive(Debug)]
pub(crate) struct Call {
    /// The request's id; `None` for a notification (no `id` member).
    pub(crate) id: Option<Value>,
    /// The method's name (case-sensitive).
    pub(crate) method: String,
    /// The params: an object, an array, or null when absent.
    pub(crate) params: Value,
}

/// Parses a body or frame. A whole-input error (not JSON, an empty or
/// oversized batch) is answered with a single error response, id null.
pub(crate) fn parse(bytes: &[u8], max_batch: usize) -> Result<Incoming, RpcError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| RpcError::Parse(e.to_string()))?;
    match value {
        Value::Array(items) if items.is_empty() => Err(RpcError::EmptyBatch),
        Value::Array(items) if items.len() > max_batch => {
            Err(RpcError::BatchTooLarge { len: items.len(), limit: max_batch })
        }
        Value::Array(items) => Ok(Incoming::Batch(items.into_iter().map(entry).collect())),
        other => Ok(Incoming::Single(entry(other))),
    }
}

/// Checks one request object.
fn entry(value: Value) -> Entry {
    let invalid = |id: Value, message: &str| Entry::Invalid { id, error: RpcError::InvalidRequest(message.into()) };
    let Value::Object(mut obj) = value else {
        return invalid(Value::Null, "a request is a JSON object");
    };
    let id = match obj.remove("id") {
        None => None,
        Some(id @ (Value::Null | Value::String(_) | Value::Number(_))) => Some(id),
        Some(_) => return invalid(Value::Null, "id must be a string, a number or null"),
    };
    let reply_id = id.clone().unwrap_or(Value::Null);
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid(reply_id, r#"jsonrpc must be "2.0""#);
    }
    let method = match obj.remove("method") {
        Some(Value::String(method)) => method,
        Some(_) => return invalid(reply_id, "method must be a string"),
        None => return invalid(reply_id, "method is missing"),
    };
    let params = match obj.remove("params") {
        None | Some(Value::Null) => Value::Null,
        Some(params @ (Value::Object(_) | Value::Array(_))) => params,
        Some(_) => return invalid(reply_id, "params must be an object or an array"),
    };
    Entry::Call(Call { id, method, params })
}

/// A response object.
#[derive(Debug, Serialize)]
pub(crate) struct Response {
    jsonrpc: &'static str,
    id: Value,
    #[serde(flatten)]
    outcome: Outcome,
}

/// A response's (or a subscription notification's) payload: exactly one of
/// `result` and `error`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Outcome {
    /// The method's result.
    Result(Value),
    /// Why it failed.
    Error(ErrorObject),
}

impl Response {
    /// A success.
    pub(crate) fn result(id: Value, result: Value) -> Self {
        Response { jsonrpc: "2.0", id, outcome: Outcome::Result(result) }
    }

    /// A failure.
    pub(crate) fn error(id: Value, error: ErrorObject) -> Self {
        Response { jsonrpc: "2.0", id, outcome: Outcome::Error(error) }
    }
}

/// A subscription notification pushed over WebSocket.
#[derive(Debug, Serialize)]
pub(crate) struct Push<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: PushParams<'a>,
}

#[derive(Debug, Serialize)]
struct PushParams<'a> {
    subscription: &'a str,
    #[serde(flatten)]
    outcome: Outcome,
}

impl<'a> Push<'a> {
    /// `{"jsonrpc":"2.0","method":"subscription","params":{"subscription":id, …outcome}}`.
    pub(crate) fn new(subscription: &'a str, outcome: Outcome) -> Self {
        Push { jsonrpc: "2.0", method: "subscription", params: PushParams { subscription, outcome } }
    }
}

/// Serializes a response, a batch of them, or a push. Serializing these
/// types cannot fail (string keys, no non-finite floats in a `Value`).
pub(crate) fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not serialize a JSON-RPC message");
        r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}}"#.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn single(text: &str) -> Entry {
        match parse(text.as_bytes(), 32).unwrap() {
            Incoming::Single(e) => e,
            Incoming::Batch(_) => panic!("a batch"),
        }
    }

    #[test]
    fn a_call_and_a_notification() {
        let Entry::Call(c) = single(r#"{"jsonrpc":"2.0","id":7,"method":"m","params":[1]}"#) else { panic!() };
        assert_eq!((c.id, c.method.as_str(), c.params), (Some(json!(7)), "m", json!([1])));
        let Entry::Call(c) = single(r#"{"jsonrpc":"2.0","method":"m"}"#) else { panic!() };
        assert_eq!((c.id, c.params), (None, Value::Null));
        let Entry::Call(c) = single(r#"{"jsonrpc":"2.0","id":null,"method":"m","params":null}"#) else { panic!() };
        assert_eq!(c.id, Some(Value::Null));
    }

    #[test]
    fn invalid_requests_keep_a_readable_id() {
        for (text, id) in [
            (r#"{"jsonrpc":"1.0","id":1,"method":"m"}"#, json!(1)),
            (r#"{"id":"a","method":"m"}"#, json!("a")),
            (r#"{"jsonrpc":"2.0","id":2,"method":5}"#, json!(2)),
            (r#"{"jsonrpc":"2.0","id":3}"#, json!(3)),
            (r#"{"jsonrpc":"2.0","id":4,"method":"m","params":"x"}"#, json!(4)),
            (r#"{"jsonrpc":"2.0","id":{},"method":"m"}"#, Value::Null),
            ("5", Value::Null),
        ] {
            match single(text) {
                Entry::Invalid { id: got, .. } => assert_eq!(got, id, "{text}"),
                Entry::Call(_) => panic!("accepted {text}"),
            }
        }
    }

    #[test]
    fn whole_input_errors() {
        assert!(matches!(parse(b"{", 32), Err(RpcError::Parse(_))));
        assert!(matches!(parse(b"[]", 32), Err(RpcError::EmptyBatch)));
        assert!(matches!(parse(b"[1,2,3]", 2), Err(RpcError::BatchTooLarge { len: 3, limit: 2 })));
        let deep = "[".repeat(100_000);
        assert!(matches!(parse(deep.as_bytes(), 32), Err(RpcError::Parse(_))));
    }

    #[test]
    fn responses_and_pushes_serialize_per_spec() {
        assert_eq!(to_json(&Response::result(json!(1), Value::Null)), r#"{"jsonrpc":"2.0","id":1,"result":null}"#);
        let err = RpcError::EmptyBatch.to_object(None);
        assert_eq!(
            to_json(&Response::error(Value::Null, err)),
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: empty batch"}}"#
        );
        assert_eq!(
            to_json(&Push::new("1", Outcome::Result(json!({"height": 2})))),
            r#"{"jsonrpc":"2.0","method":"subscription","params":{"subscription":"1","result":{"height":2}}}"#
        );
    }
}
