//! The pool of transactions admitted at the door and waiting for a block.
//!
//! Each transaction was checked alone at the door (its publisher can pay
//! its whole gas limit); the pool also checks it against what the same
//! publisher already has pending, so one account cannot fill it with
//! transactions it could never pay for, which would be dropped unpaid at
//! block time.

use std::collections::{HashMap, HashSet, VecDeque};

use v8vm_chain::{format_amount, Transaction, NATIVE_DECIMALS};

/// Most transactions one publisher may have pending.
pub const MAX_PENDING_PER_PUBLISHER: usize = 4096;

/// Transactions in arrival order, each once.
#[derive(Debug)]
pub(crate) struct Mempool {
    queue: VecDeque<(String, Transaction)>,
    hashes: HashSet<String>,
    limit: usize,
    /// Per publisher: how many are pending, and the most their fees add up
    /// to (gas limit × gas price, in the native token's smallest unit).
    pending: HashMap<String, (usize, u128)>,
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
        Mempool { queue: VecDeque::new(), hashes: HashSet::new(), limit, pending: HashMap::new() }
    }

    pub(crate) fn len(&self) -> usize {
        self.queue.len()
    }

    pub(crate) fn contains(&self, hash: &str) -> bool {
        self.hashes.contains(hash)
    }

    /// Adds `tx` (hash `hash`) at the end, if its publisher, who holds
    /// `held` of the native token, can pay for it and for what it has
    /// pending already.
    pub(crate) fn push(&mut self, hash: String, tx: Transaction, held: u128) -> Result<(), MempoolError> {
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
        let cost = most_fee(&tx);
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
        self.queue.push_back((hash, tx));
        Ok(())
    }

    /// Takes up to `most` transactions, oldest first.
    pub(crate) fn take(&mut self, most: usize) -> Vec<Transaction> {
        let count = most.min(self.queue.len());
        let taken: Vec<Transaction> = self
            .queue
            .drain(..count)
            .map(|(hash, tx)| {
                self.hashes.remove(&hash);
                tx
            })
            .collect();
        for tx in &taken {
            if let Some((count, pending)) = self.pending.get_mut(&tx.publisher) {
                *count -= 1;
                *pending -= most_fee(tx);
                if *count == 0 {
                    self.pending.remove(&tx.publisher);
                }
            }
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(publisher: &str, nonce: i64) -> (String, Transaction) {
        let tx = Transaction {
            chain_id: 1,
            time: nonce,
            expiration: nonce + 1,
            gas_limit: 1000,
            gas_price: 2,
            publisher: publisher.into(),
            actions: Vec::new(),
            amount_limit: Vec::new(),
            signers: Vec::new(),
            signatures: Vec::new(),
        };
        (tx.hash_hex(), tx)
    }

    #[test]
    fn a_publisher_cannot_have_more_pending_than_it_can_pay_for() {
        let mut pool = Mempool::new(100);
        for i in 0..3 {
            let (hash, tx) = tx("alice", i);
            pool.push(hash, tx, 6000).unwrap();
        }
        let (hash, fourth) = tx("alice", 3);
        assert_eq!(
            pool.push(hash.clone(), fourth.clone(), 6000).unwrap_err().to_string(),
            "alice holds 0.00006 iost, and its pending transactions may cost 0.00006 iost in fees: not enough for \
             this one's 0.00002 iost as well"
        );
        // Another publisher is not held up; once a block took some, alice may again.
        let (other, bob) = tx("bob", 0);
        pool.push(other, bob, 2000).unwrap();
        assert_eq!(pool.take(2).len(), 2);
        pool.push(hash, fourth, 6000).unwrap();
        assert_eq!(pool.len(), 3);
    }

    #[test]
    fn a_publisher_has_at_most_its_share_of_the_pool() {
        let mut pool = Mempool::new(10_000);
        for i in 0..MAX_PENDING_PER_PUBLISHER {
            let (hash, tx) = tx("alice", i as i64);
            pool.push(hash, tx, u128::MAX).unwrap();
        }
        let (hash, tx) = tx("alice", -1);
        assert!(matches!(pool.push(hash, tx, u128::MAX), Err(MempoolError::PublisherFull(_))));
    }
}
