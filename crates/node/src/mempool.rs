//! The pool of transactions admitted at the door and waiting for a block.
//!
//! Each transaction was checked alone at the door (its publisher can pay
//! its whole gas limit); the pool also checks it against what the same
//! publisher already has pending, so one account cannot fill it with
//! transactions it could never pay for, which would be dropped unpaid at
//! block time.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};
use std::net::IpAddr;

use v8vm_chain::{format_amount, Offered, Transaction, NATIVE_DECIMALS};

use crate::rpc::client_key;

/// Most transactions one publisher may have pending.
pub const MAX_PENDING_PER_PUBLISHER: usize = 4096;

/// A pending transaction and the address it came from (`None`: the node's
/// own).
pub(crate) type Pending = (Offered, Option<IpAddr>);

/// Transactions in arrival order, each once, with their hashes and where
/// they came from.
#[derive(Debug)]
pub(crate) struct Mempool {
    queue: VecDeque<(String, Offered, Option<IpAddr>)>,
    hashes: HashSet<String>,
    limit: usize,
    /// Per publisher: how many are pending, and the most their fees add up
    /// to (gas limit × gas price, in the native token's smallest unit).
    pending: HashMap<String, (usize, u128)>,
    /// Per publisher: the gas its transactions in recent blocks asked for,
    /// halved at every block, so that a block's share carries over: one
    /// whose transaction took a whole block comes after others in the next.
    recent: HashMap<String, u64>,
    /// How many the block being built took (back to 0 once it is made).
    in_block: usize,
}

/// Why a transaction did not enter the pool.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum MempoolError {
    /// It is there already.
    #[error("transaction {0} is already pending")]
    Pending(String),
    /// The pool holds its limit.
    #[error("the node's transaction pool is full ({0} pending): try again after the next block")]
    Full(usize),
    /// Its publisher has as many pending as one may.
    #[error("{0} has {MAX_PENDING_PER_PUBLISHER} transactions pending, the most one account may: try again after the next block")]
    PublisherFull(String),
    /// With what its publisher has pending, it could not be paid for.
    #[error(
        "{publisher} holds {held} iost, and its pending transactions may cost {pending} iost in fees: not enough \
         for this one's {cost} iost as well"
    )]
    Overcommitted { publisher: String, held: String, pending: String, cost: String },
}

/// The most `tx` may cost in fees.
fn most_fee(tx: &Transaction) -> u128 {
    u128::from(tx.gas_limit) * u128::from(tx.gas_price)
}

impl Mempool {
    pub(crate) fn new(limit: usize) -> Mempool {
        Mempool {
            queue: VecDeque::new(),
            hashes: HashSet::new(),
            limit,
            pending: HashMap::new(),
            recent: HashMap::new(),
            in_block: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.queue.len()
    }

    /// Those waiting for a block: in the pool, and in the block being built.
    pub(crate) fn waiting(&self) -> usize {
        self.queue.len() + self.in_block
    }

    pub(crate) fn contains(&self, hash: &str) -> bool {
        self.hashes.contains(hash)
    }

    /// Adds `offered` (hash `hash`, sent from `source`) at the end, if its
    /// publisher, who holds `held` of the native token, can pay for it and
    /// for what it has pending already.
    pub(crate) fn push(
        &mut self,
        hash: String,
        offered: Offered,
        source: Option<IpAddr>,
        held: u128,
    ) -> Result<(), MempoolError> {
        let tx = &offered.tx;
        if self.hashes.contains(&hash) {
            return Err(MempoolError::Pending(hash));
        }
        if self.queue.len() >= self.limit {
            return Err(MempoolError::Full(self.queue.len()));
        }
        let (count, pending) = self.pending.get(&tx.publisher).copied().unwrap_or_default();
        if count >= MAX_PENDING_PER_PUBLISHER {
            return Err(MempoolError::PublisherFull(tx.publisher.clone()));
        }
        let cost = most_fee(tx);
        if pending.saturating_add(cost) > held {
            let amount = |units: u128| format_amount(units, NATIVE_DECIMALS);
            return Err(MempoolError::Overcommitted {
                publisher: tx.publisher.clone(),
                held: amount(held),
                pending: amount(pending),
                cost: amount(cost),
            });
        }
        self.pending.insert(tx.publisher.clone(), (count + 1, pending + cost));
        self.hashes.insert(hash.clone());
        self.queue.push_back((hash, offered, source));
        Ok(())
    }

    /// Puts back, first and in order, transactions a block took but did not
    /// run (its time was spent), once the block is made.
    pub(crate) fn put_back(&mut self, txs: Vec<Pending>) {
        self.in_block = 0;
        for (offered, source) in txs.into_iter().rev() {
            let hash = offered.tx.hash_hex();
            if !self.hashes.insert(hash.clone()) {
                continue;
            }
            let (count, pending) = self.pending.entry(offered.tx.publisher.clone()).or_default();
            *count += 1;
            *pending += most_fee(&offered.tx);
            self.queue.push_front((hash, offered, source));
        }
    }

    /// Drops every pending transaction of `publisher`, and every one sent
    /// from `source`'s client group ([`client_key`]); how many.
    pub(crate) fn drop_sender(&mut self, publisher: &str, source: Option<IpAddr>) -> usize {
        let before = self.queue.len();
        let (hashes, pending) = (&mut self.hashes, &mut self.pending);
        let group = source.map(client_key);
        self.queue.retain(|(hash, Offered { tx, .. }, from)| {
            let keep = tx.publisher != publisher && (group.is_none() || from.map(client_key) != group);
            if !keep {
                hashes.remove(hash);
                if let Some((count, fees)) = pending.get_mut(&tx.publisher) {
                    *count -= 1;
                    *fees -= most_fee(tx);
                    if *count == 0 {
                        pending.remove(&tx.publisher);
                    }
                }
            }
            keep
        });
        before - self.queue.len()
    }

    /// Takes the transactions of the next block: at most `most`, whose gas
    /// limits add up to at most `gas` (the first taken may ask for more).
    /// Publishers share the block: each next transaction is the oldest
    /// pending one of the publisher whose taken gas limits add up to the
    /// least so far, so one account's flood of heavy transactions takes at
    /// most an equal share of a block and others' transactions are not held
    /// behind it. Each publisher's transactions keep their order.
    pub(crate) fn take(&mut self, most: usize, gas: u64) -> Vec<Pending> {
        // Each publisher's pending transactions (their places in the
        // queue), oldest first, and the gas its taken ones ask for.
        let mut publishers: HashMap<&str, (u64, VecDeque<usize>)> = HashMap::new();
        for (place, (_, Offered { tx, .. }, _)) in self.queue.iter().enumerate() {
            let recent = self.recent.get(&tx.publisher).copied().unwrap_or_default();
            publishers.entry(tx.publisher.as_str()).or_insert((recent, VecDeque::new())).1.push_back(place);
        }
        // The publisher with the least gas taken next, then the oldest: a
        // heap of each publisher's next pick.
        let mut next: BinaryHeap<Reverse<(u64, usize, &str)>> = publishers
            .iter()
            .filter_map(|(publisher, (used, places))| places.front().map(|&place| Reverse((*used, place, *publisher))))
            .collect();
        let mut taken_places = Vec::new();
        let mut room = gas;
        while taken_places.len() < most {
            let Some(Reverse((_, place, publisher))) = next.pop() else { break };
            let asks = self.queue[place].1.tx.gas_limit;
            let entry = publishers.get_mut(publisher).expect("a publisher in the heap");
            if asks > room && !taken_places.is_empty() {
                // It waits for a block with room; so do the publisher's later ones.
                continue;
            }
            room = room.saturating_sub(asks);
            entry.0 += asks;
            entry.1.pop_front();
            taken_places.push(place);
            if let Some(&following) = entry.1.front() {
                next.push(Reverse((entry.0, following, publisher)));
            }
        }
        let used: Vec<(String, u64)> =
            publishers.into_iter().map(|(publisher, (used, _))| (publisher.to_owned(), used)).collect();
        self.recent =
            used.into_iter().map(|(publisher, used)| (publisher, used / 2)).filter(|(_, used)| *used > 0).collect();
        let mut chosen = vec![false; self.queue.len()];
        for place in taken_places {
            chosen[place] = true;
        }
        // In arrival order: a publisher's transactions run as it sent them.
        let mut taken = Vec::new();
        for (place, (hash, offered, source)) in std::mem::take(&mut self.queue).into_iter().enumerate() {
            if !chosen[place] {
                self.queue.push_back((hash, offered, source));
                continue;
            }
            self.hashes.remove(&hash);
            let publisher = &offered.tx.publisher;
            if let Some((count, pending)) = self.pending.get_mut(publisher) {
                *count -= 1;
                *pending -= most_fee(&offered.tx);
                if *count == 0 {
                    self.pending.remove(publisher);
                }
            }
            taken.push((offered, source));
        }
        self.in_block = taken.len();
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(publisher: &str, nonce: i64) -> (String, Offered) {
        heavy(publisher, nonce, 1000)
    }

    fn heavy(publisher: &str, nonce: i64, gas_limit: u64) -> (String, Offered) {
        let tx = Transaction {
            chain_id: 1,
            time: nonce,
            expiration: nonce + 1,
            gas_limit,
            gas_price: 2,
            publisher: publisher.into(),
            actions: Vec::new(),
            amount_limit: Vec::new(),
            signers: Vec::new(),
            signatures: Vec::new(),
        };
        (tx.hash_hex(), Offered::new(tx, v8vm_chain::Requester::Local))
    }

    #[test]
    fn a_publisher_cannot_have_more_pending_than_it_can_pay_for() {
        let mut pool = Mempool::new(100);
        for i in 0..3 {
            let (hash, tx) = tx("alice", i);
            pool.push(hash, tx, None, 6000).unwrap();
        }
        let (hash, fourth) = tx("alice", 3);
        assert_eq!(
            pool.push(hash.clone(), fourth.clone(), None, 6000).unwrap_err().to_string(),
            "alice holds 0.00006 iost, and its pending transactions may cost 0.00006 iost in fees: not enough for \
             this one's 0.00002 iost as well"
        );
        // Another publisher is not held up; once a block took some, alice may again.
        let (other, bob) = tx("bob", 0);
        pool.push(other, bob, None, 2000).unwrap();
        assert_eq!(pool.take(2, u64::MAX).len(), 2);
        pool.push(hash, fourth, None, 6000).unwrap();
        assert_eq!(pool.len(), 3);
    }

    #[test]
    fn a_publisher_has_at_most_its_share_of_the_pool() {
        let mut pool = Mempool::new(10_000);
        for i in 0..MAX_PENDING_PER_PUBLISHER {
            let (hash, tx) = tx("alice", i as i64);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        let (hash, tx) = tx("alice", -1);
        assert!(matches!(pool.push(hash, tx, None, u128::MAX), Err(MempoolError::PublisherFull(_))));
    }

    #[test]
    fn a_flood_of_heavy_transactions_takes_an_equal_share_of_a_block() {
        let mut pool = Mempool::new(10_000);
        // The flood came first: 100 transactions asking 10,000 gas each.
        for i in 0..100 {
            let (hash, tx) = heavy("mallory", i, 10_000);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        for i in 0..30 {
            let (hash, tx) = tx(["alice", "bob", "carol"][i as usize % 3], 1000 + i);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        let block: Vec<Transaction> = pool.take(1000, 50_000).into_iter().map(|(offered, _)| offered.tx).collect();
        let publishers = |name: &str| block.iter().filter(|tx| tx.publisher == name).count();
        // Every honest one (30,000 gas asked) and the flood's share of the rest.
        assert_eq!((publishers("alice"), publishers("bob"), publishers("carol")), (10, 10, 10));
        assert_eq!(publishers("mallory"), 2);
        // In arrival order, each publisher's in its own order.
        assert!(block.windows(2).all(|pair| pair[0].time < pair[1].time));
        assert_eq!(pool.len(), 98);
        // A block always takes its first, whatever it asks.
        let mut pool = Mempool::new(10);
        for (publisher, gas) in [("whale", 1_000_000), ("alice", 1000)] {
            let (hash, tx) = heavy(publisher, 0, gas);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        let next = pool.take(1000, 50_000);
        assert_eq!(next.len(), 1, "nothing else fits after it");
        assert_eq!((next[0].0.tx.publisher.as_str(), pool.len()), ("whale", 1));
    }

    #[test]
    fn a_blocks_share_carries_over_to_the_next() {
        // Transactions asking more than a block each take a whole block, as
        // its first; then others go first in the next.
        let mut pool = Mempool::new(100);
        for i in 0..3 {
            let (hash, tx) = heavy("whale", i, 1_000_000);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        let (hash, honest) = tx("alice", 10);
        pool.push(hash, honest, None, u128::MAX).unwrap();
        let publishers =
            |block: Vec<Pending>| block.into_iter().map(|(offered, _)| offered.tx.publisher).collect::<Vec<_>>();
        assert_eq!(publishers(pool.take(100, 50_000)), ["whale"]);
        assert_eq!(publishers(pool.take(100, 50_000)), ["alice"]);
        assert_eq!(publishers(pool.take(100, 50_000)), ["whale"]);
    }

    #[test]
    fn what_a_block_did_not_run_goes_back_first_and_a_sender_can_be_dropped() {
        let mut pool = Mempool::new(100);
        for i in 0..4 {
            let (hash, tx) = tx(["alice", "bob"][i as usize % 2], i);
            pool.push(hash, tx, None, u128::MAX).unwrap();
        }
        let mut taken = pool.take(3, u64::MAX);
        assert_eq!((pool.len(), pool.waiting()), (1, 4), "the block's are still waiting");
        let ran = taken.remove(0);
        pool.put_back(taken);
        assert_eq!(pool.waiting(), 3);
        let order: Vec<i64> = pool.queue.iter().map(|(_, offered, _)| offered.tx.time).collect();
        assert_eq!(order, [1, 2, 3]);
        assert!(!pool.contains(&ran.0.tx.hash_hex()));
        assert_eq!(pool.drop_sender("bob", None), 2);
        assert_eq!((pool.len(), pool.pending.get("bob")), (1, None));
        assert_eq!(pool.pending["alice"].0, 1);
        // What one client group (here an IPv4 /24) sent goes too, whoever
        // published it.
        for (i, publisher) in ["dave", "erin"].into_iter().enumerate() {
            let (hash, tx) = tx(publisher, 10 + i as i64);
            pool.push(hash, tx, Some(IpAddr::from([10, 0, 0, 1 + i as u8])), u128::MAX).unwrap();
        }
        assert_eq!(pool.drop_sender("alice", Some(IpAddr::from([10, 0, 0, 9]))), 3);
        assert_eq!((pool.len(), pool.pending.len()), (0, 0));
    }
}
