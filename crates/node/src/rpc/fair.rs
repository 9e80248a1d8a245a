//! Permits shared fairly between clients: while none is free, each one
//! given back goes to the waiting client that holds the fewest (the one
//! waiting longest on a tie), not to the first in line. So clients that
//! each keep their own share of calls waiting (the per-client cap) cannot,
//! together, keep another client waiting for long: it is next as soon as
//! any call ends.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::oneshot;

/// A number of permits, shared between clients fairly.
#[derive(Debug)]
pub(crate) struct FairPermits {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    free: usize,
    /// Per client: the permits it holds.
    held: HashMap<Option<IpAddr>, usize>,
    /// Per client: its waiters, oldest first, each with its place in line.
    waiting: HashMap<Option<IpAddr>, VecDeque<(u64, oneshot::Sender<FairPermit>)>>,
    next_place: u64,
}

impl State {
    /// Counts a permit of `client` as free again.
    fn give_back(&mut self, client: Option<IpAddr>) {
        if let Some(held) = self.held.get_mut(&client) {
            *held -= 1;
            if *held == 0 {
                self.held.remove(&client);
            }
        }
        self.free += 1;
    }
}

/// A permit, given back when dropped.
#[derive(Debug)]
pub(crate) struct FairPermit {
    permits: Arc<FairPermits>,
    client: Option<IpAddr>,
}

impl FairPermits {
    pub(crate) fn new(permits: usize) -> Arc<FairPermits> {
        Arc::new(FairPermits { state: Mutex::new(State { free: permits, ..State::default() }) })
    }

    /// A permit for `client` (`None`: in-process), once its turn comes.
    /// Dropping the future gives up the place in line.
    pub(crate) async fn acquire(self: &Arc<Self>, client: Option<IpAddr>) -> FairPermit {
        let granted = {
            let mut state = self.lock();
            // Free permits mean nobody is waiting (each one given back goes
            // to a waiter, if any is left).
            if state.free > 0 {
                state.free -= 1;
                *state.held.entry(client).or_default() += 1;
                return FairPermit { permits: Arc::clone(self), client };
            }
            let (grant, granted) = oneshot::channel();
            let place = state.next_place;
            state.next_place += 1;
            state.waiting.entry(client).or_default().push_back((place, grant));
            granted
        };
        // The sender is dropped only after sending, or with the permits.
        granted.await.expect("a waiter is answered")
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes back `client`'s permit and hands free ones to waiters.
    fn release(self: &Arc<Self>, client: Option<IpAddr>) {
        let mut state = self.lock();
        state.give_back(client);
        while state.free > 0 {
            // Waiters that gave up are passed over.
            state.waiting.retain(|_, waiters| {
                waiters.retain(|(_, grant)| !grant.is_closed());
                !waiters.is_empty()
            });
            let next = state
                .waiting
                .iter()
                .map(|(client, waiters)| (state.held.get(client).copied().unwrap_or_default(), waiters[0].0, *client))
                .min();
            let Some((_, _, next)) = next else { break };
            let waiters = state.waiting.get_mut(&next).expect("a waiting client");
            let (_, grant) = waiters.pop_front().expect("a waiter");
            if waiters.is_empty() {
                state.waiting.remove(&next);
            }
            state.free -= 1;
            *state.held.entry(next).or_default() += 1;
            if let Err(permit) = grant.send(FairPermit { permits: Arc::clone(self), client: next }) {
                // It gave up just now: take the permit back here (its drop
                // would lock again).
                std::mem::forget(permit);
                state.give_back(next);
            }
        }
    }
}

impl Drop for FairPermit {
    fn drop(&mut self) {
        self.permits.release(self.client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, last]))
    }

    #[tokio::test]
    async fn a_freed_permit_goes_to_the_waiting_client_that_holds_the_fewest() {
        let permits = FairPermits::new(2);
        // Client 1 holds both, and has two more waiting; client 2 then asks.
        let mut held = vec![permits.acquire(client(1)).await, permits.acquire(client(1)).await];
        let first = tokio::spawn({
            let permits = Arc::clone(&permits);
            async move { permits.acquire(client(1)).await }
        });
        let second = tokio::spawn({
            let permits = Arc::clone(&permits);
            async move { permits.acquire(client(1)).await }
        });
        tokio::task::yield_now().await;
        let other = tokio::spawn({
            let permits = Arc::clone(&permits);
            async move { permits.acquire(client(2)).await }
        });
        tokio::task::yield_now().await;
        held.pop();
        let other = other.await.unwrap();
        assert_eq!(other.client, client(2), "client 2 was last in line, but held none");
        assert!(!first.is_finished() && !second.is_finished());
        held.pop();
        first.await.unwrap();
        drop(other);
        second.await.unwrap();
    }

    #[tokio::test]
    async fn a_waiter_that_gives_up_loses_no_permit() {
        let permits = FairPermits::new(1);
        let held = permits.acquire(client(1)).await;
        let gave_up = tokio::time::timeout(std::time::Duration::from_millis(10), permits.acquire(client(2))).await;
        assert!(gave_up.is_err());
        drop(held);
        let again = permits.acquire(client(3)).await;
        drop(again);
        let state = permits.lock();
        assert_eq!((state.free, state.held.len(), state.waiting.len()), (1, 0, 0));
    }
}
