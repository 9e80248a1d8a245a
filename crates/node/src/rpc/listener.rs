//! The server's listener: at most so many open connections per client, so
//! that a client holding connections open without finishing a request
//! (slowloris) or idle ties up only its own share of sockets.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener that closes at once the connections beyond a client's cap
/// or the server's.
pub(super) struct CappedListener {
    listener: TcpListener,
    max_per_client: usize,
    max_total: usize,
    open: Arc<Mutex<Open>>,
}

/// The connections open now: in all, and per client.
#[derive(Default)]
struct Open {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

impl CappedListener {
    pub(super) fn new(listener: TcpListener, max_per_client: usize, max_total: usize) -> CappedListener {
        CappedListener { listener, max_per_client, max_total, open: Arc::default() }
    }
}

impl axum::serve::Listener for CappedListener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        loop {
            let (stream, peer) = axum::serve::Listener::accept(&mut self.listener).await;
            let client = super::client_key(peer.ip());
            let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
            if open.total >= self.max_total {
                drop(open);
                tracing::debug!(%peer, "connection refused: the server has as many open as it may");
                continue;
            }
            let count = open.per_client.entry(client).or_insert(0);
            if *count >= self.max_per_client {
                drop(open);
                tracing::debug!(%peer, "connection refused: the client has as many open as it may");
                continue;
            }
            *count += 1;
            open.total += 1;
            drop(open);
            return (Connection { stream, open: Arc::clone(&self.open), client }, peer);
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// An accepted connection; counted against its client until dropped.
pub(super) struct Connection {
    stream: TcpStream,
    open: Arc<Mutex<Open>>,
    client: IpAddr,
}

impl Connection {
    /// Sends small answers at once rather than waiting to fill a packet.
    pub(super) fn set_nodelay(&mut self) {
        let _ = self.stream.set_nodelay(true);
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total -= 1;
        if let Some(count) = open.per_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.per_client.remove(&self.client);
            }
        }
    }
}

impl AsyncRead for Connection {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
