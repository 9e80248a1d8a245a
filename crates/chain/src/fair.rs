//! The order a producer runs a block's transactions in, and how long it
//! lets each run. Publishers, and the clients that sent the transactions,
//! share the block's time: the next transaction is always the oldest of
//! the publisher whose next one has taken the least time so far (the more
//! of its publisher's and its client's), counting recent blocks; a sender
//! not seen recently starts at [`NEWCOMER_TIME`], behind those that sent
//! little (half as far behind for each block it waited). A transaction
//! that is cheap in gas but slow (so not stopped by
//! its gas limit, and under the deadline) therefore buys its publisher, and
//! its client, no more than a share of a block: others' transactions run
//! first, what the block's time budget leaves out is the heaviest
//! senders', and many throw-away publishers sent by one client share that
//! client's one share.
//!
//! And a transaction may take in a block only a few times what its dry
//! run at the door took ([`Offered::deadline`]): one that was quick at the
//! door and then spins in the block (it read the state, or the block's
//! time) is stopped after [`IN_BLOCK_FLOOR`], not after the whole call
//! deadline, and set aside as slow. Slow transactions run after all others,
//! with what the block's budget leaves: they cost others time nobody
//! needed. After a block's first transaction, none starts whose deadline
//! does not fit in what is left of the budget ([`FairOrder::hold`]), so a
//! block ends within its budget.
//!
//! This is the producer's own choice, made from its own clock: validators
//! run the block in the order it holds, so nothing here is consensus.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};
use std::time::Duration;

use v8vm_runtime::Requester;

use crate::tx::Transaction;

/// The least time a transaction may take in a block this node makes,
/// however quick its dry run at the door was (machines are noisy).
pub const IN_BLOCK_FLOOR: Duration = Duration::from_millis(50);

/// How many times its dry run's time a transaction may take in a block
/// (above [`IN_BLOCK_FLOOR`], up to the call deadline).
pub const IN_BLOCK_FACTOR: u32 = 4;

/// The time a sender not seen in the producer's recent blocks counts as
/// having used: senders of a little work recently (a steady user's
/// transfers) go before fresh ones, so that an attacker's fresh addresses
/// cannot take a block's time first. Halved for each block a transaction
/// waited, so that a newcomer is not held behind forever.
pub const NEWCOMER_TIME: Duration = Duration::from_millis(50);

/// The time a transaction set aside as slow counts as, for its publisher
/// and client, on top of what it took: running past its dry run's promise
/// is a sign of abuse. Unlike time used, it fades slowly (by a sixteenth
/// a block), so that it puts them behind newcomers for about 45 blocks and
/// behind steady senders of a little work (a millisecond a block) for
/// about 100: a client group may buy a set-aside only that seldom.
pub const SET_ASIDE_TIME: Duration = Duration::from_secs(1);

/// Blocks a slow transaction may wait for time to run to the call deadline
/// before it is dropped ([`TxError::SetAside`](crate::TxError::SetAside)).
pub const MAX_SLOW_BLOCKS: u32 = 3;

/// A transaction offered to a block this node makes.
#[derive(Debug, Clone)]
pub struct Offered {
    /// The transaction.
    pub tx: Transaction,
    /// The client that sent it.
    pub requester: Requester,
    /// How long its dry run at the door took on a worker (`None`: it was
    /// not tried, and may take the whole call deadline).
    pub tried: Option<Duration>,
    /// It ran past what its dry run promised: it runs after the others,
    /// with what the block's budget leaves.
    pub slow: bool,
    /// Blocks it waited: left unrun by a block's budget (for a newcomer,
    /// each halves [`NEWCOMER_TIME`]), or, once slow, since it was set
    /// aside.
    pub waited: u32,
}

impl Offered {
    /// `tx` from `requester`, not tried at a door.
    pub fn new(tx: Transaction, requester: Requester) -> Offered {
        Offered { tx, requester, tried: None, slow: false, waited: 0 }
    }

    /// How long it may run in a block that has `left` of its time budget
    /// (`Duration::MAX` for a block's first run, which may take whatever it
    /// asks), with the call deadline `call_timeout`: [`IN_BLOCK_FACTOR`]
    /// times its dry run's time, at least [`IN_BLOCK_FLOOR`] (the call
    /// deadline if it was not tried). A slow one gets what is left, up to
    /// the call deadline (at least the floor). A deadline over `left` means
    /// it waits for a later block.
    pub fn deadline(&self, call_timeout: Duration, left: Duration) -> Duration {
        let deadline = match self.tried {
            _ if self.slow => left,
            Some(tried) => tried * IN_BLOCK_FACTOR,
            None => call_timeout,
        };
        deadline.max(IN_BLOCK_FLOOR).min(call_timeout)
    }
}

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
pub(crate) struct RecentTime {
    /// The time each share's transactions took, halved at each block.
    time: HashMap<Share, Duration>,
    /// [`SET_ASIDE_TIME`] for each set-aside, less a sixteenth at each block.
    set_aside: HashMap<Share, Duration>,
}

impl RecentTime {
    /// Counts what a block's transactions took (`order`, once the block is
    /// made) and halves the rest: shares that stop sending are forgotten
    /// after a few dozen blocks.
    pub(crate) fn add_block(&mut self, order: FairOrder) {
        if !order.fair {
            return;
        }
        let mut time = std::mem::take(&mut self.time);
        time.extend(order.used);
        self.time =
            time.into_iter().map(|(share, took)| (share, took / 2)).filter(|(_, took)| !took.is_zero()).collect();
        let mut set_aside = std::mem::take(&mut self.set_aside);
        set_aside.extend(order.set_aside);
        self.set_aside = set_aside
            .into_iter()
            .map(|(share, owed)| (share, owed * 15 / 16))
            .filter(|(_, owed)| *owed >= Duration::from_millis(1))
            .collect();
    }
}

/// A block's transactions, handed out in the fair order.
#[derive(Debug)]
pub(crate) struct FairOrder {
    /// Per publisher: its transactions not run yet (with their arrival
    /// places), oldest first; slow ones aside.
    pending: HashMap<String, VecDeque<(usize, Offered)>>,
    /// The slow transactions not run yet, in arrival order.
    slow: VecDeque<(usize, Offered)>,
    /// Slow transactions stopped again in this block: for a later one.
    later: Vec<(usize, Offered)>,
    /// A slow one was held back ([`hold`](Self::hold)): no more of them in
    /// this block.
    slow_held: bool,
    /// Per share: the time its transactions took, recent blocks included.
    used: HashMap<Share, Duration>,
    /// Per share: what its set-asides count as, recent blocks included.
    set_aside: HashMap<Share, Duration>,
    /// The shares not seen in recent blocks, which start at
    /// [`NEWCOMER_TIME`].
    newcomers: HashSet<Share>,
    /// Each publisher with transactions pending, by the time used by its
    /// next transaction's shares when last looked at (it only grows), then
    /// by that transaction's arrival.
    next: BinaryHeap<Reverse<(Duration, usize, String)>>,
    /// The transaction handed out last: its place and shares.
    running: Option<(usize, String, Requester)>,
    /// Whether time counts; if not, transactions come in arrival order.
    fair: bool,
}

impl FairOrder {
    /// `txs` in arrival order; `recent` is what shares took in recent
    /// blocks.
    pub(crate) fn new(txs: Vec<Offered>, recent: &RecentTime) -> FairOrder {
        FairOrder::with(txs, recent, true)
    }

    /// `txs` handed out in arrival order, each to the call deadline.
    pub(crate) fn arrival(txs: Vec<Transaction>) -> FairOrder {
        let txs = txs.into_iter().map(|tx| Offered::new(tx, Requester::Local)).collect();
        FairOrder::with(txs, &RecentTime::default(), false)
    }

    fn with(txs: Vec<Offered>, recent: &RecentTime, fair: bool) -> FairOrder {
        let mut order = FairOrder {
            pending: HashMap::new(),
            slow: VecDeque::new(),
            later: Vec::new(),
            slow_held: false,
            used: HashMap::new(),
            set_aside: HashMap::new(),
            newcomers: HashSet::new(),
            next: BinaryHeap::new(),
            running: None,
            fair,
        };
        for (place, offered) in txs.into_iter().enumerate() {
            for share in shares(&offered.tx.publisher, offered.requester) {
                let (took, owed) = (recent.time.get(&share), recent.set_aside.get(&share));
                if let Some(owed) = owed {
                    order.set_aside.insert(share.clone(), *owed);
                }
                match took {
                    Some(took) => {
                        order.used.insert(share, *took);
                    }
                    None if owed.is_none() => {
                        order.newcomers.insert(share);
                    }
                    None => {}
                }
            }
            if offered.slow {
                order.slow.push_back((place, offered));
            } else {
                order.pending.entry(offered.tx.publisher.clone()).or_default().push_back((place, offered));
            }
        }
        let publishers: Vec<String> = order.pending.keys().cloned().collect();
        for publisher in publishers {
            order.queue(publisher);
        }
        order
    }

    /// The time used so far by the shares of `publisher`'s next
    /// transaction: the more of its publisher's and its client's.
    fn used_by_next(&self, publisher: &str) -> Option<(Duration, usize)> {
        let (place, offered) = self.pending.get(publisher)?.front()?;
        if !self.fair {
            return Some((Duration::ZERO, *place));
        }
        let newcomer_time = NEWCOMER_TIME / 2u32.pow(offered.waited.min(20));
        let used = |share: &Share| {
            let newcomer = if self.newcomers.contains(share) { newcomer_time } else { Duration::ZERO };
            let owed = self.set_aside.get(share).copied().unwrap_or_default();
            self.used.get(share).copied().unwrap_or_default() + owed + newcomer
        };
        let most = shares(publisher, offered.requester).map(|share| used(&share)).max().unwrap_or_default();
        Some((most, *place))
    }

    /// Puts `publisher`'s next transaction, if any, in line.
    fn queue(&mut self, publisher: String) {
        if let Some((used, place)) = self.used_by_next(&publisher) {
            self.next.push(Reverse((used, place, publisher)));
        }
    }

    /// The next transaction to run, not counting the slow ones; report
    /// what it took with [`ran`](Self::ran) before asking for another.
    pub(crate) fn next(&mut self) -> Option<Offered> {
        loop {
            let Reverse((seen, _, publisher)) = self.next.pop()?;
            // A client's other publishers may have used time since: look
            // again, and go back in line if so.
            match self.used_by_next(&publisher) {
                Some((used, _)) if used > seen => self.queue(publisher),
                Some(_) => {
                    let (place, offered) = self.pending.get_mut(&publisher)?.pop_front()?;
                    self.running = Some((place, publisher, offered.requester));
                    return Some(offered);
                }
                None => {}
            }
        }
    }

    /// The oldest slow transaction (once [`next`](Self::next) has none);
    /// report what it took with [`ran`](Self::ran).
    pub(crate) fn next_slow(&mut self) -> Option<Offered> {
        if self.slow_held {
            return None;
        }
        let (place, offered) = self.slow.pop_front()?;
        self.running = Some((place, offered.tx.publisher.clone(), offered.requester));
        Some(offered)
    }

    /// Counts `took` (wall-clock time) against the shares of the
    /// transaction handed out last.
    pub(crate) fn ran(&mut self, took: Duration) {
        let Some((_, publisher, requester)) = self.running.take() else { return };
        if self.fair {
            for share in shares(&publisher, requester) {
                *self.used.entry(share).or_default() += took;
            }
        }
        self.queue(publisher);
    }

    /// Counts `took` as [`ran`](Self::ran) does, and [`SET_ASIDE_TIME`]
    /// against its shares, for `offered`, handed out last and stopped
    /// before the call deadline: it is slow from now on, and may run again
    /// in this block as such unless it was slow already.
    pub(crate) fn set_aside(&mut self, mut offered: Offered, took: Duration) {
        let place = self.running.as_ref().map_or(usize::MAX, |(place, ..)| *place);
        if self.fair {
            for share in shares(&offered.tx.publisher, offered.requester) {
                *self.set_aside.entry(share).or_default() += SET_ASIDE_TIME;
            }
        }
        self.ran(took);
        if offered.slow {
            self.later.push((place, offered));
            return;
        }
        offered.slow = true;
        offered.waited = 0;
        let at = self.slow.partition_point(|(before, _)| *before < place);
        self.slow.insert(at, (place, offered));
    }

    /// Puts `offered`, handed out last, back unrun: what the block's budget
    /// leaves is less than its deadline. It waits for a later block, and so
    /// do the transactions of its publisher after it (they keep their
    /// order) or, if it is slow, the other slow ones. Nothing is counted.
    pub(crate) fn hold(&mut self, offered: Offered) {
        let Some((place, publisher, _)) = self.running.take() else { return };
        if offered.slow {
            self.slow.push_front((place, offered));
            self.slow_held = true;
        } else {
            self.pending.entry(publisher).or_default().push_front((place, offered));
        }
    }

    /// The transactions not handed out (or set aside), in arrival order,
    /// each having waited one block more.
    pub(crate) fn rest(&mut self) -> Vec<Offered> {
        self.next.clear();
        let mut rest: Vec<(usize, Offered)> = self.pending.values_mut().flat_map(std::mem::take).collect();
        rest.extend(self.slow.drain(..));
        rest.append(&mut self.later);
        rest.sort_unstable_by_key(|(place, _)| *place);
        rest.into_iter().map(|(_, offered)| Offered { waited: offered.waited + 1, ..offered }).collect()
    }
}

/// The shares of a transaction of `publisher` sent by `requester`: its
/// publisher's, and its client's (none for the node's own).
fn shares(publisher: &str, requester: Requester) -> impl Iterator<Item = Share> {
    let client = match requester {
        Requester::Local => None,
        Requester::Client(client) => Some(Share::Client(client)),
    };
    std::iter::once(Share::Publisher(publisher.to_owned())).chain(client)
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

    fn local(txs: Vec<Transaction>) -> Vec<Offered> {
        txs.into_iter().map(|tx| Offered::new(tx, Requester::Local)).collect()
    }

    #[test]
    fn throw_away_publishers_of_one_client_share_its_time() {
        // Client 7 sent transactions of ten new publishers first; then
        // alice (client 8) and bob (client 9) sent theirs.
        let mut txs: Vec<Offered> =
            (0..10).map(|i| Offered::new(tx(&format!("sybil{i}"), i), Requester::Client(7))).collect();
        txs.push(Offered::new(tx("alice", 100), Requester::Client(8)));
        txs.push(Offered::new(tx("bob", 101), Requester::Client(9)));
        let mut order = FairOrder::new(txs, &RecentTime::default());
        let (ran, _) = run(&mut order, "", Duration::from_millis(300));
        // (Each takes 1 ms here.) One sybil, then alice and bob before any
        // other sybil, whose client has used its share.
        assert_eq!(ran[..3], ["sybil0", "alice", "bob"]);
    }

    /// Runs `order` where each of `slow`'s transactions takes 100 ms and
    /// every other 1 ms, until `budget` is spent; returns the publishers in
    /// the order they ran and the rest.
    fn run(order: &mut FairOrder, slow: &str, budget: Duration) -> (Vec<String>, Vec<Offered>) {
        let mut spent = Duration::ZERO;
        let mut ran = Vec::new();
        while spent < budget {
            let Some(offered) = order.next() else { break };
            let took = Duration::from_millis(if offered.tx.publisher == slow { 100 } else { 1 });
            spent += took;
            order.ran(took);
            ran.push(offered.tx.publisher);
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
        assert!(rest.iter().all(|offered| offered.tx.publisher == "mallory"));
        assert!(rest.windows(2).all(|pair| pair[0].tx.time < pair[1].tx.time), "the rest in arrival order");
        recent.add_block(order);
        // In the next block, a newcomer goes before mallory, who still owes.
        let mut txs = rest;
        txs.extend(local(vec![tx("carol", 200)]));
        let mut order = FairOrder::new(txs, &recent);
        assert_eq!(order.next().map(|offered| offered.tx.publisher).as_deref(), Some("carol"));
    }

    #[test]
    fn newcomers_wait_for_senders_of_little_and_set_aside_ones_come_last() {
        // Alice sent a little in the last block; ten fresh clients came
        // before her this time.
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(vec![Offered::new(tx("alice", 0), Requester::Client(1))], &recent);
        order.next();
        order.ran(Duration::from_millis(2));
        recent.add_block(order);
        let mut txs: Vec<Offered> =
            (0..10).map(|i| Offered::new(tx(&format!("fresh{i}"), i), Requester::Client(100 + i as u64))).collect();
        txs.push(Offered::new(tx("alice", 50), Requester::Client(1)));
        let mut order = FairOrder::new(txs, &recent);
        let first = order.next().unwrap();
        assert_eq!(first.tx.publisher, "alice");
        order.ran(Duration::from_millis(1));
        // A fresh one runs past its dry run's promise: set aside, it comes
        // after every other, and back in arrival order with the rest.
        let second = order.next().unwrap();
        assert_eq!(second.tx.publisher, "fresh0");
        order.set_aside(second, IN_BLOCK_FLOOR);
        let ran: Vec<String> = std::iter::from_fn(|| {
            let next = order.next()?;
            order.ran(Duration::from_millis(1));
            Some(next.tx.publisher)
        })
        .collect();
        assert_eq!(ran.len(), 9);
        assert!(!ran.contains(&"fresh0".to_owned()));
        let slow = order.next_slow().unwrap();
        assert!(slow.slow && slow.tx.publisher == "fresh0");
        // Stopped again: not again in this block.
        order.set_aside(slow, Duration::from_millis(5));
        assert!(order.next_slow().is_none());
        let rest = order.rest();
        assert_eq!((rest.len(), rest[0].slow), (1, true));
    }

    #[test]
    fn a_set_aside_sender_goes_behind_newcomers_and_a_waiting_newcomer_moves_up() {
        // A sybil client's transaction was set aside in the last block.
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(vec![Offered::new(tx("sybil", 0), Requester::Client(7))], &recent);
        let hog = order.next().unwrap();
        order.set_aside(hog, IN_BLOCK_FLOOR);
        recent.add_block(order);
        // Its next one came first; carol, new, after it: carol goes first.
        let sybil = Offered::new(tx("sybil", 1), Requester::Client(7));
        let carol = Offered::new(tx("carol", 2), Requester::Client(8));
        let mut order = FairOrder::new(vec![sybil.clone(), carol.clone()], &recent);
        assert_eq!(order.next().unwrap().tx.publisher, "carol");
        // Forty blocks on, still; and bob, who sends a little every block,
        // goes first too.
        let bob = Offered::new(tx("bob", 3), Requester::Client(9));
        for _ in 0..40 {
            let mut order = FairOrder::new(vec![bob.clone()], &recent);
            order.next();
            order.ran(Duration::from_millis(1));
            recent.add_block(order);
        }
        let mut order = FairOrder::new(vec![sybil.clone(), carol.clone(), bob.clone()], &recent);
        let first: Vec<String> = (0..2)
            .map(|_| {
                let next = order.next().unwrap();
                order.ran(Duration::ZERO);
                next.tx.publisher
            })
            .collect();
        assert_eq!(first, ["bob", "carol"]);
        // Sixty blocks on, the set-aside has faded below a newcomer's
        // time: but a newcomer that has waited goes first.
        for _ in 0..20 {
            recent.add_block(FairOrder::new(Vec::new(), &recent));
        }
        let mut order = FairOrder::new(vec![sybil.clone(), carol.clone()], &recent);
        assert_eq!(order.next().unwrap().tx.publisher, "sybil");
        let waited = Offered { waited: 2, ..carol };
        let mut order = FairOrder::new(vec![sybil, waited], &recent);
        assert_eq!(order.next().unwrap().tx.publisher, "carol");
        // What a block leaves unrun has waited a block more.
        assert!(order.rest().iter().all(|offered| offered.waited == 1));
    }

    #[test]
    fn a_transaction_may_take_a_few_times_its_dry_run_in_a_block() {
        let tried =
            |ms| Offered { tried: Some(Duration::from_millis(ms)), ..Offered::new(tx("a", 0), Requester::Local) };
        let (call, ms) = (Duration::from_secs(1), Duration::from_millis);
        let first = Duration::MAX;
        assert_eq!(tried(1).deadline(call, first), IN_BLOCK_FLOOR);
        assert_eq!(tried(20).deadline(call, first), ms(20) * IN_BLOCK_FACTOR);
        assert_eq!(tried(900).deadline(call, first), call);
        assert_eq!(Offered::new(tx("a", 0), Requester::Local).deadline(call, first), call, "not tried");
        // What is left does not shorten a promise: one that does not fit
        // waits (`hold`).
        assert_eq!(tried(20).deadline(call, ms(30)), ms(80));
        // Slow: what is left, up to the call deadline, at least the floor.
        let slow = Offered { slow: true, ..tried(1) };
        assert_eq!(
            (slow.deadline(call, first), slow.deadline(call, ms(300)), slow.deadline(call, ms(10))),
            (call, ms(300), IN_BLOCK_FLOOR)
        );
    }

    #[test]
    fn one_that_does_not_fit_waits_with_its_publishers_next_ones() {
        let mut order =
            FairOrder::new(local(vec![tx("alice", 0), tx("alice", 1), tx("bob", 2)]), &RecentTime::default());
        let first = order.next().unwrap();
        assert_eq!(first.tx.time, 0);
        order.hold(first);
        // Alice's second does not overtake her first; bob's runs.
        assert_eq!(order.next().unwrap().tx.publisher, "bob");
        order.ran(Duration::from_millis(1));
        assert!(order.next().is_none());
        let rest = order.rest();
        assert_eq!(rest.iter().map(|offered| offered.tx.time).collect::<Vec<_>>(), [0, 1]);
        // A slow one held: no other slow one in this block.
        let slow = |time| Offered { slow: true, ..Offered::new(tx("carol", time), Requester::Local) };
        let mut order = FairOrder::new(vec![slow(0), slow(1)], &RecentTime::default());
        let held = order.next_slow().unwrap();
        order.hold(held);
        assert!(order.next_slow().is_none());
        assert_eq!(order.rest().len(), 2);
    }

    #[test]
    fn recent_time_is_halved_every_block_until_forgotten() {
        let mut recent = RecentTime::default();
        let mut order = FairOrder::new(local(vec![tx("alice", 0)]), &recent);
        order.next();
        order.ran(Duration::from_nanos(8));
        recent.add_block(order);
        assert_eq!(recent.time[&Share::Publisher("alice".into())], Duration::from_nanos(4));
        for _ in 0..3 {
            recent.add_block(FairOrder::new(Vec::new(), &recent));
        }
        assert!(recent.time.is_empty());
    }
}
