//! WebSocket connections: JSON-RPC calls as text frames, plus `subscribe`
//! and `unsubscribe`.
//!
//! One task per connection owns the socket. Calls of a frame run in a task of
//! their own and queue their reply; each subscription is a task forwarding
//! its own broadcast receiver's notifications to the same queue. A client
//! that does not read stalls its queue, so its receivers fall behind and it
//! is told how many notifications it lost.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket};
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::task::{AbortHandle, JoinSet};
use tokio::time::{timeout, Instant};

use super::dispatch::{self, Job};
use super::envelope::{self, Entry, Outcome, Push};
use super::error::{ApiError, RpcError};
use super::{Caller, Notification, Shared};

/// Messages queued for the socket before senders wait.
const OUT_QUEUE: usize = 64;

/// How long closing may take: sending the close frame, then hearing the
/// client's.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// Serves one upgraded connection until either side closes it or the server
/// shuts down.
pub(super) async fn connection(shared: Arc<Shared>, caller: Caller, mut socket: WebSocket) {
    let (out, mut queue) = mpsc::channel(OUT_QUEUE);
    // Held until this function returns: `serve` waits for every receiver.
    let mut shutdown = shared.shutdown.subscribe();
    let mut conn = Connection {
        shared,
        caller,
        out,
        subscriptions: HashMap::new(),
        forwarders: JoinSet::new(),
        frames: JoinSet::new(),
        next_id: 0,
    };
    let limits = conn.shared.limits.clone();
    tracing::debug!("ws connection opened");
    loop {
        tokio::select! {
            () = stopping(&mut shutdown) => {
                close(&mut socket, close_code::AWAY, "server shutting down").await;
                break;
            }
            Some(text) = queue.recv() => {
                match timeout(limits.request_timeout, socket.send(Message::Text(text.into()))).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => {
                        tracing::debug!(error = %e, "ws send failed");
                        break;
                    }
                    Err(_) => {
                        tracing::debug!("ws client stopped reading; closing");
                        break;
                    }
                }
            }
            frame = socket.recv(), if conn.frames.len() < limits.max_ws_in_flight => match frame {
                None => break,
                Some(Ok(Message::Text(text))) => conn.on_frame(text.as_bytes()),
                Some(Ok(Message::Binary(_))) => {
                    let error = RpcError::InvalidRequest("binary frames are not supported: send JSON text".into());
                    conn.reply_error(error);
                }
                // The library has queued the reply to a close; the next
                // receive sends it and ends the stream.
                Some(Ok(Message::Close(_) | Message::Ping(_) | Message::Pong(_))) => {}
                Some(Err(e)) => {
                    tracing::debug!(error = %e, "ws receive failed");
                    close(&mut socket, close_code::PROTOCOL, &e.to_string()).await;
                    break;
                }
            },
            Some(_) = conn.frames.join_next(), if !conn.frames.is_empty() => {}
            Some(ended) = conn.forwarders.join_next_with_id(), if !conn.forwarders.is_empty() => {
                let task = match ended {
                    Ok((task, ())) => task,
                    Err(e) => e.id(),
                };
                conn.subscriptions.retain(|_, handle| handle.id() != task);
            }
        }
    }
    tracing::debug!(subscriptions = conn.subscriptions.len(), "ws connection closed");
    // Dropping `conn` aborts its frame and subscription tasks.
}

/// A connection's state, owned by its task.
struct Connection {
    shared: Arc<Shared>,
    /// Who is on the other end.
    caller: Caller,
    /// The queue of text frames to send.
    out: mpsc::Sender<String>,
    /// Live subscriptions by id.
    subscriptions: HashMap<String, AbortHandle>,
    /// One task per subscription.
    forwarders: JoinSet<()>,
    /// One task per frame being answered.
    frames: JoinSet<()>,
    /// The last subscription id given out.
    next_id: u64,
}

impl Connection {
    /// Answers one text frame: subscriptions are handled here, at once; the
    /// other calls run in a task that queues the reply.
    fn on_frame(&mut self, bytes: &[u8]) {
        let deadline = Instant::now() + self.shared.limits.request_timeout;
        let incoming = match envelope::parse(bytes, self.shared.limits.max_batch) {
            Ok(incoming) => incoming,
            Err(error) => return self.reply_error(error),
        };
        // Subscriptions start forwarding once their id has been sent.
        let mut starts = Vec::new();
        let (batch, jobs) = dispatch::jobs(incoming, |entry| match entry {
            Entry::Call(call) if call.method == "subscribe" => {
                let outcome = self.subscribe(&call.params).map(|(id, start)| {
                    starts.push(start);
                    Value::String(id)
                });
                Job::answered(&call, outcome)
            }
            Entry::Call(call) if call.method == "unsubscribe" => Job::answered(&call, self.unsubscribe(&call.params)),
            entry => Job::from_entry(entry),
        });
        let (shared, caller) = (Arc::clone(&self.shared), self.caller.clone());
        let out = self.out.clone();
        self.frames.spawn(async move {
            let responses = dispatch::run(&shared, &caller, jobs, deadline).await;
            if let Some(text) = dispatch::reply(batch, responses) {
                let _ = out.send(text).await;
            }
            for start in starts {
                let _ = start.send(());
            }
        });
    }

    /// Queues a single error response with id null.
    fn reply_error(&mut self, error: RpcError) {
        tracing::debug!(%error, "ws frame rejected");
        let text = envelope::to_json(&envelope::Response::error(Value::Null, error.to_object(None)));
        let out = self.out.clone();
        self.frames.spawn(async move {
            let _ = out.send(text).await;
        });
    }

    /// `subscribe`: the new subscription's id, and the signal that starts it.
    fn subscribe(&mut self, params: &Value) -> Result<(String, oneshot::Sender<()>), RpcError> {
        let topic = Topic::parse(params)?;
        let max = self.shared.limits.max_subscriptions;
        if self.subscriptions.len() >= max {
            return Err(RpcError::TooManySubscriptions(max));
        }
        self.next_id += 1;
        let id = self.next_id.to_string();
        let (start, started) = oneshot::channel();
        let notifications = self.shared.api.notifications();
        let handle = self.forwarders.spawn(forward(id.clone(), topic, notifications, started, self.out.clone()));
        self.subscriptions.insert(id.clone(), handle);
        Ok((id, start))
    }

    /// `unsubscribe`: whether the subscription existed. Once this answer is
    /// queued, nothing more is sent for it.
    fn unsubscribe(&mut self, params: &Value) -> Result<Value, RpcError> {
        let id = params
            .get("subscription")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::invalid_params(r#"unsubscribe takes {"subscription": "<id>"}"#))?;
        let found = self.subscriptions.remove(id).map(|handle| handle.abort()).is_some();
        Ok(Value::Bool(found))
    }
}

/// What a subscription hears about.
#[derive(Debug)]
enum Topic {
    /// Every committed block.
    Blocks,
    /// Events, of one contract or of all.
    Events { contract: Option<String> },
}

impl Topic {
    /// Reads `{"topic": "blocks"}` or `{"topic": "events", "contract"?: name}`.
    fn parse(params: &Value) -> Result<Topic, ApiError> {
        let usage = || {
            ApiError::invalid_params(
                r#"subscribe takes {"topic": "blocks"} or {"topic": "events", "contract": "<optional name>"}"#,
            )
        };
        let Value::Object(fields) = params else { return Err(usage()) };
        if fields.keys().any(|k| k != "topic" && k != "contract") {
            return Err(usage());
        }
        match (fields.get("topic").and_then(Value::as_str), fields.get("contract")) {
            (Some("blocks"), None) => Ok(Topic::Blocks),
            (Some("events"), None | Some(Value::Null)) => Ok(Topic::Events { contract: None }),
            (Some("events"), Some(Value::String(name))) => Ok(Topic::Events { contract: Some(name.clone()) }),
            _ => Err(usage()),
        }
    }

    /// The `result` a notification is pushed with, if this topic wants it.
    fn select(&self, notification: Notification) -> Option<Value> {
        match (self, notification) {
            (Topic::Blocks, Notification::Block(block)) => Some(block),
            (Topic::Events { contract: wanted }, Notification::Event { contract, event }) => {
                if wanted.as_ref().is_some_and(|w| *w != contract) {
                    return None;
                }
                Some(json!({ "contract": contract, "event": event }))
            }
            _ => None,
        }
    }
}

/// A subscription's task: waits for its id to be sent, then forwards what
/// its topic selects until the channel closes or the connection goes.
async fn forward(
    id: String,
    topic: Topic,
    mut notifications: broadcast::Receiver<Notification>,
    started: oneshot::Receiver<()>,
    out: mpsc::Sender<String>,
) {
    let _ = started.await;
    loop {
        let outcome = match notifications.recv().await {
            Ok(notification) => match topic.select(notification) {
                Some(result) => Outcome::Result(result),
                None => continue,
            },
            Err(RecvError::Lagged(missed)) => {
                tracing::debug!(subscription = %id, missed, "ws subscriber lagged");
                Outcome::Error(RpcError::Lagged(missed).to_object(None))
            }
            Err(RecvError::Closed) => return,
        };
        if out.send(envelope::to_json(&Push::new(&id, outcome))).await.is_err() {
            return;
        }
    }
}

/// Completes once the server is shutting down.
async fn stopping(shutdown: &mut watch::Receiver<bool>) {
    // An error means the server is gone: stop too.
    let _ = shutdown.wait_for(|&stop| stop).await;
}

/// Sends a close frame and waits (briefly) for the client's.
async fn close(socket: &mut WebSocket, code: u16, reason: &str) {
    // A close reason is at most 123 bytes.
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    let frame = CloseFrame { code, reason: reason[..end].into() };
    let _ = timeout(CLOSE_GRACE, socket.send(Message::Close(Some(frame)))).await;
    let _ = timeout(CLOSE_GRACE, async { while let Some(Ok(_)) = socket.recv().await {} }).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics() {
        assert!(matches!(Topic::parse(&json!({"topic": "blocks"})), Ok(Topic::Blocks)));
        assert!(matches!(Topic::parse(&json!({"topic": "events"})), Ok(Topic::Events { contract: None })));
        assert!(matches!(
            Topic::parse(&json!({"topic": "events", "contract": "token"})),
            Ok(Topic::Events { contract: Some(c) }) if c == "token"
        ));
        for bad in [
            json!(null),
            json!(["blocks"]),
            json!({"topic": "Blocks"}),
            json!({"topic": "blocks", "contract": "token"}),
            json!({"topic": "events", "contract": 5}),
            json!({"topic": "events", "contracts": "token"}),
        ] {
            assert_eq!(Topic::parse(&bad).unwrap_err().code, ApiError::INVALID_PARAMS, "{bad}");
        }
    }

    #[test]
    fn event_filter() {
        let event = |c: &str| Notification::Event { contract: c.into(), event: json!({"n": 1}) };
        let token = Topic::Events { contract: Some("token".into()) };
        assert_eq!(token.select(event("token")), Some(json!({"contract": "token", "event": {"n": 1}})));
        assert_eq!(token.select(event("other")), None);
        assert_eq!(token.select(Notification::Block(json!(1))), None);
        assert!(Topic::Events { contract: None }.select(event("other")).is_some());
        assert_eq!(Topic::Blocks.select(Notification::Block(json!(1))), Some(json!(1)));
        assert_eq!(Topic::Blocks.select(event("token")), None);
    }
}
