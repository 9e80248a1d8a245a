//! The one place errors become JSON-RPC error objects.
//!
//! [`ApiError`] is what the node's methods fail with; [`RpcError`] is every
//! failure the transport itself can report, and [`RpcError::to_object`] turns
//! either into the `error` member of a response. Internal errors go out as a
//! generic "internal error"; their detail is logged here, never sent.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

/// A method's failure: a JSON-RPC error code, a message, optional data.
///
/// The node returns it from [`Api::handle`](crate::Api::handle); the server
/// sends it to the client as the response's `error` object, except for
/// [`ApiError::INTERNAL_ERROR`], whose message is logged and replaced by a
/// generic "internal error" (and whose data is dropped).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message} (JSON-RPC error {code})")]
pub struct ApiError {
    /// The JSON-RPC error code (see the constants on this type).
    pub code: i64,
    /// A short description, sent to the client.
    pub message: String,
    /// Structured detail for the client, if any.
    pub data: Option<Value>,
}

impl ApiError {
    /// Invalid JSON was received.
    pub const PARSE_ERROR: i64 = -32700;
    /// The JSON sent is not a valid request object (or batch).
    pub const INVALID_REQUEST: i64 = -32600;
    /// The method does not exist (or is not available here).
    pub const METHOD_NOT_FOUND: i64 = -32601;
    /// Invalid method parameters.
    pub const INVALID_PARAMS: i64 = -32602;
    /// The server failed; the detail is in its log, not in the response.
    pub const INTERNAL_ERROR: i64 = -32603;
    /// Sent in a subscription notification (never in a response): the
    /// subscriber fell behind and notifications were dropped.
    pub const LAGGED: i64 = -32000;
    /// A WebSocket connection already has the most subscriptions allowed.
    pub const TOO_MANY_SUBSCRIPTIONS: i64 = -32097;
    /// Every worker stayed busy until the request's time limit.
    pub const SERVER_BUSY: i64 = -32098;
    /// The method did not finish within the request's time limit.
    pub const TIMED_OUT: i64 = -32099;

    /// An error with the given code and message, and no data.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        ApiError { code, message: message.into(), data: None }
    }

    /// Invalid method parameters (-32602), saying what is wrong.
    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(Self::INVALID_PARAMS, message)
    }

    /// The method does not exist (-32601).
    pub fn method_not_found(method: &str) -> Self {
        Self::new(Self::METHOD_NOT_FOUND, format!("method not found: {method}"))
    }

    /// The node failed (-32603). The server logs `detail` and sends the
    /// client a generic "internal error".
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(Self::INTERNAL_ERROR, detail)
    }

    /// The same error, carrying `data` for the client.
    #[must_use]
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }
}

/// Everything that can go wrong between the socket and [`Api::handle`](crate::Api::handle).
#[derive(Debug, thiserror::Error)]
pub(crate) enum RpcError {
    /// The body or frame is not JSON.
    #[error("parse error: {0}")]
    Parse(String),
    /// The JSON is not a valid request.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The HTTP body is over the limit.
    #[error("invalid request: the body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A batch with no request in it.
    #[error("invalid request: empty batch")]
    EmptyBatch,
    /// A batch with too many requests.
    #[error("invalid request: a batch of {len} requests exceeds the limit of {limit}")]
    BatchTooLarge {
        /// How many requests the batch had.
        len: usize,
        /// The most allowed.
        limit: usize,
    },
    /// `subscribe`/`unsubscribe` over HTTP.
    #[error("method {0} is only available over WebSocket (GET /ws)")]
    WebSocketOnly(String),
    /// The connection has the most subscriptions allowed.
    #[error("too many subscriptions: at most {0} per connection")]
    TooManySubscriptions(usize),
    /// The client has the most requests and connections open it may.
    #[error("too many requests: at most {0} open at once from one client")]
    TooManyFromClient(usize),
    /// No worker became free before the deadline.
    #[error("server busy: no worker was free within {0:?}")]
    Busy(Duration),
    /// The method ran past the deadline.
    #[error("timed out: the request took longer than {0:?}")]
    TimedOut(Duration),
    /// `Api::handle` panicked (the payload's text) or its task was cancelled.
    #[error("the method's worker failed: {0}")]
    WorkerFailed(String),
    /// A subscriber fell behind by this many notifications.
    #[error("lagged: {0} notifications dropped")]
    Lagged(u64),
    /// The node's own error.
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// The `error` member of a JSON-RPC response or subscription notification.
#[derive(Debug, Serialize)]
pub(crate) struct ErrorObject {
    code: i64,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Value>,
}

impl ErrorObject {
    /// The error's code.
    pub(crate) fn code(&self) -> i64 {
        self.code
    }
}

impl RpcError {
    /// The JSON-RPC error object sent for this error. `method` (when there is
    /// one) names the call in the log line written for internal errors.
    pub(crate) fn to_object(&self, method: Option<&str>) -> ErrorObject {
        let method = method.unwrap_or("-");
        let (code, data) = match self {
            RpcError::Parse(_) => (ApiError::PARSE_ERROR, None),
            RpcError::InvalidRequest(_)
            | RpcError::BodyTooLarge { .. }
            | RpcError::EmptyBatch
            | RpcError::BatchTooLarge { .. } => (ApiError::INVALID_REQUEST, None),
            RpcError::WebSocketOnly(_) => (ApiError::METHOD_NOT_FOUND, None),
            RpcError::TooManySubscriptions(_) => (ApiError::TOO_MANY_SUBSCRIPTIONS, None),
            RpcError::Busy(_) | RpcError::TooManyFromClient(_) => (ApiError::SERVER_BUSY, None),
            RpcError::TimedOut(_) => (ApiError::TIMED_OUT, None),
            RpcError::Lagged(_) => (ApiError::LAGGED, None),
            RpcError::WorkerFailed(detail) => {
                tracing::error!(method, detail = %detail, "rpc method failed");
                return internal();
            }
            RpcError::Api(e) if e.code == ApiError::INTERNAL_ERROR => {
                tracing::error!(method, detail = %e.message, data = ?e.data, "rpc method failed");
                return internal();
            }
            RpcError::Api(e) => {
                return ErrorObject { code: e.code, message: e.message.clone(), data: e.data.clone() };
            }
        };
        ErrorObject { code, message: self.to_string(), data }
    }
}

/// What the client sees of an internal error.
fn internal() -> ErrorObject {
    ErrorObject { code: ApiError::INTERNAL_ERROR, message: "internal error".into(), data: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn node_errors_go_out_as_given() {
        let e = RpcError::Api(ApiError::new(-32010, "unknown account").with_data(json!({"name": "bob"})));
        let o = serde_json::to_value(e.to_object(Some("get_account"))).unwrap();
        assert_eq!(o, json!({"code": -32010, "message": "unknown account", "data": {"name": "bob"}}));
    }

    #[test]
    fn internal_details_stay_in_the_log() {
        let e = RpcError::Api(ApiError::internal("disk on fire").with_data(json!("secret")));
        let o = serde_json::to_value(e.to_object(None)).unwrap();
        assert_eq!(o, json!({"code": -32603, "message": "internal error"}));
        let o = serde_json::to_value(RpcError::WorkerFailed("panic: boom".into()).to_object(None)).unwrap();
        assert_eq!(o, json!({"code": -32603, "message": "internal error"}));
    }

    #[test]
    fn transport_errors_have_their_codes() {
        let cases = [
            (RpcError::Parse("x".into()), -32700),
            (RpcError::EmptyBatch, -32600),
            (RpcError::BodyTooLarge { limit: 10 }, -32600),
            (RpcError::WebSocketOnly("subscribe".into()), -32601),
            (RpcError::Lagged(3), -32000),
            (RpcError::TimedOut(Duration::from_secs(1)), -32099),
        ];
        for (e, code) in cases {
            assert_eq!(e.to_object(None).code(), code, "{e}");
        }
        assert_eq!(RpcError::Lagged(3).to_object(None).message, "lagged: 3 notifications dropped");
    }
}
