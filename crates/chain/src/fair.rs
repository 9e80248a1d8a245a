//! The order a producer runs a block's transactions in. Publishers share
//! the block's time: the next transaction is always the oldest of the
//! publisher whose transactions have taken the least time so far, counting
//! recent blocks. A transaction that is cheap in gas but slow (so not
//! stopped by its gas limit, and under the deadline) therefore buys its
//! publisher no more than its share of a block: others' transactions run
//! first, and what the block's time budget leaves out is the heaviest
//! publisher's.
//!
//! This is the producer's own choice, made from its own clock: validators
//! run the block in the order it holds, so nothing here is consensus.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::time::Duration;

use crate::tx::Transaction;

/// Per publisher: the time its transactions took in this producer's recent
/// blocks, halved at every block, so that a block's share carries over.
#[derive(Debug, Default)]
pub(crate) struct RecentTime(HashMap<String, Duration>);

impl RecentTime {
    /// Counts what a block's transactions took (`order`, once the block is
    /// made) and halves the rest: publishers that stop sending are
    /// forgotten after a few dozen blocks.
    pub(crate) fn add_block(&mut self, order: FairOrder) {
        if !order.fair {
            return;
        }
        let mut recent = std::mem::take(&mut self.0);
        for (publisher, took) in order.used {
            *recent.entry(publisher).or_default() = took;
        }
        self.0 = recent
            .into_iter()
            .map(|(publisher, took)| (publisher, took / 2))
            .filter(|(_, took)| !took.is_zero())
            .collect();
    }
}

/// A block's transactions, handed out in the fair order.
#[derive(Debug)]
pub(crate) struct FairOrder {
    /// Per publisher: its transactions not run yet (with their arrival
    /// places), oldest first.
    pending: HashMap<String, VecDeque<(usize, Transaction)>>,
    /// Per publisher: the time its transactions took, recent blocks
    /// included.
    used: HashMap<String, Duration>,
    /// Each publisher with transactions pending, by time used, then by the
    /// arrival of its next one.
    next: BinaryHeap<Reverse<(Duration, usize, String)>>,
    /// The publisher of the transaction handed out last.
    running: Option<String>,
    /// Whether time counts; if not, transactions come in arrival order.
    fair: bool,
}

impl FairOrder {
    /// `txs` in arrival order; `recent` is what publishers took in recent
    /// blocks.
    pub(crate) fn new(txs: Vec<Transaction>, recent: &RecentTime) -> FairOrder {
        let mut pending: HashMap<String, VecDeque<(usize, Transaction)>> = HashMap::new();
        for (place, tx) in txs.into_iter().enumerate() {
            pending.entry(tx.publisher.clone()).or_default().push_back((place, tx));
        }
        let used: HashMap<String, Duration> = pending
            .keys()
            .map(|publisher| (publisher.clone(), recent.0.get(publisher).copied().unwrap_or_default()))
            .collect();
        let next =
            pending.iter().map(|(publisher, txs)| Reverse((used[publisher], txs[0].0, publisher.clone()))).collect();
        FairOrder { pending, used, next, running: None, fair: true }
    }

    /// `txs` handed out in arrival order.
    pub(crate) fn arrival(txs: Vec<Transaction>) -> FairOrder {
        FairOrder { fair: false, ..FairOrder::new(txs, &RecentTime::default()) }
    }

    /// The next transaction to run; report what it took with
    /// [`ran`](Self::ran) before asking for another.
    pub(crate) fn next(&mut self) -> Option<Transaction> {
        let Reverse((_, _, publisher)) = self.next.pop()?;
        let (_, tx) = self.pending.get_mut(&publisher).and_then(VecDeque::pop_front)?;
        self.running = Some(publisher);
        Some(tx)
    }

    /// Counts `took` (wall-clock time) against the publisher of the
    /// transaction handed out last.
    pub(crate) fn ran(&mut self, took: Duration) {
        let Some(publisher) = self.running.take() else { return };
        let used = self.used.entry(publisher.clone()).or_default();
        if self.fair {
            *used += took;
        }
        if let Some(&(place, _)) = self.pending.get(&publisher).and_then(VecDeque::front) {
            self.next.push(Reverse((*used, place, publisher)));
        }
    }

    /// The transactions not handed out, in arrival order.
    pub(crate) fn rest(&mut self) -> Vec<Transaction> {
        self.next.clear();
        let mut rest: Vec<(usize, Transaction)> = self.pending.values_mut().flat_map(std::mem::take).collect();
        rest.sort_unstable_by_key(|(place, _)| *place);
        rest.into_iter().map(|(_, tx)| tx).collect()
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
        let mut order = FairOrder::new(txs, &recent);
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
        let mut order = FairOrder::new(txs, &recent);
        assert_eq!(order.next().map(|tx| tx.publisher).as_deref(), Some("carol"));
    }

    #[test]
    fn recent_time_is_halved_every_block_until_forgotten() {
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(vec![tx("alice", 0)], &recent);
        order.next();
        order.ran(Duration::from_nanos(8));
        recent.add_block(order);
        assert_eq!(recent.0["alice"], Duration::from_nanos(4));
        for _ in 0..3 {
            recent.add_block(FairOrder::new(Vec::new(), &recent));
        }
        assert!(recent.0.is_empty());
    }
}
