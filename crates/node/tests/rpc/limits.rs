//! Bounds: body size, batch length, time, workers; and panics in `handle`.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{json, Value};
use v8vm_node::Limits;

use crate::tester::{app, code, post, req, rpc};

const MIB: usize = 1 << 20;

/// A request for `echo` padded with spaces to exactly `len` bytes.
fn padded(len: usize) -> String {
    let mut body = req(1, "echo", json!([])).to_string();
    body.push_str(&" ".repeat(len - body.len()));
    body
}

#[tokio::test]
async fn body_size_limit() {
    let (app, _) = app(Limits::default());
    let (status, body) = post(&app, padded(MIB)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.unwrap()["result"], json!([]));

    let (status, body) = post(&app, padded(MIB + 1)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let body = body.expect("a JSON-RPC error body");
    assert_eq!(body["id"], Value::Null);
    assert_eq!(code(&body), -32600);
    assert!(body["error"]["message"].as_str().unwrap().contains("1048576 bytes"), "{body}");
}

#[tokio::test]
async fn batch_length_limits() {
    let (app, _) = app(Limits::default());
    let response = rpc(&app, json!([])).await;
    assert!(response.is_object(), "a single error, not an array: {response}");
    assert_eq!(code(&response), -32600);
    assert_eq!(response["error"]["message"], "invalid request: empty batch");

    let batch: Vec<Value> = (0..32).map(|i| req(i, "echo", json!([i]))).collect();
    let response = rpc(&app, json!(batch)).await;
    assert_eq!(response.as_array().unwrap().len(), 32);

    let batch: Vec<Value> = (0..33).map(|i| req(i, "echo", json!([i]))).collect();
    let response = rpc(&app, json!(batch)).await;
    assert_eq!(code(&response), -32600);
    assert_eq!(response["id"], Value::Null);
    assert!(response["error"]["message"].as_str().unwrap().contains("33"), "{response}");
}

#[tokio::test]
async fn a_panic_is_an_internal_error_and_the_server_goes_on() {
    let (app, _) = app(Limits::default());
    let response = rpc(&app, req(1, "panic", json!([]))).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32603, "message": "internal error"}}));
    assert_eq!(rpc(&app, req(2, "echo", json!([2]))).await["result"], json!([2]));
    // In a batch, the other calls are answered.
    let response = rpc(&app, json!([req(3, "panic", json!([])), req(4, "add", json!([1, 2]))])).await;
    assert_eq!(code(&response[0]), -32603);
    assert_eq!(response[1]["result"], 3);
    // And so is a panic on every worker at once.
    let limits = Limits { max_concurrent_calls: 2, ..Limits::default() };
    let (small, _) = crate::tester::app(limits);
    let batch: Vec<Value> = (0..8).map(|i| req(i, "panic", json!([]))).collect();
    assert!(rpc(&small, json!(batch)).await.as_array().unwrap().iter().all(|r| code(r) == -32603));
    assert_eq!(rpc(&small, req(9, "count", json!([]))).await["result"], 1);
}

#[tokio::test]
async fn a_slow_method_times_out() {
    let limits = Limits { request_timeout: Duration::from_millis(100), ..Limits::default() };
    let (app, _) = app(limits);
    let response = rpc(&app, req(1, "sleep", json!([800]))).await;
    assert_eq!(code(&response), -32099);
    assert_eq!(response["id"], 1);
    // The server still answers.
    assert_eq!(rpc(&app, req(2, "add", json!([1, 1]))).await["result"], 2);
}

#[tokio::test]
async fn busy_workers_bound_the_wait() {
    let limits = Limits { request_timeout: Duration::from_millis(200), max_concurrent_calls: 1, ..Limits::default() };
    let (app, _) = app(limits);
    // The first call takes the only worker past the deadline; the second
    // never gets one; a read has workers of its own.
    let response =
        rpc(&app, json!([req(1, "sleep", json!([800])), req(2, "sleep", json!([0])), req(3, "echo", json!([]))])).await;
    assert_eq!(code(&response[0]), -32099);
    assert_eq!(code(&response[1]), -32098);
    assert_eq!(response[2]["result"], json!([]));
}
