//! Bytes as the body of `POST /` to a real node's JSON-RPC router: a dev
//! chain over a memory database, its producer running, behind `NodeApi`, so
//! every method's parameter parsing runs (`sendTx` and `estimateGas` with
//! raw hex, `call` into the VM, ...). The router is driven without a socket.
//!
//! Whatever the body, the answer is JSON-RPC: 200 with a response (or a
//! batch of them), 204 with nothing for notifications only, 413 with an
//! error for an oversized body. A method that panics is a bug even though
//! the server would turn it into an "internal error": libFuzzer's panic
//! hook aborts, so it is reported as a crash.

#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tower::ServiceExt;
use v8vm_chain::{Chain, Genesis, DEV_GENESIS_TIME};
use v8vm_node::{Node, NodeApi, NodeConfig, Role};
use v8vm_runtime::{PoolConfig, VmConfig};
use v8vm_state::{MemoryBackend, StateDb, StateOptions};

/// The server's batch limit (`Limits::default`).
const MAX_BATCH: usize = 32;
/// The server's body limit (`Limits::default`).
const MAX_BODY_BYTES: usize = 1 << 20;

struct Server {
    runtime: tokio::runtime::Runtime,
    app: Router,
}

/// One node for the whole run: starting a chain (V8 snapshot, genesis)
/// takes far longer than a request.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).expect("a memory database"));
        let pool = PoolConfig { min_workers: 1, max_workers: 1, ..PoolConfig::default() };
        let chain =
            Chain::open(db, Genesis::dev(DEV_GENESIS_TIME), VmConfig { pool, ..VmConfig::default() }).expect("a chain");
        let role = Role::Producer {
            key: Box::new(Genesis::dev_key("admin")),
            on_demand: true,
            interval: Duration::from_secs(1),
        };
        let node = Node::start(chain, NodeConfig { role, max_block_txs: 1000, mempool_limit: 10_000 });
        let app = v8vm_node::app(Arc::new(NodeApi::new(node)));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
        Server { runtime, app }
    })
}

fuzz_target!(|data: &[u8]| {
    let server = server();
    let request = Request::post("/").body(Body::from(data.to_vec())).expect("a request");
    let (status, content_type, body) = server.runtime.block_on(async {
        let response = server.app.clone().oneshot(request).await.expect("the router is infallible");
        let status = response.status();
        let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
        let body = to_bytes(response.into_body(), usize::MAX).await.expect("the body reads");
        (status, content_type, body)
    });

    if status == StatusCode::NO_CONTENT {
        assert!(body.is_empty(), "204 with a body");
        return;
    }
    assert!(status == StatusCode::OK || status == StatusCode::PAYLOAD_TOO_LARGE, "status {status}");
    assert_eq!(content_type.as_ref().and_then(|v| v.to_str().ok()), Some("application/json"));
    let answer: Value = serde_json::from_slice(&body).expect("the answer is JSON");
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        assert!(data.len() > MAX_BODY_BYTES, "413 for {} bytes", data.len());
        return assert_error(&answer, -32600);
    }

    // What the body was decides the answer's shape.
    match serde_json::from_slice::<Value>(data) {
        Err(_) => assert_error(&answer, -32700),
        Ok(Value::Array(items)) if items.is_empty() || items.len() > MAX_BATCH => assert_error(&answer, -32600),
        Ok(Value::Array(items)) => {
            let responses = answer.as_array().expect("a batch is answered with an array");
            assert!(
                !responses.is_empty() && responses.len() <= items.len(),
                "{} answers to {}",
                responses.len(),
                items.len()
            );
            responses.iter().for_each(assert_response);
        }
        Ok(request) => {
            assert_response(&answer);
            // A request with a valid id is answered with it, even when invalid.
            if let Some(id @ (Value::Null | Value::String(_) | Value::Number(_))) = request.get("id") {
                assert!(same_id(&answer["id"], id), "{answer} for id {id}");
            }
        }
    }
});

/// Whether the id in an answer is the one sent. A number that is not an
/// exact integer comes back in its shortest form (`118446744073709551616`
/// as `1.1844674407370955e20`), which reads back one ulp off here:
/// serde_json's default float parsing (without `float_roundtrip`) is not
/// always correctly rounded. A correct reader gets the number sent.
fn same_id(answer: &Value, sent: &Value) -> bool {
    match (answer.as_f64(), sent.as_f64()) {
        (Some(a), Some(s)) if answer.is_f64() || sent.is_f64() => (a - s).abs() <= s.abs() * 4.0 * f64::EPSILON,
        _ => answer == sent,
    }
}

/// A single error response with `code`, id null.
fn assert_error(answer: &Value, code: i64) {
    assert_response(answer);
    assert_eq!(answer["id"], Value::Null);
    assert_eq!(answer["error"]["code"].as_i64(), Some(code), "{answer}");
}

/// A JSON-RPC 2.0 response object: `jsonrpc`, `id`, exactly one of
/// `result` and `error`, and nothing else.
fn assert_response(answer: &Value) {
    let object = answer.as_object().unwrap_or_else(|| panic!("not a response object: {answer}"));
    assert_eq!(object.get("jsonrpc"), Some(&Value::from("2.0")), "{answer}");
    assert!(matches!(object.get("id"), Some(Value::Null | Value::String(_) | Value::Number(_))), "{answer}");
    assert!(object.keys().all(|k| ["jsonrpc", "id", "result", "error"].contains(&k.as_str())), "{answer}");
    match (object.get("result"), object.get("error")) {
        (Some(_), None) => {}
        (None, Some(error)) => {
            assert!(error["code"].is_i64(), "{answer}");
            assert!(error["message"].is_string(), "{answer}");
        }
        _ => panic!("not exactly one of result and error: {answer}"),
    }
}
