//! Helpers shared by the suites: requests through `app()`, a server on a
//! loopback socket, and a WebSocket client.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tower::ServiceExt;
use v8vm_node::Limits;

use crate::TestApi;

/// How long a test waits for something that should happen.
pub(crate) const WAIT: Duration = Duration::from_secs(10);

/// The router over a fresh test API.
pub(crate) fn app(limits: Limits) -> (Router, Arc<TestApi>) {
    let api = Arc::new(TestApi::new(64));
    (v8vm_node::app_with_limits(api.clone(), limits), api)
}

/// `POST /` with `body`: the status and the parsed body (`None` if empty).
pub(crate) async fn post(app: &Router, body: impl Into<Body>) -> (StatusCode, Option<Value>) {
    let request = Request::post("/").header("content-type", "application/json").body(body.into()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body = (!bytes.is_empty()).then(|| serde_json::from_slice(&bytes).unwrap());
    (status, body)
}

/// `POST /` with a JSON value, expecting 200 and a body.
pub(crate) async fn rpc(app: &Router, request: Value) -> Value {
    let (status, body) = post(app, request.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body:?}");
    body.expect("a response body")
}

/// A request object.
pub(crate) fn req(id: impl Into<Value>, method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id.into(), "method": method, "params": params})
}

/// A notification (no id).
pub(crate) fn note(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
}

/// The error code of a response.
#[track_caller]
pub(crate) fn code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or_else(|| panic!("not an error: {response}"))
}

/// A server running `serve` on 127.0.0.1, stopped by [`Server::stop`].
pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    pub(crate) api: Arc<TestApi>,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Serves a fresh test API whose notification channel holds `capacity`.
    pub(crate) async fn start(capacity: usize) -> Server {
        let api = Arc::new(TestApi::new(capacity));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (shutdown, stop) = oneshot::channel::<()>();
        let task = tokio::spawn(v8vm_node::serve(listener, api.clone(), async move {
            let _ = stop.await;
        }));
        Server { addr, api, shutdown, task }
    }

    /// Shuts the server down; `serve` must return `Ok` soon.
    pub(crate) async fn stop(self) {
        self.shutdown.send(()).unwrap();
        let result = tokio::time::timeout(WAIT, self.task).await.expect("serve returns after shutdown");
        result.unwrap().unwrap();
    }
}

/// A WebSocket client of `/ws`.
pub(crate) struct WsClient {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Subscription notifications received while waiting for a response.
    pushes: VecDeque<Value>,
}

impl WsClient {
    pub(crate) async fn connect(addr: SocketAddr) -> WsClient {
        let (stream, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.unwrap();
        WsClient { stream, pushes: VecDeque::new() }
    }

    /// Sends a text frame.
    pub(crate) async fn send(&mut self, text: impl Into<String>) {
        self.stream.send(Message::text(text.into())).await.unwrap();
    }

    /// Sends a binary frame.
    pub(crate) async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.stream.send(Message::binary(bytes)).await.unwrap();
    }

    /// The next message the server sends, which must be a JSON text frame
    /// and come within [`WAIT`].
    pub(crate) async fn next(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(WAIT, self.stream.next()).await.expect("a message in time");
            match message.expect("the connection is open").unwrap() {
                Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
                Message::Ping(_) | Message::Pong(_) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    /// Sends `request` and returns the next non-push message (a response or
    /// a batch of them); pushes received meanwhile are kept for [`Self::push`].
    pub(crate) async fn call(&mut self, request: Value) -> Value {
        self.send(request.to_string()).await;
        self.response().await
    }

    /// The next non-push message.
    pub(crate) async fn response(&mut self) -> Value {
        loop {
            let message = self.next().await;
            if message["method"] == "subscription" {
                self.pushes.push_back(message);
            } else {
                return message;
            }
        }
    }

    /// The next subscription notification's params.
    pub(crate) async fn push(&mut self) -> Value {
        let message = match self.pushes.pop_front() {
            Some(message) => message,
            None => self.next().await,
        };
        assert_eq!(message["jsonrpc"], "2.0");
        assert_eq!(message["method"], "subscription", "{message}");
        message["params"].clone()
    }

    /// Subscribes, returning the subscription id.
    pub(crate) async fn subscribe(&mut self, params: Value) -> String {
        let response = self.call(req(1000, "subscribe", params)).await;
        response["result"].as_str().unwrap_or_else(|| panic!("subscribe failed: {response}")).to_owned()
    }

    /// Asserts that nothing arrives for a while.
    pub(crate) async fn assert_quiet(&mut self) {
        assert!(self.pushes.is_empty(), "{:?}", self.pushes);
        if let Ok(message) = tokio::time::timeout(Duration::from_millis(200), self.stream.next()).await {
            panic!("unexpected {message:?}");
        }
    }

    /// Waits for the server's close frame, then for the stream's end.
    pub(crate) async fn closed_by_server(&mut self) -> Option<CloseFrame> {
        let mut frame = None;
        loop {
            match tokio::time::timeout(WAIT, self.stream.next()).await.expect("closed in time") {
                Some(Ok(Message::Close(f))) => frame = f,
                Some(Ok(Message::Text(t))) if frame.is_none() => {
                    self.pushes.push_back(serde_json::from_str(&t).unwrap())
                }
                Some(Ok(other)) => panic!("unexpected {other:?}"),
                Some(Err(e)) => panic!("not a clean close: {e}"),
                None => return frame,
            }
        }
    }

    /// Reads until the connection ends, cleanly or not; the close frame if
    /// one arrived.
    pub(crate) async fn ended(&mut self) -> Option<CloseFrame> {
        let mut frame = None;
        while let Some(message) = tokio::time::timeout(WAIT, self.stream.next()).await.expect("ended in time") {
            match message {
                Ok(Message::Close(f)) => frame = f,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        frame
    }

    /// Closes from the client's side, completing the handshake.
    pub(crate) async fn close(mut self) {
        self.stream.close(None).await.unwrap();
        while let Some(message) = tokio::time::timeout(WAIT, self.stream.next()).await.expect("closed in time") {
            match message {
                Ok(Message::Close(_) | Message::Text(_)) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}
