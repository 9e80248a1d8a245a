//! The order a producer runs a block's transactions in. Publishers, and
//! the clients that sent the transactions, share the block's time: the next
//! transaction is always the oldest of the publisher whose next one has
//! taken the least time so far (the more of its publisher's and its
//! client's), counting recent blocks. A transaction that is cheap in gas
//! but slow (so not stopped by its gas limit, and under the deadline)
//! therefore buys its publisher, and its client, no more than a share of a
//! block: others' transactions run first, what the block's time budget
//! leaves out is the heaviest senders', and many throw-away publishers sent
//! by one client share that client's one share.
//!
//! This is the producer's own choice, made from its own clock: validators
//! run the block in the order it holds, so nothing here is consensus.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::time::Duration;

use v8vm_runtime::Requester;

use crate::tx::Transaction;

/// Who shares a block's time: each publisher, and each client that sent
/// transactions (a client's many throw-away publishers share its one share).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Share {
    Publisher(String),
    Client(u64),
}

/// Per share: the time its transactions took in this producer's recent
/// blocks, halved at every block, so that a block's share carries over.
#[derive(Debug, Default)]
pub(crate) struct RecentTime(HashMap<Share, Duration>);

impl RecentTime {
    /// Counts what a block's transactions took (`order`, once the block is
    /// made) and halves the rest: shares that stop sending are forgotten
    /// after a few dozen blocks.
    pub(crate) fn add_block(&mut self, order: FairOrder) {
        if !order.fair {
            return;
        }
        let mut recent = std::mem::take(&mut self.0);
        recent.extend(order.used);
        self.0 =
            recent.into_iter().map(|(share, took)| (share, took / 2)).filter(|(_, took)| !took.is_zero()).collect();
    }
}

/// A block's transactions, handed out in the fair order.
#[derive(Debug)]
pub(crate) struct FairOrder {
    /// Per publisher: its transactions not run yet (with their arrival
    /// places and senders), oldest first.
    pending: HashMap<String, VecDeque<(usize, Transaction, Requester)>>,
    /// Per share: the time its transactions took, recent blocks included.
    used: HashMap<Share, Duration>,
    /// Each publisher with transactions pending, by the time used by its
    /// next transaction's shares when last looked at (it only grows), then
    /// by that transaction's arrival.
    next: BinaryHeap<Reverse<(Duration, usize, String)>>,
    /// The shares of the transaction handed out last.
    running: Option<(String, Requester)>,
    /// Whether time counts; if not, transactions come in arrival order.
    fair: bool,
}

impl FairOrder {
    /// `txs` in arrival order, each with the client that sent it; `recent`
    /// is what shares took in recent blocks.
    pub(crate) fn new(txs: Vec<(Transaction, Requester)>, recent: &RecentTime) -> FairOrder {
        let mut pending: HashMap<String, VecDeque<(usize, Transaction, Requester)>> = HashMap::new();
        for (place, (tx, requester)) in txs.into_iter().enumerate() {
            pending.entry(tx.publisher.clone()).or_default().push_back((place, tx, requester));
        }
        let mut order = FairOrder { pending, used: HashMap::new(), next: BinaryHeap::new(), running: None, fair: true };
        for (publisher, txs) in &order.pending {
            for (_, _, requester) in txs {
                for share in [Some(Share::Publisher(publisher.clone())), client_share(*requester)].into_iter().flatten()
                {
                    let took = recent.0.get(&share).copied().unwrap_or_default();
                    order.used.insert(share, took);
                }
            }
        }
        let publishers: Vec<String> = order.pending.keys().cloned().collect();
        for publisher in publishers {
            order.queue(publisher);
        }
        order
    }

    /// `txs` handed out in arrival order.
    pub(crate) fn arrival(txs: Vec<Transaction>) -> FairOrder {
        let txs = txs.into_iter().map(|tx| (tx, Requester::Local)).collect();
        FairOrder { fair: false, ..FairOrder::new(txs, &RecentTime::default()) }
    }

    /// The time used so far by the shares of `publisher`'s next
    /// transaction: the more of its publisher's and its client's.
    fn used_by_next(&self, publisher: &str) -> Option<(Duration, usize)> {
        let &(place, _, requester) = self.pending.get(publisher)?.front()?;
        if !self.fair {
            return Some((Duration::ZERO, place));
        }
        let used = |share: &Share| self.used.get(share).copied().unwrap_or_default();
        let client = client_share(requester).map_or(Duration::ZERO, |share| used(&share));
        Some((used(&Share::Publisher(publisher.to_owned())).max(client), place))
    }

    /// Puts `publisher`'s next transaction, if any, in line.
    fn queue(&mut self, publisher: String) {
        if let Some((used, place)) = self.used_by_next(&publisher) {
            self.next.push(Reverse((used, place, publisher)));
        }
    }

    /// The next transaction to run; report what it took with
    /// [`ran`](Self::ran) before asking for another.
    pub(crate) fn next(&mut self) -> Option<Transaction> {
        loop {
            let Reverse((seen, _, publisher)) = self.next.pop()?;
            // A client's other publishers may have used time since: look
            // again, and go back in line if so.
            match self.used_by_next(&publisher) {
                Some((used, _)) if used > seen => self.queue(publisher),
                Some(_) => {
                    let (_, tx, requester) = self.pending.get_mut(&publisher)?.pop_front()?;
                    self.running = Some((publisher, requester));
                    return Some(tx);
                }
                None => {}
            }
        }
    }

    /// Counts `took` (wall-clock time) against the shares of the
    /// transaction handed out last.
    pub(crate) fn ran(&mut self, took: Duration) {
        let Some((publisher, requester)) = self.running.take() else { return };
        if self.fair {
            for share in [Some(Share::Publisher(publisher.clone())), client_share(requester)].into_iter().flatten() {
                *self.used.entry(share).or_default() += took;
            }
        }
        self.queue(publisher);
    }

    /// The transactions not handed out, in arrival order.
    pub(crate) fn rest(&mut self) -> Vec<Transaction> {
        self.next.clear();
        let mut rest: Vec<(usize, Transaction, Requester)> =
            self.pending.values_mut().flat_map(std::mem::take).collect();
        rest.sort_unstable_by_key(|(place, ..)| *place);
        rest.into_iter().map(|(_, tx, _)| tx).collect()
    }
}

/// The share of the client that sent a transaction (none for the node's
/// own).
fn client_share(requester: Requester) -> Option<Share> {
    match requester {
        Requester::Local => None,
        Requester::Client(client) => Some(Share::Client(client)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(publisher: &str, time: i64) -> Transaction {
        Transaction {
            chain_id: 1,
            time,
            expiration: time + 1,
            gas_limit: 1000,
            gas_price: 1,
            publisher: publisher.into(),
            actions: Vec::new(),
            amount_limit: Vec::new(),
            signers: Vec::new(),
            signatures: Vec::new(),
        }
    }

    fn local(txs: Vec<Transaction>) -> Vec<(Transaction, Requester)> {
        txs.into_iter().map(|tx| (tx, Requester::Local)).collect()
    }

    #[test]
    fn throw_away_publishers_of_one_client_share_its_time() {
        // Client 7 sent transactions of ten new publishers first; then
        // alice (client 8) and bob (client 9) sent theirs.
        let mut txs: Vec<(Transaction, Requester)> =
            (0..10).map(|i| (tx(&format!("sybil{i}"), i), Requester::Client(7))).collect();
        txs.push((tx("alice", 100), Requester::Client(8)));
        txs.push((tx("bob", 101), Requester::Client(9)));
        let mut order = FairOrder::new(txs, &RecentTime::default());
        let (ran, _) = run(&mut order, "", Duration::from_millis(300));
        // (Each takes 1 ms here.) One sybil, then alice and bob before any
        // other sybil, whose client has used its share.
        assert_eq!(ran[..3], ["sybil0", "alice", "bob"]);
    }

    /// Runs `order` where each of `slow`'s transactions takes 100 ms and
    /// every other 1 ms, until `budget` is spent; returns the publishers in
    /// the order they ran and the rest.
    fn run(order: &mut FairOrder, slow: &str, budget: Duration) -> (Vec<String>, Vec<Transaction>) {
        let mut spent = Duration::ZERO;
        let mut ran = Vec::new();
        while spent < budget {
            let Some(tx) = order.next() else { break };
            let took = Duration::from_millis(if tx.publisher == slow { 100 } else { 1 });
            spent += took;
            order.ran(took);
            ran.push(tx.publisher);
        }
        (ran, order.rest())
    }

    #[test]
    fn a_slow_publisher_that_came_first_takes_only_what_others_leave() {
        // Mallory's ten slow transactions arrived before anyone else's.
        let mut txs: Vec<Transaction> = (0..10).map(|i| tx("mallory", i)).collect();
        txs.extend((0..4).map(|i| tx(["alice", "bob"][i as usize % 2], 100 + i)));
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(local(txs), &recent);
        let (ran, rest) = run(&mut order, "mallory", Duration::from_millis(300));
        // One of mallory's, then everyone else's, then mallory's again.
        assert_eq!(ran, ["mallory", "alice", "bob", "alice", "bob", "mallory", "mallory"]);
        assert_eq!(rest.len(), 7);
        assert!(rest.iter().all(|tx| tx.publisher == "mallory"));
        assert!(rest.windows(2).all(|pair| pair[0].time < pair[1].time), "the rest in arrival order");
        recent.add_block(order);
        // In the next block, a newcomer goes before mallory, who still owes.
        let mut txs = rest;
        txs.push(tx("carol", 200));
        let mut order = FairOrder::new(local(txs), &recent);
        assert_eq!(order.next().map(|tx| tx.publisher).as_deref(), Some("carol"));
    }

    #[test]
    fn recent_time_is_halved_every_block_until_forgotten() {
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(local(vec![tx("alice", 0)]), &recent);
        order.next();
        order.ran(Duration::from_nanos(8));
        recent.add_block(order);
        assert_eq!(recent.0[&Share::Publisher("alice".into())], Duration::from_nanos(4));
        for _ in 0..3 {
            recent.add_block(FairOrder::new(Vec::new(), &recent));
        }
        assert!(recent.0.is_empty());
    }
}
