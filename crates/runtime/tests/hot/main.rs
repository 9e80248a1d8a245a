//! The reference case of the design: one hot contract that every
//! transaction calls. Alone in its test binary, so that resident memory is
//! this test's own.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use v8vm_runtime::{Action, BlockInfo, Contract, PoolConfig, Requester, Transaction, VmConfig, VmManager};
use v8vm_state::{MemoryBackend, StateDb, StateOptions};

fn block(number: u64) -> BlockInfo {
    BlockInfo { number, parent_hash: String::new(), witness: "w".into(), time: 1_700_000_000_000_000_000 }
}

fn tx(hash: &str, action: Action) -> Transaction {
    Transaction::signed_by("alice", hash, 1, 100_000_000, action)
}

#[test]
fn a_hot_contract_called_100k_times_keeps_memory_flat() {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
    let pool = PoolConfig { min_workers: 1, max_workers: 1, ..PoolConfig::default() };
    let vm = VmManager::new(Arc::clone(&db), VmConfig { pool, ..VmConfig::default() }).unwrap();
    let source = std::fs::read_to_string(
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
            .join("../../examples/fomo3d.js"),
    )
    .unwrap();
    let game = Arc::new(Contract::from_source("fomo3d", "fomo3d.js", &source, None).unwrap());
    let deployed = vm.execute_tx(&block(1), &tx("d", Action::Deploy(game))).unwrap();
    assert!(deployed.is_success(), "{}", deployed.message);
    vm.commit_block(&block(1), &[deployed]).unwrap();

    let players = ["alice", "bob", "carol", "dave", "erin"];
    let (blocks, per_block) = (100, 1000);
    let mut baseline = 0;
    let mut peak = 0;
    let mut rates = Vec::new();
    for b in 0..blocks {
        let number = b as u64 + 2;
        let txs: Vec<Transaction> = (0..per_block)
            .map(|i| {
                let player = players[i % players.len()];
                let action = Action::call("fomo3d", "buy", &format!(r#"["{player}","1"]"#));
                Transaction::signed_by(player, &format!("{b}-{i}"), 1, 1_000_000, action)
            })
            .collect();
        let start = Instant::now();
        let receipts = vm.execute_block(&block(number), txs).unwrap();
        rates.push(per_block as f64 / start.elapsed().as_secs_f64());
        assert!(
            receipts.iter().all(|r| r.is_success()),
            "{}",
            receipts.iter().find(|r| !r.is_success()).unwrap().message
        );
        // Commit the state only: stored receipts (~350 bytes a buy) would
        // grow the in-memory database, and that is data, not the VM.
        vm.state().commit_block(number, b"", b"").unwrap();
        let resident = vm.metrics().resident_bytes;
        if b == 9 {
            baseline = resident; // after warming up
        }
        peak = peak.max(resident);
    }
    let round: serde_json::Value =
        serde_json::from_str(&vm.query("fomo3d", "round", "[]", Requester::Local).unwrap().ret).unwrap();
    assert_eq!(round["sold"], "100000");
    let growth = peak.saturating_sub(baseline);
    eprintln!(
        "fomo3d: 100k buys; calls/s per 10k: {:?}; resident after 10k {} MiB, peak {} MiB",
        rates.chunks(10).map(|c| (c.iter().sum::<f64>() / c.len() as f64) as u64).collect::<Vec<_>>(),
        baseline >> 20,
        peak >> 20
    );
    assert!(growth < 32 << 20, "resident memory grew {} MiB after warm-up", growth >> 20);
    assert_eq!(vm.metrics().pool.recycled_isolates, 0);
}
