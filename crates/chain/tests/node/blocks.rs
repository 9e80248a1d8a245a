//! Blocks: produced by one node, validated by another that executes them
//! again; tampered blocks rejected; the chain kept across restarts.

use std::time::Duration;

use v8vm_chain::{Block, ChainError, Genesis, Offered, Requester, TxError, IN_BLOCK_FLOOR, MAX_SLOW_BLOCKS};
use v8vm_runtime::{Status, VmConfig};
use v8vm_state::{MemoryBackend, RocksBackend, RocksOptions};

use crate::tester::{memory_chain, source_bundle, vm_config, TestChain};

const COUNTER: &str = "class Counter { init() { storage.put('n', '0'); }\n\
    add(k) { const n = Number(storage.get('n')) + Number(k); storage.put('n', String(n));\n\
             blockchain.event(JSON.stringify({ n })); return n; }\n\
    boom() { throw new Error('boom'); }\n\
    spin() { for (;;) {} } }\nmodule.exports = Counter;";

/// A few blocks of mixed transactions: deploy, calls, transfers, failures.
fn some_blocks(producer: &mut TestChain<impl v8vm_state::Backend + 'static>) -> Vec<Block> {
    let deploy = producer.tx("alice", &[("system.iost", "setCode", &source_bundle("counter.js", COUNTER, None))]);
    let id = v8vm_chain::contract_id(&deploy.hash());
    let mut blocks = vec![producer.block(vec![deploy]).block];
    let txs = vec![
        producer.tx("bob", &[(&id, "add", r#"["2"]"#), (&id, "add", r#"["3"]"#)]),
        producer.tx("carol", &[(&id, "boom", "[]")]),
        producer.tx("alice", &[("token.iost", "transfer", r#"["iost","alice","carol","1.25",""]"#)]),
        producer.tx_with("bob", &[(&id, "spin", "[]")], 50_000, vec![]),
    ];
    let produced = producer.block(txs);
    let statuses: Vec<Status> = produced.receipts.iter().map(|r| r.receipt.status).collect();
    assert_eq!(statuses, [Status::Success, Status::RuntimeError, Status::Success, Status::OutOfGas]);
    assert_eq!(produced.receipts[0].receipt.events.len(), 2);
    blocks.push(produced.block);
    blocks.push(producer.block(vec![]).block);
    blocks
}

#[test]
fn a_validator_reaches_the_producers_state_and_rejects_tampered_blocks() {
    let mut producer = memory_chain();
    let validator = memory_chain();
    assert_eq!(producer.chain.head().hash, validator.chain.head().hash, "one genesis, one genesis block");
    let blocks = some_blocks(&mut producer);

    let tampered = |change: &dyn Fn(&mut Block)| {
        let mut block = blocks[1].clone();
        change(&mut block);
        block
    };
    let resigned = |change: &dyn Fn(&mut Block)| {
        let mut block = blocks[1].clone();
        change(&mut block);
        Block::sign(block.header.clone(), &block.transactions().unwrap(), &Genesis::dev_key("admin"))
    };
    assert!(validator.chain.apply(&blocks[0]).is_ok());
    let head = validator.chain.head();
    let state = validator.chain.vm().state().head();
    let bad_blocks = [
        (tampered(&|b| b.header.state_digest = "00".repeat(32)), "it is not signed by the producer admin"),
        (resigned(&|b| b.header.state_digest = "00".repeat(32)), "the state differs when executed here"),
        (resigned(&|b| b.header.receipt_root = "00".repeat(32)), "its receipts differ when executed here"),
        (
            resigned(&|b| {
                b.txs.pop();
            }),
            "its transactions do not match its tx root",
        ),
        (
            {
                let mut block = blocks[1].clone();
                block.txs.pop();
                let txs = block.transactions().unwrap();
                block.header.tx_root = v8vm_chain::tx_root(&txs);
                Block::sign(block.header, &txs, &Genesis::dev_key("admin"))
            },
            "its receipts differ when executed here",
        ),
        (
            Block::sign(blocks[1].header.clone(), &blocks[1].transactions().unwrap(), &Genesis::dev_key("alice")),
            "it is not signed by the producer admin",
        ),
        (
            // The same transaction, the same header and producer signature,
            // but another signature list: the tx root covers signatures.
            tampered(&|b| {
                let mut tx = b.transactions().unwrap().remove(0);
                tx.signatures.push(tx.signatures[0].clone());
                b.txs[0] = hex::encode(tx.encode());
            }),
            "its transactions do not match its tx root",
        ),
        (resigned(&|b| b.header.parent_hash = "11".repeat(32)), "its parent is"),
        (blocks[2].clone(), "the next block is 3"),
    ];
    for (block, reason) in bad_blocks {
        match validator.chain.apply(&block) {
            Err(ChainError::Rejected { reason: got, .. }) => {
                assert!(got.starts_with(reason), "{got} (wanted {reason})")
            }
            other => panic!("accepted or failed otherwise: {other:?}"),
        }
        assert_eq!(validator.chain.head().hash, head.hash, "nothing kept");
        assert_eq!(validator.chain.vm().state().head(), state);
    }
    for block in &blocks[1..] {
        validator.chain.apply(block).unwrap();
    }
    assert_eq!(validator.chain.head(), producer.chain.head());
    assert_eq!(validator.chain.vm().state().head(), producer.chain.vm().state().head());
    assert_eq!(
        validator.chain.vm().state().recompute_digest().unwrap(),
        producer.chain.vm().state().head().digest,
        "the stored digest is the state's"
    );
    for block in &blocks {
        assert_eq!(
            validator.chain.receipts(block.header.number).unwrap(),
            producer.chain.receipts(block.header.number).unwrap()
        );
    }
    // A block already applied is not the next one.
    assert!(matches!(validator.chain.apply(&blocks[1]), Err(ChainError::Rejected { .. })));
}

#[test]
fn duplicates_are_refused_at_the_door_and_dropped_from_blocks() {
    let mut chain = memory_chain();
    let tx = chain.tx("alice", &[("token.iost", "transfer", r#"["iost","alice","bob","1",""]"#)]);
    let hash = tx.hash_hex();
    let produced = chain.chain.produce(vec![tx.clone(), tx.clone()], chain.now, &Genesis::dev_key("admin")).unwrap();
    assert_eq!(produced.receipts.len(), 1);
    assert_eq!(produced.dropped, vec![(hash.clone(), TxError::Duplicate(hash.clone()))]);
    assert_eq!(chain.chain.check_tx(&tx, chain.now, Requester::Local).unwrap_err(), TxError::Duplicate(hash.clone()));
    let (height, receipt) = chain.chain.receipt(&hash).unwrap().unwrap();
    assert_eq!((height, receipt.tx_hash.as_str()), (produced.block.header.number, hash.as_str()));
}

#[test]
fn the_chain_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("v8vm-chain-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let open = || TestChain::open(RocksBackend::open(&dir, &RocksOptions::default()).unwrap());
    let (head, balances, receipts) = {
        let mut chain = open();
        let blocks = some_blocks(&mut chain);
        let receipts = chain.chain.receipts(blocks[1].header.number).unwrap();
        (chain.chain.head(), [chain.balance("alice"), chain.balance("carol")], receipts)
    };
    let mut chain = open();
    assert_eq!(chain.chain.head(), head);
    assert_eq!([chain.balance("alice"), chain.balance("carol")], balances);
    assert_eq!(chain.chain.receipts(head.header.number - 1).unwrap(), receipts);
    assert_eq!(chain.chain.receipt(&receipts[2].tx_hash).unwrap().unwrap().1, receipts[2]);
    assert_eq!(chain.chain.block_by_hash(&head.hash).unwrap().unwrap(), head);
    chain.now = head.header.time + 1_000_000_000;
    let next = chain.run("carol", &[("token.iost", "transfer", r#"["iost","carol","bob","1",""]"#)]);
    assert!(next.receipt.is_success(), "{}", next.receipt.message);
    assert_eq!(chain.chain.head().header.number, head.header.number + 1);
    drop(chain);
    // Another genesis cannot open this chain.
    let db = std::sync::Arc::new(
        v8vm_state::StateDb::open(RocksBackend::open(&dir, &RocksOptions::default()).unwrap(), Default::default())
            .unwrap(),
    );
    let other = v8vm_chain::Chain::open(db, Genesis::dev(1), crate::tester::vm_config());
    assert!(matches!(other, Err(ChainError::Genesis(_))), "{other:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

const BUSY: &str = "class Busy { init() {}\n\
    work(n) { let x = 0; for (let i = 0; i < Number(n); i++) x += i % 7; return x; } }\n\
    module.exports = Busy;";

/// A node that hits its own deadline on a transaction leaves it out of its
/// block, unpaid, and refuses it at the door: a timeout depends on the
/// machine, so it never goes into a block for others to reproduce.
#[test]
fn a_producer_leaves_out_what_its_deadline_stops() {
    let config = VmConfig { call_timeout: Duration::from_millis(50), ..vm_config() };
    let mut producer = TestChain::open_with(MemoryBackend::new(), config);
    let id = producer.deployed("busy.js", BUSY);
    let endless = producer.tx_with("bob", &[(&id, "work", r#"["1e12"]"#)], 1_000_000_000, vec![]);
    match producer.chain.check_tx(&endless, producer.now, Requester::Local) {
        Err(TxError::ResourceLimit { status: "timeout", message }) => {
            assert!(message.contains("deadline"), "{message}")
        }
        other => panic!("admitted: {other:?}"),
    }
    // Given it anyway (a pool filled when the node was less busy), the
    // producer leaves it out; the transaction beside it goes in.
    let (bob, height) = (producer.balance("bob"), producer.chain.head().header.number);
    let quick = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    let produced =
        producer.chain.produce(vec![endless.clone(), quick], producer.now, &Genesis::dev_key("admin")).unwrap();
    assert_eq!(produced.block.header.number, height + 1);
    assert_eq!(produced.receipts.len(), 1);
    assert_eq!(produced.receipts[0].receipt.status, Status::Success);
    match &produced.dropped[..] {
        [(hash, TxError::ResourceLimit { status: "timeout", .. })] => assert_eq!(*hash, endless.hash_hex()),
        other => panic!("{other:?}"),
    }
    assert_eq!(producer.balance("bob"), bob, "unpaid");
    assert!(producer.chain.receipt(&endless.hash_hex()).unwrap().is_none());
}

/// However many transactions run into the deadline, a block takes about its
/// time budget: once it is spent, the rest are handed back, unrun, for a
/// later block.
#[test]
fn a_block_runs_no_more_once_its_time_is_spent() {
    let config = VmConfig { call_timeout: Duration::from_millis(50), ..vm_config() };
    let mut producer = TestChain::open_with(MemoryBackend::new(), config);
    let id = producer.deployed("busy.js", BUSY);
    let endless: Vec<_> =
        (0..3).map(|_| producer.tx_with("bob", &[(&id, "work", r#"["1e12"]"#)], 1_000_000_000, vec![])).collect();
    let quick = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    let mut txs = endless.clone();
    txs.push(quick.clone());
    let key = Genesis::dev_key("admin");
    let txs = txs.into_iter().map(|tx| Offered::new(tx, Requester::Local)).collect();
    let produced = producer.chain.produce_within(txs, producer.now, &key, Duration::from_millis(20)).unwrap();
    // The first ran into the deadline (50 ms), past the budget (20 ms).
    assert_eq!((produced.dropped.len(), produced.receipts.len()), (1, 0));
    let deferred: Vec<String> = produced.deferred.iter().map(|offered| offered.tx.hash_hex()).collect();
    assert_eq!(deferred, [endless[1].hash_hex(), endless[2].hash_hex(), quick.hash_hex()]);
}

/// After its first transaction, a block starts none whose deadline does
/// not fit in what is left of its budget: it waits, with its publisher's
/// next ones, and a block ends within its budget (red team: one allowed the
/// whole call deadline could start just before the budget ended, and the
/// block took the budget plus a deadline). Such a one runs as a block's
/// first.
#[test]
fn one_whose_deadline_does_not_fit_what_the_budget_leaves_waits() {
    let (mut producer, id) = busy_producer();
    let key = Genesis::dev_key("admin");
    let budget = Duration::from_millis(300);
    let tried = |tx, ms| Offered { tried: Some(Duration::from_millis(ms)), ..Offered::new(tx, Requester::Local) };
    let work = |producer: &mut TestChain<MemoryBackend>, from| producer.tx(from, &[(&id, "work", r#"["10"]"#)]);
    let alice = work(&mut producer, "alice");
    let heavy = [work(&mut producer, "bob"), work(&mut producer, "bob")];
    let carol = work(&mut producer, "carol");
    // Bob's dry runs took 200 ms: each may take 800 ms in a block.
    let txs = vec![
        tried(alice.clone(), 1),
        tried(heavy[0].clone(), 200),
        tried(heavy[1].clone(), 1),
        tried(carol.clone(), 1),
    ];
    let produced = producer.chain.produce_within(txs, producer.now, &key, budget).unwrap();
    let ran: Vec<String> = produced.receipts.iter().map(|receipt| receipt.tx_hash.clone()).collect();
    assert_eq!(ran, [alice.hash_hex(), carol.hash_hex()]);
    assert!(produced.dropped.is_empty(), "{:?}", produced.dropped);
    let waiting: Vec<String> = produced.deferred.iter().map(|offered| offered.tx.hash_hex()).collect();
    assert_eq!(waiting, [heavy[0].hash_hex(), heavy[1].hash_hex()]);
    // First to run in the next block (one refused before it runs, a
    // duplicate of alice's, does not take that place), it runs, and bob's
    // next after it.
    producer.now += 1_000_000_000;
    let mut txs = vec![tried(alice.clone(), 1)];
    txs.extend(produced.deferred);
    let produced = producer.chain.produce_within(txs, producer.now, &key, budget).unwrap();
    let ran: Vec<String> = produced.receipts.iter().map(|receipt| receipt.tx_hash.clone()).collect();
    assert_eq!(ran, [heavy[0].hash_hex(), heavy[1].hash_hex()]);
    assert!(matches!(&produced.dropped[..], [(hash, TxError::Duplicate(_))] if *hash == alice.hash_hex()));
}

/// A publisher whose transactions are cheap in gas but slow, and came
/// first, does not keep others out of blocks: publishers share a block's
/// time, so another's transaction runs right after the first slow one, and
/// what the time budget leaves out is the slow publisher's. The next block
/// starts with the others too (the time carries over).
#[test]
fn a_slow_publisher_that_came_first_leaves_others_their_share_of_a_block() {
    let mut producer = memory_chain();
    let id = producer.deployed("busy.js", BUSY);
    // (Each ~half the block's budget, so that the first fits with room to
    // spare on a loaded machine: every `Number(n)` of the loop is a library call.)
    let slow: Vec<_> =
        (0..40).map(|_| producer.tx_with("bob", &[(&id, "work", r#"["1500000"]"#)], 1_000_000_000, vec![])).collect();
    let mut txs = slow.clone();
    let carol = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    txs.push(carol.clone());
    let key = Genesis::dev_key("admin");
    let ran = |produced: &v8vm_chain::Produced| {
        produced.receipts.iter().map(|receipt| receipt.tx_hash.clone()).collect::<Vec<_>>()
    };
    // Each from a client of its own, its dry run having taken 30 ms.
    let sent = |txs: Vec<v8vm_chain::Transaction>| {
        txs.into_iter()
            .map(|tx| {
                let client = if tx.publisher == "bob" { 1 } else { 2 };
                Offered { tried: Some(Duration::from_millis(30)), ..Offered::new(tx, Requester::Client(client)) }
            })
            .collect()
    };
    let first = producer.chain.produce_within(sent(txs), producer.now, &key, Duration::from_millis(200)).unwrap();
    assert!(first.receipts.iter().all(|receipt| receipt.receipt.is_success()));
    assert_eq!(ran(&first)[..2], [slow[0].hash_hex(), carol.hash_hex()]);
    assert!(!first.deferred.is_empty(), "the budget leaves some of bob's out");
    let deferred: Vec<String> = first.deferred.iter().map(|offered| offered.tx.hash_hex()).collect();
    let expected: Vec<String> = slow[slow.len() - deferred.len()..].iter().map(|tx| tx.hash_hex()).collect();
    assert_eq!(deferred, expected, "bob's last ones, in order");
    producer.now += 1_000_000_000;
    let mut txs: Vec<_> = first.deferred.into_iter().map(|offered| offered.tx).collect();
    let carol = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    txs.push(carol.clone());
    let second = producer.chain.produce_within(sent(txs), producer.now, &key, Duration::from_millis(200)).unwrap();
    assert_eq!(ran(&second)[0], carol.hash_hex());
}

/// A producer with a 1 s call deadline and the busy contract; its id.
fn busy_producer() -> (TestChain<MemoryBackend>, String) {
    let config = VmConfig { call_timeout: Duration::from_millis(1000), ..vm_config() };
    let mut producer = TestChain::open_with(MemoryBackend::new(), config);
    let id = producer.deployed("busy.js", BUSY);
    (producer, id)
}

/// `tx` sent by `client`, its dry run at the door having taken 1 ms.
fn quick_at_the_door(tx: v8vm_chain::Transaction, client: u64) -> Offered {
    Offered { tried: Some(Duration::from_millis(1)), ..Offered::new(tx, Requester::Client(client)) }
}

/// Transactions quick at the door but slow in the block (they read the
/// state or the block's time), each from a client address of its own, as
/// an attacker with many addresses would send them: each takes only
/// [`IN_BLOCK_FLOOR`] of a block before it is set aside as slow, a sender
/// seen recently goes before them, and set-aside ones run with what the
/// budget leaves, to the call deadline only as a block's first (dropped
/// unpaid there).
#[test]
fn transactions_slow_only_in_the_block_take_little_of_it() {
    let (mut producer, id) = busy_producer();
    let key = Genesis::dev_key("admin");
    let budget = Duration::from_millis(400);
    // Their dry runs took 1 ms; in the block they spin.
    let tried = quick_at_the_door;
    // Carol sends a little every block.
    let quick = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    producer.chain.produce_within(vec![tried(quick, 1)], producer.now, &key, budget).unwrap();
    producer.now += 1_000_000_000;
    let bob = producer.balance("bob");
    let spinning: Vec<_> =
        (0..12).map(|_| producer.tx_with("bob", &[(&id, "work", r#"["1e12"]"#)], 1_000_000_000, vec![])).collect();
    let mut txs: Vec<Offered> = spinning.iter().zip(100..).map(|(tx, client)| tried(tx.clone(), client)).collect();
    let carol = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    txs.push(tried(carol.clone(), 1));
    let started = std::time::Instant::now();
    let produced = producer.chain.produce_within(txs, producer.now, &key, budget).unwrap();
    let took = started.elapsed();
    // Carol's, though it came last; none of the spinning ones, none
    // dropped: set aside (each after the floor), or not reached.
    assert_eq!(produced.receipts.len(), 1);
    assert_eq!(produced.receipts[0].tx_hash, carol.hash_hex());
    assert!(produced.dropped.is_empty(), "{:?}", produced.dropped);
    assert_eq!(produced.deferred.len(), spinning.len());
    let set_aside = produced.deferred.iter().filter(|offered| offered.slow).count();
    let most = (budget.as_millis() / IN_BLOCK_FLOOR.as_millis()) as usize + 1;
    assert!((1..=most).contains(&set_aside), "{set_aside}");
    assert!(took < budget + 4 * IN_BLOCK_FLOOR, "the block took {took:?}");
    // The next block: carol's first again, then the others not reached yet
    // (each set aside after the floor); set-aside ones run with what the
    // budget leaves, and wait.
    producer.now += 1_000_000_000;
    let carol = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    let mut txs = produced.deferred;
    txs.push(tried(carol.clone(), 1));
    let produced = producer.chain.produce_within(txs, producer.now, &key, budget).unwrap();
    assert_eq!(produced.receipts.len(), 1);
    assert_eq!(produced.receipts[0].tx_hash, carol.hash_hex());
    assert!(produced.dropped.is_empty(), "{:?}", produced.dropped);
    assert!(produced.deferred.iter().all(|offered| offered.slow));
    assert_eq!(produced.deferred.len(), spinning.len());
    // A block they have to themselves: the first runs to the call deadline
    // and is dropped unpaid (its sender is then the node's to pause); the
    // block then runs nothing more, and the rest wait.
    producer.now += 1_000_000_000;
    let produced = producer.chain.produce_within(produced.deferred, producer.now, &key, budget).unwrap();
    assert!(produced.receipts.is_empty());
    assert_eq!(produced.dropped.len(), 1);
    assert!(
        matches!(&produced.dropped[0].1, TxError::ResourceLimit { status: "timeout", .. }),
        "{:?}",
        produced.dropped
    );
    assert_eq!(produced.deferred.len(), spinning.len() - 1);
    assert_eq!(producer.balance("bob"), bob, "unpaid");
}

/// A block offered nothing but transactions that are set aside (quick at
/// the door, slow in the block) still ends at its budget: every run counts,
/// included or not (red team round 16: a block that included nothing ran
/// every such transaction, and blocks grew to 49 s). And a slow one that
/// finds no time to run to the deadline within a few blocks is dropped.
#[test]
fn a_block_of_set_aside_transactions_ends_at_its_budget() {
    let (mut producer, id) = busy_producer();
    let key = Genesis::dev_key("admin");
    let budget = Duration::from_millis(300);
    let spinning: Vec<Offered> = (0..40)
        .map(|client| {
            let tx = producer.tx_with("bob", &[(&id, "work", r#"["1e12"]"#)], 1_000_000_000, vec![]);
            quick_at_the_door(tx, 100 + client)
        })
        .collect();
    let started = std::time::Instant::now();
    let produced = producer.chain.produce_within(spinning, producer.now, &key, budget).unwrap();
    let took = started.elapsed();
    assert!(took < budget + 3 * IN_BLOCK_FLOOR, "the block took {took:?}");
    assert!(produced.receipts.is_empty() && produced.dropped.is_empty());
    assert_eq!(produced.deferred.len(), 40);
    let set_aside = produced.deferred.iter().filter(|offered| offered.slow).count();
    assert!(set_aside <= (budget.as_millis() / IN_BLOCK_FLOOR.as_millis()) as usize + 1, "{set_aside}");
    // A slow one that has waited its blocks, in a block whose budget others
    // spend: dropped, with the reason.
    producer.now += 1_000_000_000;
    let mut slow = produced.deferred.into_iter().find(|offered| offered.slow).unwrap();
    slow.waited = MAX_SLOW_BLOCKS;
    let quick = producer.tx("carol", &[(&id, "work", r#"["10"]"#)]);
    let txs = vec![Offered::new(quick, Requester::Client(1)), slow.clone()];
    let produced = producer.chain.produce_within(txs, producer.now, &key, Duration::from_nanos(1)).unwrap();
    assert_eq!(produced.receipts.len(), 1);
    assert_eq!(produced.dropped, [(slow.tx.hash_hex(), TxError::SetAside(MAX_SLOW_BLOCKS + 1))]);
    assert!(produced.deferred.is_empty());
}

/// A validator that cannot finish a transaction of the producer's block
/// within its own (validation) deadline stops with an error naming the
/// block and the transaction, keeps nothing, and validates the same block
/// once it is given a normal budget.
#[test]
fn a_validator_that_cannot_finish_stops_cleanly_and_resumes_with_a_normal_budget() {
    let mut producer = memory_chain();
    let deploy = producer.tx("alice", &[("system.iost", "setCode", &source_bundle("busy.js", BUSY, None))]);
    let id = v8vm_chain::contract_id(&deploy.hash());
    let first = producer.block(vec![deploy]).block;
    let busy = producer.tx_with("bob", &[(&id, "work", r#"["3000000"]"#)], 1_000_000_000, vec![]);
    let produced = producer.block(vec![busy.clone()]);
    assert_eq!(produced.receipts[0].receipt.status, Status::Success, "{}", produced.receipts[0].receipt.message);
    let second = produced.block;

    let dir = std::env::temp_dir().join(format!("v8vm-chain-validate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let open = |validation_timeout: Duration| {
        let config = VmConfig { validation_timeout, ..vm_config() };
        TestChain::open_with(RocksBackend::open(&dir, &RocksOptions::default()).unwrap(), config)
    };
    open(VmConfig::default().validation_timeout).chain.apply(&first).unwrap();
    {
        // Restarted on a machine far too slow for the next block (a 1 ms
        // budget).
        let slow = open(Duration::from_millis(1));
        let (head, state) = (slow.chain.head(), slow.chain.vm().state().head());
        match slow.chain.apply(&second) {
            Err(error @ ChainError::CannotFinish { number, index: 0, status: "timeout", .. }) => {
                assert_eq!(number, second.header.number);
                let message = error.to_string();
                assert!(message.contains(&busy.hash_hex()) && message.contains("stops following"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(slow.chain.head(), head, "nothing kept");
        assert_eq!(slow.chain.vm().state().head(), state);
    }
    // Restarted with the normal budget, it follows on.
    let normal = open(VmConfig::default().validation_timeout);
    normal.chain.apply(&second).unwrap();
    assert_eq!(normal.chain.head(), producer.chain.head());
    assert_eq!(normal.chain.vm().state().head(), producer.chain.vm().state().head());
    drop(normal);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A follower on a machine 5x slower than the producer (simulated: a fifth
/// of the validation budget, 2 s) still follows blocks whose transactions
/// took a good share of the producer's own 1 s deadline: the budget a
/// validator has is ten times the producer's deadline.
#[test]
fn a_follower_five_times_slower_than_its_producer_still_follows() {
    let mut producer = memory_chain();
    let id = producer.deployed("busy.js", BUSY);
    let mut blocks = vec![producer.chain.block(1).unwrap().unwrap(), producer.chain.block(2).unwrap().unwrap()];
    // ~30 million gas of loop: about a tenth of a second here, a third of
    // the deadline on a machine three times slower.
    for _ in 0..3 {
        let busy = producer.tx_with("bob", &[(&id, "work", r#"["3000000"]"#)], 1_000_000_000, vec![]);
        let produced = producer.block(vec![busy]);
        assert_eq!(produced.receipts[0].receipt.status, Status::Success, "{}", produced.receipts[0].receipt.message);
        blocks.push(produced.block);
    }
    let slow = VmConfig { validation_timeout: VmConfig::default().validation_timeout / 5, ..vm_config() };
    let follower = TestChain::open_with(MemoryBackend::default(), slow);
    for block in &blocks[1..] {
        follower.chain.apply(block).unwrap();
    }
    assert_eq!(follower.chain.head(), producer.chain.head());
    assert_eq!(follower.chain.vm().state().head(), producer.chain.vm().state().head());
}

/// `estimateGas` is unsigned and open to anyone: it runs with at most the
/// read-only calls' gas limit, whatever the transaction asks for.
#[test]
fn an_estimate_runs_with_at_most_the_read_only_gas_limit() {
    let mut chain = memory_chain();
    let id = chain.deployed("busy.js", BUSY);
    let endless = chain.tx_with("bob", &[(&id, "work", r#"["1e12"]"#)], 1_000_000_000, vec![]);
    let estimate = chain.chain.estimate(&endless, Requester::Local).unwrap();
    assert_eq!(estimate.receipt.status, Status::OutOfGas, "{}", estimate.receipt.message);
    assert_eq!(estimate.receipt.gas_used, VmConfig::default().query_gas_limit);
}

const EMIT: &str = "class Emit { init() {}\n\
    big(n) { blockchain.event('x'.repeat(Number(n))); }\n\
    payout(n) { for (let i = 0; i < Number(n); i++) blockchain.withdraw('bob', '0.00000001', 'm'.repeat(500)); } }\n\
    module.exports = Emit;";

/// The cap on receipts and events is per transaction, across its actions,
/// and counts the receipts native contracts write (a transfer's) too.
#[test]
fn receipts_and_events_are_capped_per_transaction_natives_included() {
    let mut chain = memory_chain();
    let id = chain.deployed("emit.js", EMIT);
    let cap = "a transaction may emit at most 1048576 bytes of receipts and events";
    // Two actions of 600 KB each: the second goes over.
    let two =
        chain.tx_with("alice", &[(&id, "big", r#"["600000"]"#), (&id, "big", r#"["600000"]"#)], 10_000_000, vec![]);
    let receipt = chain.block(vec![two]).receipts.remove(0).receipt;
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(receipt.message.starts_with(&format!("action 2 ({id}.big): RangeError: {cap}")), "{}", receipt.message);
    assert!(receipt.events.is_empty());
    // Natives' receipts count: ~600 bytes for each transfer with a long memo.
    let fund = chain.tx("alice", &[("token.iost", "transfer", &format!(r#"["iost","alice","{id}","1",""]"#))]);
    assert!(chain.block(vec![fund]).receipts[0].receipt.is_success());
    let bob = chain.balance("bob");
    let payout = chain.tx_with("alice", &[(&id, "payout", r#"["3000"]"#)], 100_000_000, vec![]);
    let receipt = chain.block(vec![payout]).receipts.remove(0).receipt;
    assert_eq!(receipt.status, Status::RuntimeError);
    assert!(receipt.message.contains(&format!("token.iost.transfer failed: {cap}")), "{}", receipt.message);
    assert_eq!(chain.balance("bob"), bob, "nothing moved");
}
