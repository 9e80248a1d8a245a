//! The v8vm node: a [`Chain`](v8vm_chain::Chain) behind a transaction pool,
//! a thread that produces blocks (or follows a producer and validates its
//! blocks), and the JSON-RPC 2.0 server that is the boundary between the
//! network and the node.
//!
//! # Core concepts
//!
//! - **[`Node`]**: the running node. [`Node::submit`] checks a transaction
//!   at the door and pools it; its block thread ([`Role`]) produces blocks
//!   from the pool, or fetches a peer's and validates them; every committed
//!   block and its events go to subscribers.
//! - **[`NodeApi`]**: the node's JSON-RPC methods (`sendTx`, `getTxReceipt`,
//!   `getBlock`, `getChainInfo`, `getAccount`, `getContract`, `getStorage`,
//!   `call`, `estimateGas`), an [`Api`].
//! - **[`Client`]**: a blocking JSON-RPC client of a node, for the command
//!   line and followers.
//! - **[`Api`]**: what the server serves, implemented by the node. Its
//!   [`handle`](Api::handle) answers one method call (every method except
//!   `subscribe` and `unsubscribe`) on a blocking thread, and its
//!   [`notifications`](Api::notifications) hands out receivers of what
//!   subscribers hear about. The server knows nothing else of the node.
//! - **[`ApiError`]**: a method's failure: a JSON-RPC error code, a message,
//!   optional data. Internal errors ([`ApiError::internal`]) are logged and
//!   reach the client only as "internal error".
//! - **[`Notification`]**: a committed block or a contract's event, pushed to
//!   WebSocket subscribers.
//! - **[`app`]** builds the router (`POST /`, `GET /ws`, `GET /health`),
//!   which tests drive without a socket; **[`serve`]** runs it on a listener
//!   until a shutdown future completes. [`Limits`] bounds what one client can
//!   make the server do: body and message size, batch length, time per
//!   request, threads running `handle`, subscriptions per connection.
//!
//! The wire format is described in `docs/rpc.md`.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//!
//! use std::net::IpAddr;
//!
//! use axum::body::{to_bytes, Body};
//! use axum::http::Request;
//! use serde_json::{json, Value};
//! use tokio::sync::broadcast;
//! use tower::ServiceExt;
//! use v8vm_node::{Api, ApiError, Notification};
//!
//! struct Hello(broadcast::Sender<Notification>);
//!
//! impl Api for Hello {
//!     fn handle(&self, _client: Option<IpAddr>, method: &str, params: Value) -> Result<Value, ApiError> {
//!         match method {
//!             "hello" => Ok(json!(format!("hello, {}", params[0].as_str().unwrap_or("world")))),
//!             _ => Err(ApiError::method_not_found(method)),
//!         }
//!     }
//!
//!     fn notifications(&self) -> broadcast::Receiver<Notification> {
//!         self.0.subscribe()
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let app = v8vm_node::app(Arc::new(Hello(broadcast::channel(16).0)));
//! let request = Request::post("/").body(Body::from(r#"{"jsonrpc":"2.0","id":1,"method":"hello","params":["v8vm"]}"#))?;
//! let response = app.oneshot(request).await?;
//! let body: Value = serde_json::from_slice(&to_bytes(response.into_body(), usize::MAX).await?)?;
//! assert_eq!(body, json!({"jsonrpc": "2.0", "id": 1, "result": "hello, v8vm"}));
//! // On a socket: v8vm_node::serve(listener, api, shutdown).await?
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]

mod client;
mod mempool;
mod methods;
mod node;
pub mod rpc;

pub use client::{Client, ClientError};
pub use mempool::MAX_PENDING_PER_PUBLISHER;
pub use methods::{NodeApi, NODE_ERROR, POOL_REFUSED, TX_REFUSED};
pub use node::{now_ns, Node, NodeConfig, Role, SubmitError, DEFAULT_MAX_BLOCK_GAS, RESOURCE_COOL_OFF};
pub use rpc::{app, app_with_limits, client_key, listen, serve, Api, ApiError, Limits, Notification, LISTEN_BACKLOG};
