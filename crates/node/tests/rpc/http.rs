//! The JSON-RPC envelope over HTTP, through `app()` without a socket.

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;
use v8vm_node::Limits;

use crate::tester::{app, code, note, post, req, rpc};

#[tokio::test]
async fn single_call() {
    let (app, _) = app(Limits::default());
    let response = rpc(&app, req(1, "echo", json!({"a": [1, 2]}))).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": 1, "result": {"a": [1, 2]}}));
    // String ids and null ids come back as sent; absent params are null.
    let response = rpc(&app, json!({"jsonrpc": "2.0", "id": "x-1", "method": "echo"})).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": "x-1", "result": null}));
    let response = rpc(&app, json!({"jsonrpc": "2.0", "id": null, "method": "add", "params": [2, 3]})).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": null, "result": 5}));
}

#[tokio::test]
async fn batch_with_mixed_results_and_notifications() {
    let (app, _) = app(Limits::default());
    let batch = json!([
        req(1, "echo", json!(["a"])),
        note("count", json!([])),
        req(2, "add", json!(["x"])),
        req(3, "nope", json!({})),
        {"jsonrpc": "2.0", "id": 4, "method": 7},
        note("count", json!([])),
        req("five", "fail", json!([])),
        1,
    ]);
    let response = rpc(&app, batch).await;
    let responses = response.as_array().expect("an array");
    // Input order, notifications left out.
    let ids: Vec<&Value> = responses.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids, [&json!(1), &json!(2), &json!(3), &json!(4), &json!("five"), &Value::Null]);
    assert_eq!(responses[0]["result"], json!(["a"]));
    assert_eq!(code(&responses[1]), -32602);
    assert_eq!(code(&responses[2]), -32601);
    assert_eq!(code(&responses[3]), -32600);
    assert_eq!(responses[4]["error"], json!({"code": -32010, "message": "failed on purpose", "data": {"why": "test"}}));
    assert_eq!(code(&responses[5]), -32600);
    // Both notifications ran.
    assert_eq!(rpc(&app, req(6, "get_count", json!([]))).await["result"], 2);
}

#[tokio::test]
async fn notifications_only_get_no_content() {
    let (app, _) = app(Limits::default());
    let (status, body) = post(&app, json!([note("count", json!([])), note("count", json!([]))]).to_string()).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, None));
    let (status, body) = post(&app, note("count", json!([])).to_string()).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, None));
    // A failing notification is not answered either.
    let (status, body) = post(&app, note("nope", json!([])).to_string()).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, None));
    assert_eq!(rpc(&app, req(1, "get_count", json!([]))).await["result"], 3);
}

#[tokio::test]
async fn parse_error() {
    let (app, _) = app(Limits::default());
    for body in ["{", "", "[1,", "{\"jsonrpc\": \"2.0\", \"method\": \"echo\", \"id\": 1", "\u{feff}x"] {
        let (status, response) = post(&app, body).await;
        let response = response.unwrap();
        assert_eq!(status, StatusCode::OK);
        assert_eq!(response["id"], Value::Null, "{body}");
        assert_eq!(code(&response), -32700, "{body}");
        assert!(response["error"]["message"].as_str().unwrap().starts_with("parse error"));
    }
    // Not UTF-8.
    let (_, response) = post(&app, vec![0xff, 0xfe, b'{']).await;
    assert_eq!(code(&response.unwrap()), -32700);
}

#[tokio::test]
async fn invalid_requests() {
    let (app, _) = app(Limits::default());
    let cases = [
        (json!(1), Value::Null),
        (json!("echo"), Value::Null),
        (json!(null), Value::Null),
        (json!({"id": 1, "method": "echo"}), json!(1)),
        (json!({"jsonrpc": "1.0", "id": 2, "method": "echo"}), json!(2)),
        (json!({"jsonrpc": 2.0, "id": 3, "method": "echo"}), json!(3)),
        (json!({"jsonrpc": "2.0", "id": 4}), json!(4)),
        (json!({"jsonrpc": "2.0", "id": 5, "method": ["echo"]}), json!(5)),
        (json!({"jsonrpc": "2.0", "id": 6, "method": "echo", "params": "x"}), json!(6)),
        (json!({"jsonrpc": "2.0", "id": 7, "method": "echo", "params": 7}), json!(7)),
        (json!({"jsonrpc": "2.0", "id": [8], "method": "echo"}), Value::Null),
        (json!({"jsonrpc": "2.0", "id": true, "method": "echo"}), Value::Null),
        // Without an id, an invalid request is still answered.
        (json!({"jsonrpc": "2.0", "method": 1}), Value::Null),
    ];
    for (request, id) in cases {
        let response = rpc(&app, request.clone()).await;
        assert_eq!(code(&response), -32600, "{request}");
        assert_eq!(response["id"], id, "{request}");
        assert_eq!(response["jsonrpc"], "2.0");
        assert!(response.get("result").is_none());
    }
    // A batch of non-requests: one error each.
    let response = rpc(&app, json!([1, 2, 3])).await;
    let codes: Vec<i64> = response.as_array().unwrap().iter().map(code).collect();
    assert_eq!(codes, [-32600, -32600, -32600]);
}

#[tokio::test]
async fn unknown_methods_and_case() {
    let (app, _) = app(Limits::default());
    let response = rpc(&app, req(1, "nope", json!([]))).await;
    assert_eq!(response["error"], json!({"code": -32601, "message": "method not found: nope"}));
    // Method names are case-sensitive.
    assert_eq!(code(&rpc(&app, req(2, "Echo", json!([]))).await), -32601);
    // Subscriptions need a WebSocket.
    let response = rpc(&app, req(3, "subscribe", json!({"topic": "blocks"}))).await;
    assert_eq!(code(&response), -32601);
    assert!(response["error"]["message"].as_str().unwrap().contains("WebSocket"), "{response}");
    assert_eq!(code(&rpc(&app, req(4, "unsubscribe", json!({"subscription": "1"}))).await), -32601);
}

#[tokio::test]
async fn internal_errors_are_generic() {
    let (app, _) = app(Limits::default());
    let response = rpc(&app, req(1, "internal", json!([]))).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32603, "message": "internal error"}}));
}

#[tokio::test]
async fn health_and_other_routes() {
    let (app, _) = app(Limits::default());
    let response = app.clone().oneshot(Request::get("/health").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(to_bytes(response.into_body(), 100).await.unwrap(), "ok");
    let response = app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let response = app.clone().oneshot(Request::post("/nope").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
