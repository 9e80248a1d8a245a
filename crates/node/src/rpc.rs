//! The JSON-RPC 2.0 server: `POST /`, `GET /ws`, `GET /health`.
//!
//! [`app`] builds the router (tests drive it without a socket); [`serve`]
//! runs it on a listener until a shutdown future completes. Everything the
//! server answers comes from an [`Api`], which the node implements. See
//! `docs/rpc.md` for the wire format.

mod dispatch;
mod envelope;
mod error;
mod fair;
mod listener;
mod ws;

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::sync::{broadcast, watch, Semaphore};
use tokio::time::{timeout_at, Instant};

pub use error::ApiError;

use dispatch::Job;
use envelope::Entry;
use error::RpcError;
use fair::FairPermits;

/// What the RPC server serves; the node implements it.
pub trait Api: Send + Sync + 'static {
    /// Handles one method call (every method except `subscribe`/`unsubscribe`).
    /// Runs on a blocking thread: it may execute contracts for up to seconds.
    ///
    /// `client` is the address the request came from (`None` when served
    /// in-process, not over TCP); `method` is the request's method name
    /// exactly as sent (names are case-sensitive); `params` is its `params`
    /// member, an object or an array, or `null` when absent. An unknown
    /// method should return [`ApiError::method_not_found`].
    ///
    /// # Errors
    ///
    /// The [`ApiError`] sent to the client (internal errors are logged and
    /// sent as a generic "internal error"). A panic is caught and treated as
    /// an internal error.
    fn handle(
        &self,
        client: Option<IpAddr>,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, ApiError>;

    /// Whether `method` may run contracts (and so wait for, and take, a
    /// VM worker's time). Such calls and the others each have their own
    /// share of the server's workers ([`Limits::max_concurrent_calls`]), so
    /// that calls waiting for the VM never hold up cheap reads. By default,
    /// every method may.
    fn runs_contracts(&self, method: &str) -> bool {
        let _ = method;
        true
    }

    /// A receiver of everything subscribers may be sent.
    ///
    /// Called once per WebSocket subscription, on the async runtime (it must
    /// not block): each subscription hears what is sent after it was made. A subscriber that falls more than the
    /// channel's capacity behind is told how many notifications it missed.
    fn notifications(&self) -> broadcast::Receiver<Notification>;
}

/// Something subscribers hear about.
#[derive(Clone, Debug)]
pub enum Notification {
    /// A block was committed (its JSON form).
    Block(serde_json::Value),
    /// A contract emitted an event in a committed block: the contract's name and the event's JSON form.
    Event {
        /// The contract that emitted the event.
        contract: String,
        /// The event's JSON form.
        event: serde_json::Value,
    },
}

/// The server's bounds. [`Limits::default`] is what [`app`] and [`serve`] use.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest HTTP body and WebSocket message, in bytes (1 MiB).
    pub max_body_bytes: usize,
    /// The most requests in one batch (32).
    pub max_batch: usize,
    /// How long one HTTP request (reading its body, waiting for a worker,
    /// running its calls) or one WebSocket frame's calls may take (30 s).
    pub request_timeout: Duration,
    /// The most `Api::handle` calls running at once, server-wide, of each
    /// kind: those that may run contracts ([`Api::runs_contracts`]), and
    /// the others (256 each). When all are taken, each call that ends lets
    /// in one of the waiting client that holds the fewest.
    pub max_concurrent_calls: usize,
    /// The most calls one client (see [`client_key`]) may have running or
    /// waiting for a worker at once, counting every call of its batches and
    /// WebSocket frames (16): a client cannot hold the server's workers with
    /// batches. At least 1.
    pub max_calls_per_client: usize,
    /// The most subscriptions on one WebSocket connection (16).
    pub max_subscriptions: usize,
    /// The most frames of one WebSocket connection being answered at once
    /// (16); the server reads no more from it until one is done. At least 1.
    pub max_ws_in_flight: usize,
    /// The most HTTP requests and WebSocket connections one client (source
    /// IP address) may have open at once (16): more are refused at once,
    /// HTTP 429 or a refused upgrade, so that one client cannot hold every
    /// worker. At least 1.
    pub max_per_client: usize,
    /// The most TCP connections one client may have open (64), whether or
    /// not they carry a request: more are closed as soon as they are
    /// accepted, so that connections held open with unfinished headers or
    /// idle tie up only the client's own share of sockets. At least 1.
    pub max_connections_per_client: usize,
    /// The most TCP connections open at once in all (8,192): more are
    /// closed as soon as they are accepted, so that many clients' idle
    /// connections cannot use up the process's file descriptors, which the
    /// database needs too. At least 1.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1 << 20,
            max_batch: 32,
            request_timeout: Duration::from_secs(30),
            max_concurrent_calls: 256,
            max_calls_per_client: 16,
            max_subscriptions: 16,
            max_ws_in_flight: 16,
            max_per_client: 16,
            max_connections_per_client: 64,
            max_connections: 8192,
        }
    }
}

/// What every handler shares.
struct Shared {
    api: Arc<dyn Api>,
    limits: Limits,
    /// One permit per running `Api::handle` call that may run contracts,
    /// shared fairly between clients.
    contract_calls: Arc<FairPermits>,
    /// The same for the other calls.
    reads: Arc<FairPermits>,
    /// Set to `true` when the server shuts down; WebSocket connections
    /// watch it and hold a receiver while they run.
    shutdown: watch::Sender<bool>,
    /// Per client address: requests and connections open now, and the
    /// permits for its calls.
    clients: Mutex<HashMap<IpAddr, (usize, Arc<Semaphore>)>>,
}

/// One of a client's open requests or connections; counted down when
/// dropped.
struct ClientSlot {
    shared: Arc<Shared>,
    client: IpAddr,
    /// The client's call permits ([`Limits::max_calls_per_client`]).
    calls: Arc<Semaphore>,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut clients = self.shared.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((open, _)) = clients.get_mut(&self.client) {
            *open -= 1;
            if *open == 0 {
                clients.remove(&self.client);
            }
        }
    }
}

/// Who sent a request, as the calls it makes see it.
#[derive(Clone)]
struct Caller {
    /// Its address (`None` in-process).
    address: Option<IpAddr>,
    /// Its call permits (`None` in-process: not limited).
    calls: Option<Arc<Semaphore>>,
}

impl Caller {
    fn new(request: &Request, slot: Option<&ClientSlot>) -> Caller {
        Caller { address: client_address(request), calls: slot.map(|slot| Arc::clone(&slot.calls)) }
    }
}

/// The address a client is counted by in the per-client limits: its IPv4
/// /24, or its IPv6 /48 (what one site is usually given), so that one
/// attacker with a block of addresses counts once; a loopback address as
/// it is (clients on the node's own machine).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        ip if ip.is_loopback() => ip,
        IpAddr::V4(ip) => IpAddr::V4(Ipv4Addr::from(u32::from(ip) & 0xffff_ff00)),
        IpAddr::V6(ip) => IpAddr::V6(Ipv6Addr::from(u128::from(ip) & !(u128::MAX >> 48))),
    }
}

/// The address `request` came from; `None` when served in-process, not over
/// TCP.
fn client_address(request: &Request) -> Option<IpAddr> {
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip())
}

/// A slot for the client that sent `request`, if it has one free. A request
/// with no peer address needs none.
fn client_slot(shared: &Arc<Shared>, request: &Request) -> Result<Option<ClientSlot>, Box<Response>> {
    let Some(client) = client_address(request).map(client_key) else { return Ok(None) };
    let mut clients = shared.clients.lock().unwrap_or_else(PoisonError::into_inner);
    let (open, calls) =
        clients.entry(client).or_insert_with(|| (0, Arc::new(Semaphore::new(shared.limits.max_calls_per_client))));
    if *open >= shared.limits.max_per_client {
        drop(clients);
        let error = RpcError::TooManyFromClient(shared.limits.max_per_client);
        return Err(Box::new(error_reply(StatusCode::TOO_MANY_REQUESTS, error)));
    }
    *open += 1;
    Ok(Some(ClientSlot { shared: Arc::clone(shared), client, calls: Arc::clone(calls) }))
}

/// The router with the default [`Limits`]: `POST /` (JSON-RPC), `GET /ws`
/// (JSON-RPC and subscriptions over WebSocket), `GET /health` (`ok`).
pub fn app(api: Arc<dyn Api>) -> Router {
    app_with_limits(api, Limits::default())
}

/// The router of [`app`], with the given limits.
pub fn app_with_limits(api: Arc<dyn Api>, limits: Limits) -> Router {
    router(shared(api, limits))
}

/// Connections the kernel queues for [`listen`]'s listener before the server
/// accepts them (the kernel caps it at `net.core.somaxconn`, 4,096 by
/// default): a burst of thousands of connects from one client, which the
/// server closes as soon as it accepts them, then does not fill the queue
/// and make others' connects wait a second for their retry.
pub const LISTEN_BACKLOG: u32 = 4096;

/// A listener on `addr` for [`serve`], with a queue of [`LISTEN_BACKLOG`]
/// connections. Call it within a Tokio runtime.
///
/// # Errors
///
/// The address cannot be bound.
pub fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Serves [`app`] on `listener` until `shutdown` completes, then shuts down
/// gracefully: stops accepting, lets HTTP requests in progress finish, and
/// closes WebSocket connections with a close frame (code 1001), waiting up
/// to 5 s for them to go.
///
/// # Errors
///
/// An I/O error of the listener.
pub async fn serve(
    listener: tokio::net::TcpListener,
    api: Arc<dyn Api>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let shared = shared(api, Limits::default());
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "rpc server listening");
    }
    let signal = {
        let shared = Arc::clone(&shared);
        async move {
            shutdown.await;
            tracing::info!("rpc server shutting down");
            shared.shutdown.send_replace(true);
        }
    };
    let service = router(Arc::clone(&shared)).into_make_service_with_connect_info::<SocketAddr>();
    let limits = &shared.limits;
    let listener = listener::CappedListener::new(listener, limits.max_connections_per_client, limits.max_connections)
        // (`tap_io` also gives the listener axum's `ConnectInfo<SocketAddr>`.)
        .tap_io(listener::Connection::set_nodelay);
    axum::serve(listener, service).with_graceful_shutdown(signal).await?;
    // Upgraded WebSocket connections outlive their HTTP connection: wait for
    // them to send their close frames.
    if tokio::time::timeout(Duration::from_secs(5), shared.shutdown.closed()).await.is_err() {
        tracing::warn!("rpc server: WebSocket connections still open after 5 s");
    }
    Ok(())
}

fn shared(api: Arc<dyn Api>, mut limits: Limits) -> Arc<Shared> {
    // Out-of-range limits are clamped rather than panicking or stalling.
    limits.max_concurrent_calls = limits.max_concurrent_calls.min(Semaphore::MAX_PERMITS);
    limits.max_ws_in_flight = limits.max_ws_in_flight.max(1);
    limits.max_per_client = limits.max_per_client.max(1);
    limits.max_calls_per_client = limits.max_calls_per_client.clamp(1, Semaphore::MAX_PERMITS);
    limits.max_connections_per_client = limits.max_connections_per_client.max(1);
    limits.max_connections = limits.max_connections.max(1);
    Arc::new(Shared {
        api,
        contract_calls: FairPermits::new(limits.max_concurrent_calls),
        reads: FairPermits::new(limits.max_concurrent_calls),
        limits,
        shutdown: watch::Sender::new(false),
        clients: Mutex::new(HashMap::new()),
    })
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", post(post_rpc))
        .route("/ws", get(get_ws))
        .route("/health", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(shared.limits.max_body_bytes))
        .with_state(shared)
}

/// `POST /`: one request or a batch.
async fn post_rpc(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let slot = match client_slot(&shared, &request) {
        Ok(slot) => slot,
        Err(refused) => return *refused,
    };
    let caller = Caller::new(&request, slot.as_ref());
    let deadline = Instant::now() + shared.limits.request_timeout;
    let body = match timeout_at(deadline, Bytes::from_request(request, &())).await {
        Ok(Ok(body)) => body,
        Ok(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let error = RpcError::BodyTooLarge { limit: shared.limits.max_body_bytes };
            return error_reply(StatusCode::PAYLOAD_TOO_LARGE, error);
        }
        Ok(Err(rejection)) => {
            let error = RpcError::InvalidRequest(format!("could not read the body: {}", rejection.body_text()));
            return error_reply(StatusCode::BAD_REQUEST, error);
        }
        Err(_) => return error_reply(StatusCode::REQUEST_TIMEOUT, RpcError::TimedOut(shared.limits.request_timeout)),
    };
    let incoming = match envelope::parse(&body, shared.limits.max_batch) {
        Ok(incoming) => incoming,
        Err(error) => return error_reply(StatusCode::OK, error),
    };
    let (batch, jobs) = dispatch::jobs(incoming, http_job);
    let responses = dispatch::run(&shared, &caller, jobs, deadline).await;
    match dispatch::reply(batch, responses) {
        Some(json) => json_response(StatusCode::OK, json),
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// An entry's job over HTTP, where there are no subscriptions.
fn http_job(entry: Entry) -> Job {
    match entry {
        Entry::Call(call) if matches!(call.method.as_str(), "subscribe" | "unsubscribe") => {
            let error = RpcError::WebSocketOnly(call.method.clone());
            Job::answered(&call, Err(error))
        }
        entry => Job::from_entry(entry),
    }
}

/// `GET /ws`: upgrades to a WebSocket connection.
async fn get_ws(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let slot = match client_slot(&shared, &request) {
        Ok(slot) => slot,
        Err(refused) => return *refused,
    };
    let caller = Caller::new(&request, slot.as_ref());
    let upgrade = match WebSocketUpgrade::from_request(request, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let limit = shared.limits.max_body_bytes;
    upgrade.max_message_size(limit).max_frame_size(limit).on_upgrade(move |socket| async move {
        // The client's slot is held for as long as the connection lives.
        let _slot = slot;
        ws::connection(shared, caller, socket).await;
    })
}

/// A single error response (id null) with the given HTTP status.
fn error_reply(status: StatusCode, error: RpcError) -> Response {
    tracing::debug!(%error, "rpc request rejected");
    let response = envelope::Response::error(serde_json::Value::Null, error.to_object(None));
    json_response(status, envelope::to_json(&response))
}

fn json_response(status: StatusCode, json: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
