//! Integration tests of the JSON-RPC transport: the envelope and batches over
//! HTTP (driving `app()` without a socket), the limits, WebSocket calls and
//! subscriptions over a real loopback socket, and `serve` with graceful
//! shutdown.
//!
//! `TestApi` below is a test double for the transport only: an in-memory
//! echo and counter with failures on demand. It models nothing of the node.

mod http;
mod limits;
mod serve;
mod tester;
mod ws;

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::broadcast;
use v8vm_node::{Api, ApiError, Notification};

/// The transport's test double (see the crate docs above).
pub(crate) struct TestApi {
    /// Calls to `count` so far.
    count: AtomicU64,
    /// What the test broadcasts to subscribers.
    pub(crate) notifications: broadcast::Sender<Notification>,
}

impl TestApi {
    /// A test API whose notification channel holds `capacity` messages.
    pub(crate) fn new(capacity: usize) -> TestApi {
        TestApi { count: AtomicU64::new(0), notifications: broadcast::channel(capacity).0 }
    }
}

impl Api for TestApi {
    fn handle(&self, _client: Option<IpAddr>, method: &str, params: Value) -> Result<Value, ApiError> {
        match method {
            // The params as received (null when absent).
            "echo" => Ok(params),
            // Counts its calls; returns the new count.
            "count" => Ok(json!(self.count.fetch_add(1, Ordering::SeqCst) + 1)),
            "get_count" => Ok(json!(self.count.load(Ordering::SeqCst))),
            "add" => match (params.get(0).and_then(Value::as_i64), params.get(1).and_then(Value::as_i64)) {
                (Some(a), Some(b)) => Ok(json!(a + b)),
                _ => Err(ApiError::invalid_params("add takes two integers")),
            },
            "fail" => Err(ApiError::new(-32010, "failed on purpose").with_data(json!({"why": "test"}))),
            "internal" => Err(ApiError::internal("secret detail").with_data(json!("secret data"))),
            "panic" => panic!("boom"),
            // Blocks its thread for params[0] milliseconds.
            "sleep" => {
                std::thread::sleep(Duration::from_millis(params.get(0).and_then(Value::as_u64).unwrap_or(0)));
                Ok(json!(true))
            }
            _ => Err(ApiError::method_not_found(method)),
        }
    }

    /// `sleep` stands for the calls that run contracts.
    fn runs_contracts(&self, method: &str) -> bool {
        method == "sleep"
    }

    fn notifications(&self) -> broadcast::Receiver<Notification> {
        self.notifications.subscribe()
    }
}
