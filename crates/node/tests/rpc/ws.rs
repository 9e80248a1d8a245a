//! WebSocket calls and subscriptions, through `serve` on a loopback socket.

use std::collections::HashMap;

use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use v8vm_node::Notification;

use crate::tester::{code, note, req, Server, WsClient};

fn event(contract: &str, n: u64) -> Notification {
    Notification::Event { contract: contract.into(), event: json!({"n": n}) }
}

#[tokio::test]
async fn calls_over_websocket() {
    let server = Server::start(16).await;
    let mut ws = WsClient::connect(server.addr).await;
    assert_eq!(ws.call(req(1, "echo", json!({"x": 1}))).await, json!({"jsonrpc": "2.0", "id": 1, "result": {"x": 1}}));
    assert_eq!(code(&ws.call(req(2, "nope", json!([]))).await), -32601);
    assert_eq!(code(&ws.call(req(3, "panic", json!([]))).await), -32603);
    // A batch, with a notification left out of the answer.
    let batch =
        ws.call(json!([req(4, "add", json!([1, 2])), note("count", json!([])), req(5, "get_count", json!([]))])).await;
    assert_eq!(batch.as_array().unwrap().len(), 2);
    assert_eq!(batch[0]["result"], 3);
    // A frame of notifications only gets no answer: the next one is the
    // answer to the next call.
    ws.send(note("count", json!([])).to_string()).await;
    assert_eq!(ws.call(req(6, "echo", json!(["after"]))).await["id"], 6);
    // Bad frames.
    ws.send("{").await;
    let response = ws.response().await;
    assert_eq!((code(&response), &response["id"]), (-32700, &Value::Null));
    assert_eq!(code(&ws.call(json!([])).await), -32600);
    assert_eq!(code(&ws.call(json!({"jsonrpc": "2.0", "id": 7})).await), -32600);
    assert_eq!(ws.call(req(8, "get_count", json!([]))).await["result"], 2);
    ws.close().await;
    server.stop().await;
}

#[tokio::test]
async fn subscribe_to_blocks_and_events() {
    let server = Server::start(16).await;
    let mut ws = WsClient::connect(server.addr).await;
    let blocks = ws.subscribe(json!({"topic": "blocks"})).await;
    let all_events = ws.subscribe(json!({"topic": "events"})).await;
    let token_events = ws.subscribe(json!({"topic": "events", "contract": "token"})).await;
    let ids = [&blocks, &all_events, &token_events];
    assert!(ids.iter().all(|a| ids.iter().filter(|b| a == *b).count() == 1), "distinct ids: {ids:?}");

    let tx = &server.api.notifications;
    tx.send(event("other", 1)).unwrap();
    tx.send(event("token", 2)).unwrap();
    tx.send(Notification::Block(json!({"height": 7}))).unwrap();

    let mut heard: HashMap<String, Vec<Value>> = HashMap::new();
    for _ in 0..4 {
        let push = ws.push().await;
        heard.entry(push["subscription"].as_str().unwrap().to_owned()).or_default().push(push["result"].clone());
    }
    assert_eq!(heard[&blocks], [json!({"height": 7})]);
    assert_eq!(
        heard[&all_events],
        [json!({"contract": "other", "event": {"n": 1}}), json!({"contract": "token", "event": {"n": 2}})]
    );
    assert_eq!(heard[&token_events], [json!({"contract": "token", "event": {"n": 2}})]);
    ws.assert_quiet().await;

    // Unsubscribing stops a subscription, and only that one.
    let response = ws.call(req(1, "unsubscribe", json!({"subscription": token_events}))).await;
    assert_eq!(response, json!({"jsonrpc": "2.0", "id": 1, "result": true}));
    assert_eq!(ws.call(req(2, "unsubscribe", json!({"subscription": token_events}))).await["result"], false);
    assert_eq!(ws.call(req(3, "unsubscribe", json!({"subscription": "nope"}))).await["result"], false);
    assert_eq!(code(&ws.call(req(4, "unsubscribe", json!(["1"]))).await), -32602);
    tx.send(event("token", 3)).unwrap();
    let push = ws.push().await;
    assert_eq!(push, json!({"subscription": all_events, "result": {"contract": "token", "event": {"n": 3}}}));
    ws.assert_quiet().await;

    ws.close().await;
    server.stop().await;
}

#[tokio::test]
async fn subscribe_params_and_limit() {
    let server = Server::start(16).await;
    let mut ws = WsClient::connect(server.addr).await;
    for bad in [json!(null), json!({"topic": "txs"}), json!({"topic": "blocks", "contract": "x"}), json!(["blocks"])] {
        assert_eq!(code(&ws.call(req(1, "subscribe", bad.clone())).await), -32602, "{bad}");
    }
    let mut ids = Vec::new();
    for _ in 0..16 {
        ids.push(ws.subscribe(json!({"topic": "blocks"})).await);
    }
    let response = ws.call(req(2, "subscribe", json!({"topic": "blocks"}))).await;
    assert_eq!(code(&response), -32097);
    assert_eq!(ws.call(req(3, "unsubscribe", json!({"subscription": ids[0]}))).await["result"], true);
    ws.subscribe(json!({"topic": "events"})).await;
    // Subscriptions are per connection: another one starts from zero.
    let mut other = WsClient::connect(server.addr).await;
    other.subscribe(json!({"topic": "blocks"})).await;
    other.close().await;
    ws.close().await;
    server.stop().await;
}

/// Current-thread runtime: the test's sends all happen before the server's
/// tasks run, so the subscriber falls behind by a known count.
#[tokio::test(flavor = "current_thread")]
async fn a_lagging_subscriber_is_told() {
    let server = Server::start(4).await;
    let mut ws = WsClient::connect(server.addr).await;
    let id = ws.subscribe(json!({"topic": "blocks"})).await;
    for height in 0..10 {
        server.api.notifications.send(Notification::Block(json!(height))).unwrap();
    }
    assert_eq!(
        ws.push().await,
        json!({"subscription": id, "error": {"code": -32000, "message": "lagged: 6 notifications dropped"}})
    );
    for height in 6..10 {
        assert_eq!(ws.push().await, json!({"subscription": id, "result": height}));
    }
    // Still subscribed, back in step.
    server.api.notifications.send(Notification::Block(json!(10))).unwrap();
    assert_eq!(ws.push().await["result"], 10);
    ws.close().await;
    server.stop().await;
}

#[tokio::test]
async fn oversized_and_binary_frames() {
    let server = Server::start(16).await;
    let mut ws = WsClient::connect(server.addr).await;
    ws.send_binary(b"{}".to_vec()).await;
    assert_eq!(code(&ws.response().await), -32600);
    // Over 1 MiB: the server sends a close frame saying why and hangs up
    // without reading the rest, so the client may see a reset instead.
    let big = format!(r#"{{"jsonrpc":"2.0","id":1,"method":"echo","params":["{}"]}}"#, "x".repeat(1 << 20));
    ws.send(big).await;
    if let Some(frame) = ws.ended().await {
        assert_eq!(frame.code, CloseCode::Protocol);
        assert!(frame.reason.contains("too long"), "{frame:?}");
    }
    // The server goes on.
    let mut ws = WsClient::connect(server.addr).await;
    assert_eq!(ws.call(req(1, "echo", json!([1]))).await["result"], json!([1]));
    ws.close().await;
    server.stop().await;
}

#[tokio::test]
async fn shutdown_closes_connections_cleanly() {
    let server = Server::start(16).await;
    let mut ws = WsClient::connect(server.addr).await;
    ws.subscribe(json!({"topic": "blocks"})).await;
    let mut idle = WsClient::connect(server.addr).await;
    assert_eq!(idle.call(req(1, "echo", json!([]))).await["result"], json!([]));
    let tx = server.api.notifications.clone();
    let stopping = tokio::spawn(server.stop());
    for client in [&mut ws, &mut idle] {
        let frame = client.closed_by_server().await.expect("a close frame");
        assert_eq!(frame.code, CloseCode::Away);
        assert_eq!(frame.reason.as_str(), "server shutting down");
    }
    stopping.await.unwrap();
    // The subscription is gone with its connection.
    assert_eq!(tx.receiver_count(), 0);
}
