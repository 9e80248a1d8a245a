//! `serve` over a real loopback socket, with an HTTP client.

use axum::body::Bytes;
use axum::http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

use crate::tester::{code, req, Server};

#[tokio::test]
async fn http_over_loopback() {
    let server = Server::start(16).await;
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let post = |body: Value| {
        let request = Request::post(format!("http://{}/", server.addr))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body.to_string())))
            .unwrap();
        let client = client.clone();
        async move {
            let response = client.request(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()["content-type"], "application/json");
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            serde_json::from_slice::<Value>(&bytes).unwrap()
        }
    };
    assert_eq!(post(req(1, "add", json!([2, 40]))).await, json!({"jsonrpc": "2.0", "id": 1, "result": 42}));
    assert_eq!(code(&post(req(2, "panic", json!([]))).await), -32603);
    assert_eq!(post(req(3, "count", json!([]))).await["result"], 1);
    let batch = post(json!([req(4, "count", json!([])), req(5, "echo", json!(["b"]))])).await;
    assert_eq!(batch.as_array().unwrap().len(), 2);

    let health = Request::get(format!("http://{}/health", server.addr)).body(Full::default()).unwrap();
    let response = client.request(health).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.into_body().collect().await.unwrap().to_bytes(), "ok");

    // Shutdown with an idle keep-alive connection in the client's pool.
    server.stop().await;
}

#[tokio::test]
async fn a_body_that_never_arrives_times_out() {
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use v8vm_node::Limits;

    let limits = Limits { request_timeout: Duration::from_millis(200), ..Limits::default() };
    let app = v8vm_node::app_with_limits(Arc::new(crate::TestApi::new(4)), limits);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head =
        format!("POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = String::new();
    let read = tokio::time::timeout(crate::tester::WAIT, async {
        let mut buf = [0; 4096];
        loop {
            let n = stream.read(&mut buf).await.unwrap();
            answer.push_str(std::str::from_utf8(&buf[..n]).unwrap());
            if n == 0 || answer.contains("}}") {
                break;
            }
        }
    });
    read.await.expect("an answer in time");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""code":-32099"#), "{answer}");
    server.abort();
}

#[tokio::test]
async fn one_client_may_hold_only_its_share_of_requests() {
    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use v8vm_node::Limits;

    let limits = Limits { max_per_client: 2, request_timeout: Duration::from_secs(20), ..Limits::default() };
    let app = v8vm_node::app_with_limits(Arc::new(crate::TestApi::new(4)), limits);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });

    // Two requests whose bodies never arrive hold this client's two slots.
    let head =
        format!("POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{");
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        slow.push(stream);
    }
    let ask = || async {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}"#;
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        tokio::time::timeout(crate::tester::WAIT, stream.read_to_string(&mut answer)).await.unwrap().unwrap();
        answer
    };
    // Asks until the answer has `status` (the server takes a slow request's
    // slot once it has read its head), at most 100 times.
    let until = |status: &'static str| async move {
        let mut answer = ask().await;
        for _ in 0..100 {
            if answer.starts_with(status) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            answer = ask().await;
        }
        answer
    };
    let answer = until("HTTP/1.1 429").await;
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");
    assert!(answer.contains("at most 2 open at once from one client"), "{answer}");
    // One slot free again: answered.
    slow.pop();
    let answer = until("HTTP/1.1 200").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    server.abort();
}

/// A client holding connections open without finishing a request
/// (slowloris) ties up only its own share: past
/// `Limits::max_connections_per_client` (64) its connections are closed as
/// soon as they are accepted, and one freed makes room for the next.
#[tokio::test]
async fn a_client_has_at_most_its_share_of_connections() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let server = Server::start(16).await;
    let limit = v8vm_node::Limits::default().max_connections_per_client;
    let mut held = Vec::new();
    for _ in 0..limit {
        let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        stream.write_all(b"POST / HTTP/1.1\r\nHost: node\r\nX-Slow: ").await.unwrap();
        held.push(stream);
    }
    let mut answer = Vec::new();
    let closed = |stream: tokio::net::TcpStream| async move {
        let mut stream = stream;
        let mut buf = Vec::new();
        tokio::time::timeout(std::time::Duration::from_secs(10), stream.read_to_end(&mut buf)).await.map(|r| (r, buf))
    };
    let over = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let (read, bytes) = closed(over).await.expect("the connection over the limit is closed at once");
    assert!(read.is_ok_and(|n| n == 0) && bytes.is_empty(), "closed without an answer");
    // One freed: the next is served.
    drop(held.pop());
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut next = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    next.write_all(b"GET /health HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n").await.unwrap();
    next.read_to_end(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer).ends_with("ok"), "{}", String::from_utf8_lossy(&answer));
    drop(held);
    server.stop().await;
}

/// A client's calls, all its batches' together, hold at most
/// `max_calls_per_client` of the server's workers: another client's call
/// finds one free at once.
#[tokio::test]
async fn a_batch_cannot_hold_the_servers_workers() {
    use std::time::{Duration, Instant};

    use v8vm_node::Limits;

    let (addr, server) =
        serve_with(Limits { max_concurrent_calls: 8, max_calls_per_client: 4, ..Limits::default() }).await;
    // 32 calls of 2 s from 127.0.0.1: four at a time.
    let batch = tokio::spawn(post_from(addr, [127, 0, 0, 1], sleeps(32, 2000)));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let asked = Instant::now();
    let answer = post_from(addr, [127, 0, 0, 2], sleeps(1, 0)).await;
    assert!(answer.ends_with(r#"[{"jsonrpc":"2.0","id":0,"result":true}]"#), "{answer}");
    let waited = asked.elapsed();
    // (Behind the batch, it would wait about 2 s for a worker.)
    assert!(waited < Duration::from_millis(1500), "the other client waited {waited:?} for a worker");
    batch.abort();
    server.abort();
}

/// When clients together hold every worker and have more calls waiting,
/// a call that ends lets in the waiting client that holds the fewest, not
/// the first in line; and calls that run no contract have workers of their
/// own, so reads are not held up at all.
#[tokio::test]
async fn the_servers_workers_are_shared_fairly_between_clients() {
    use std::time::{Duration, Instant};

    use v8vm_node::Limits;
    let (addr, server) =
        serve_with(Limits { max_concurrent_calls: 8, max_calls_per_client: 8, ..Limits::default() }).await;
    // Client 1's eight calls of 2 s hold every worker; client 3's eight wait.
    let batches: Vec<_> = [[127, 0, 0, 1], [127, 0, 0, 3]]
        .into_iter()
        .map(|from| tokio::spawn(post_from(addr, from, sleeps(8, 2000))))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = Instant::now();
    let answer =
        post_from(addr, [127, 0, 0, 2], r#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}"#.into()).await;
    assert!(answer.ends_with(r#"{"jsonrpc":"2.0","id":1,"result":[1]}"#), "{answer}");
    assert!(asked.elapsed() < Duration::from_millis(1000), "a read waited {:?}", asked.elapsed());
    let answer = post_from(addr, [127, 0, 0, 2], sleeps(1, 0)).await;
    assert!(answer.ends_with(r#"[{"jsonrpc":"2.0","id":0,"result":true}]"#), "{answer}");
    let waited = asked.elapsed();
    // (First in, first out, it would wait behind client 3's eight: about 4 s.)
    assert!(waited < Duration::from_millis(3000), "the third client waited {waited:?} for a worker");
    for batch in batches {
        batch.abort();
    }
    server.abort();
}

/// A server of [`crate::TestApi`] with `limits` on 127.0.0.1, that sees
/// clients' addresses.
async fn serve_with(limits: v8vm_node::Limits) -> (std::net::SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    let app = v8vm_node::app_with_limits(std::sync::Arc::new(crate::TestApi::new(4)), limits);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    (addr, tokio::spawn(async move { axum::serve(listener, service).await }))
}

/// POSTs `body` to `addr` from the loopback address `from`; the whole answer.
async fn post_from(addr: std::net::SocketAddr, from: [u8; 4], body: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::from((from, 0))).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

/// A batch of `count` calls of `sleep` for `ms` milliseconds.
fn sleeps(count: usize, ms: u64) -> String {
    let calls: Vec<String> =
        (0..count).map(|i| format!(r#"{{"jsonrpc":"2.0","id":{i},"method":"sleep","params":[{ms}]}}"#)).collect();
    format!("[{}]", calls.join(","))
}
