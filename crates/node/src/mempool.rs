//! The pool of transactions admitted at the door and waiting for a block.

use std::collections::{HashSet, VecDeque};

use v8vm_chain::Transaction;

/// Transactions in arrival order, each once.
#[derive(Debug)]
pub(crate) struct Mempool {
    queue: VecDeque<(String, Transaction)>,
    hashes: HashSet<String>,
    limit: usize,
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
}

impl Mempool {
    pub(crate) fn new(limit: usize) -> Mempool {
        Mempool { queue: VecDeque::new(), hashes: HashSet::new(), limit }
    }

    pub(crate) fn len(&self) -> usize {
        self.queue.len()
    }

    pub(crate) fn contains(&self, hash: &str) -> bool {
        self.hashes.contains(hash)
    }

    /// Adds `tx` (hash `hash`) at the end.
    pub(crate) fn push(&mut self, hash: String, tx: Transaction) -> Result<(), MempoolError> {
        if self.hashes.contains(&hash) {
            return Err(MempoolError::Pending(hash));
        }
        if self.queue.len() >= self.limit {
            return Err(MempoolError::Full(self.queue.len()));
        }
        self.hashes.insert(hash.clone());
        self.queue.push_back((hash, tx));
        Ok(())
    }

    /// Takes up to `most` transactions, oldest first.
    pub(crate) fn take(&mut self, most: usize) -> Vec<Transaction> {
        let count = most.min(self.queue.len());
        self.queue
            .drain(..count)
            .map(|(hash, tx)| {
                self.hashes.remove(&hash);
                tx
            })
            .collect()
    }
}
