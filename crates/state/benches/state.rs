//! State database benchmarks (not tests): block commit, random point reads
//! with cold and warm caches, and reads/writes per second through the full
//! stack (journal → block cache → read cache → RocksDB) against RocksDB
//! alone on the same data.
//!
//! ```sh
//! cargo bench -p v8vm-state --bench state -- --keys 1000000,10000000 --dir /var/tmp/v8vm-bench
//! ```
//!
//! Each key count gets its own database under `--dir`, loaded once through
//! [`StateDb::commit_block`] in blocks of 100,000 new keys and reused by
//! later runs. "Cold" first drops the kernel's page cache when it can (root
//! on Linux) and reopens the database, so neither our read cache nor
//! RocksDB's block cache holds anything.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_state::{Backend, Column, Journal, RocksBackend, RocksOptions, Slot, StateDb, StateOptions, StateView};

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;

const LOAD_BLOCK: u64 = 100_000;
const TXS_PER_BLOCK: u64 = 10_000;
const WRITES_PER_TX: u64 = 4;
const READ_CACHE: usize = 256 << 20;
const BLOCK_CACHE: usize = 256 << 20;

fn slot(i: u64) -> Slot {
    Slot::field("bench", "balances", &format!("acct{i:010}"))
}

fn value(i: u64, version: u64) -> String {
    format!("{:032}", i.wrapping_mul(0x9e37_79b9).wrapping_add(version))
}

fn open(dir: &Path) -> Arc<StateDb<RocksBackend>> {
    let backend =
        RocksBackend::open(dir, &RocksOptions { sync: false, block_cache_bytes: BLOCK_CACHE }).expect("open RocksDB");
    Arc::new(StateDb::open(backend, StateOptions { read_cache_bytes: READ_CACHE }).expect("open state"))
}

/// Opens the database of `keys` keys, loading what is missing.
fn loaded(root: &Path, keys: u64) -> (PathBuf, Arc<StateDb<RocksBackend>>) {
    let dir = root.join(format!("keys-{keys}"));
    let db = open(&dir);
    let loaded_blocks = keys.div_ceil(LOAD_BLOCK);
    let start = Instant::now();
    let first = db.head().height;
    for block in first..loaded_blocks {
        let mut tx = Journal::new(db.clone());
        for i in block * LOAD_BLOCK..((block + 1) * LOAD_BLOCK).min(keys) {
            tx.storage_put(&slot(i), &value(i, 0));
        }
        db.apply(tx.into_changes());
        db.commit_block(block + 1, b"load", b"").expect("commit");
        if block % 10 == 9 {
            eprintln!("  loaded {} of {keys} keys ({:.0} s)", (block + 1) * LOAD_BLOCK, start.elapsed().as_secs_f64());
        }
    }
    if first < loaded_blocks {
        println!(
            "loaded {keys} keys in {:.1} s ({:.0} keys/s through commit_block)",
            start.elapsed().as_secs_f64(),
            (keys - first * LOAD_BLOCK) as f64 / start.elapsed().as_secs_f64()
        );
    }
    (dir, db)
}

/// Lets background compaction finish, closes the database, drops the
/// kernel's page cache (if allowed) and reopens it: every measured phase
/// starts from the same cold state.
fn cold(dir: &Path, db: Arc<StateDb<RocksBackend>>) -> (Arc<StateDb<RocksBackend>>, bool) {
    db.backend().wait_for_compaction().expect("compaction");
    drop(db);
    // Dirty pages (files just written) survive a drop: write them back first.
    let synced = std::process::Command::new("sync").status().is_ok_and(|status| status.success());
    let dropped = synced && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok();
    (open(dir), dropped)
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

fn micros(elapsed: Duration, count: u64) -> f64 {
    elapsed.as_secs_f64() * 1e6 / count as f64
}

/// Random point reads: cold (fresh open, page cache dropped) then warm (the
/// same keys again), through the full stack and through the backend alone.
fn reads(root: &Path, keys: u64, samples: u64) {
    let (dir, mut db) = loaded(root, keys);
    let mut rng = Rng(keys);
    let picks: Vec<Vec<u8>> = (0..samples).map(|_| slot(rng.below(keys)).encode()).collect();
    for layer in ["full stack", "raw RocksDB"] {
        let dropped;
        (db, dropped) = cold(&dir, db);
        let mut rows = Vec::new();
        for pass in ["cold", "warm"] {
            let start = Instant::now();
            let mut found = 0u64;
            for key in &picks {
                let value = match layer {
                    "full stack" => db.get(key).expect("read"),
                    _ => db.backend().get(Column::State, key).expect("read"),
                };
                found += u64::from(value.is_some());
            }
            let elapsed = start.elapsed();
            assert_eq!(found, samples);
            rows.push(format!(
                "{pass} {:.2} µs/read ({:.0}/s)",
                micros(elapsed, samples),
                per_second(samples, elapsed)
            ));
        }
        println!(
            "reads, {keys} keys, {samples} random keys, {layer}: {} (page cache dropped: {dropped})",
            rows.join(", ")
        );
    }
}

/// A block of 10,000 transactions of 4 writes (3 updates of random keys,
/// 1 new key), executed through journals and committed; `blocks` blocks in
/// a row, from a reopened database with the page cache dropped.
fn commit(root: &Path, keys: u64, blocks: u64) {
    let (dir, db) = loaded(root, keys);
    let (db, _) = cold(&dir, db);
    let mut rng = Rng(7);
    let mut fresh = keys + db.head().height * TXS_PER_BLOCK;
    let mut execute = Vec::new();
    let mut commit = Vec::new();
    for _ in 0..blocks {
        let start = Instant::now();
        for _ in 0..TXS_PER_BLOCK {
            let mut tx = Journal::new(db.clone());
            for _ in 0..WRITES_PER_TX - 1 {
                let i = rng.below(keys);
                tx.storage_put(&slot(i), &value(i, rng.next()));
            }
            tx.storage_put(&slot(fresh), &value(fresh, 0));
            fresh += 1;
            db.apply(tx.into_changes());
        }
        execute.push(start.elapsed());
        let start = Instant::now();
        let height = db.head().height + 1;
        db.commit_block(height, &[0; 1024], &[0; 4096]).expect("commit");
        commit.push(start.elapsed());
    }
    execute.sort();
    commit.sort();
    let median = |v: &[Duration]| v[v.len() / 2].as_secs_f64() * 1e3;
    println!(
        "commit, {keys} keys, block of {TXS_PER_BLOCK} tx x {WRITES_PER_TX} writes, median of {blocks}: \
         execute (journals + apply) {:.1} ms, commit_block {:.1} ms, total {:.1} ms ({:.0} tx/s)",
        median(&execute),
        median(&commit),
        median(&execute) + median(&commit),
        TXS_PER_BLOCK as f64 / ((median(&execute) + median(&commit)) / 1e3)
    );
}

/// Which keys a transaction writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// It writes 4 keys other than the 4 it read: each write's old value
    /// must be read at commit, for the digest.
    Blind,
    /// It writes the 4 keys it read (a transfer): the old values are in the
    /// read cache.
    ReadModifyWrite,
}

/// Before a measured phase: lets background compaction finish, and unless
/// `warm`, starts [`cold`].
fn settle(dir: &Path, db: Arc<StateDb<RocksBackend>>, warm: bool) -> Arc<StateDb<RocksBackend>> {
    if warm {
        db.backend().wait_for_compaction().expect("compaction");
        db
    } else {
        cold(dir, db).0
    }
}

/// Operations per second of one measured phase.
#[derive(Debug, Clone, Copy)]
struct Rates {
    reads: f64,
    writes: f64,
}

/// Reads and writes per second: blocks of 10,000 transactions of 4 random
/// reads and 4 writes, through the full stack, then the same operations on
/// the backend alone (gets, and one write batch per block). Cold: each
/// phase starts from [`cold`]; warm: after an untimed warm-up, on the open
/// database. Three rounds, medians reported.
fn throughput(root: &Path, keys: u64, blocks: u64, warm: bool) {
    let (dir, mut db) = loaded(root, keys);
    for pattern in [Pattern::Blind, Pattern::ReadModifyWrite] {
        let (mut full, mut raw) = (Vec::new(), Vec::new());
        if warm {
            // Warm-up: fills the page cache, RocksDB's block cache and the read cache.
            let version = db.head().height;
            full_stack(&db, keys, blocks, (91, 92), version);
            raw_rocks(&db, keys, blocks, (91, 92), version);
        }
        for round in 0..3 {
            // Values unique to this round, so that no write is a no-op, and
            // the raw side writes what the full stack wrote (the digest
            // stays true).
            let version = db.head().height;
            // Seeds of the keys read and written. The raw side reads other
            // keys: the full stack's writes leave the keys it wrote packed
            // in fresh files, which would make reading them again cheaper.
            let base = if pattern == Pattern::Blind { 0 } else { 100 };
            let read = base + round * 10 + 1;
            let write = if pattern == Pattern::Blind { read + 1 } else { read };
            db = settle(&dir, db, warm);
            full.push(full_stack(&db, keys, blocks, (read, write), version));
            db = settle(&dir, db, warm);
            raw.push(raw_rocks(&db, keys, blocks, (read + 2, write), version));
            eprintln!("  round {round}: {pattern:?} full {:?} raw {:?}", full[round as usize], raw[round as usize]);
        }
        let median = |rates: &[Rates], pick: fn(&Rates) -> f64| {
            let mut values: Vec<f64> = rates.iter().map(pick).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let ops = blocks * TXS_PER_BLOCK * WRITES_PER_TX;
        let (fr, fw) = (median(&full, |r| r.reads), median(&full, |r| r.writes));
        let (rr, rw) = (median(&raw, |r| r.reads), median(&raw, |r| r.writes));
        println!(
            "throughput, {keys} keys, {}, {pattern:?}, {ops} reads + {ops} writes, median of 3: full stack {fr:.0} reads/s, \
             {fw:.0} writes/s; raw RocksDB {rr:.0} reads/s, {rw:.0} writes/s; overhead {:.2}x reads, {:.2}x writes",
            if warm { "warm" } else { "cold" },
            rr / fr,
            rw / fw,
        );
    }
}

/// Random key indexes from a seed.
fn plan(seed: u64, keys: u64) -> impl Iterator<Item = u64> {
    let mut rng = Rng(seed);
    std::iter::repeat_with(move || rng.below(keys))
}

/// The full stack: a journal per transaction, applied, a commit per block.
fn full_stack(db: &Arc<StateDb<RocksBackend>>, keys: u64, blocks: u64, seeds: (u64, u64), version: u64) -> Rates {
    let (mut read_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let (mut reads, mut writes) = (plan(seeds.0, keys), plan(seeds.1, keys));
    for _ in 0..blocks {
        for _ in 0..TXS_PER_BLOCK {
            let start = Instant::now();
            let mut tx = Journal::new(db.clone());
            for _ in 0..WRITES_PER_TX {
                assert!(tx.storage_get(&slot(reads.next().unwrap())).expect("read").is_some());
            }
            let middle = Instant::now();
            for _ in 0..WRITES_PER_TX {
                let i = writes.next().unwrap();
                tx.storage_put(&slot(i), &value(i, version));
            }
            db.apply(tx.into_changes());
            read_time += middle - start;
            write_time += middle.elapsed();
        }
        let start = Instant::now();
        let height = db.head().height + 1;
        db.commit_block(height, b"", b"").expect("commit");
        write_time += start.elapsed();
    }
    let ops = blocks * TXS_PER_BLOCK * WRITES_PER_TX;
    Rates { reads: per_second(ops, read_time), writes: per_second(ops, write_time) }
}

/// The same operations on the backend alone: a get per read, the encoded
/// writes in one batch per block.
fn raw_rocks(db: &Arc<StateDb<RocksBackend>>, keys: u64, blocks: u64, seeds: (u64, u64), version: u64) -> Rates {
    let backend = db.backend();
    let (mut read_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let (mut reads, mut writes) = (plan(seeds.0, keys), plan(seeds.1, keys));
    for _ in 0..blocks {
        let mut batch = v8vm_state::Batch::default();
        for _ in 0..TXS_PER_BLOCK {
            let start = Instant::now();
            for _ in 0..WRITES_PER_TX {
                let key = slot(reads.next().unwrap()).encode();
                assert!(backend.get(Column::State, &key).expect("read").is_some());
            }
            let middle = Instant::now();
            for _ in 0..WRITES_PER_TX {
                let i = writes.next().unwrap();
                batch.put(Column::State, slot(i).encode(), value(i, version).into_bytes());
            }
            read_time += middle - start;
            write_time += middle.elapsed();
        }
        let start = Instant::now();
        backend.write(batch).expect("write");
        write_time += start.elapsed();
    }
    let ops = blocks * TXS_PER_BLOCK * WRITES_PER_TX;
    Rates { reads: per_second(ops, read_time), writes: per_second(ops, write_time) }
}

fn main() {
    let mut keys = vec![1_000_000u64];
    let mut root = std::env::temp_dir().join("v8vm-state-bench");
    let mut scenarios = Vec::new();
    let mut warm = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--keys" => {
                keys = args.next().expect("--keys N[,N...]").split(',').map(|n| n.parse().expect("a count")).collect()
            }
            "--dir" => root = PathBuf::from(args.next().expect("--dir PATH")),
            "--bench" => {}
            "--warm" => warm = true,
            "commit" | "reads" | "throughput" => scenarios.push(arg),
            other => panic!(
                "unknown argument {other:?}: use [--keys N,N] [--dir PATH] [--warm] [commit|reads|throughput]..."
            ),
        }
    }
    if scenarios.is_empty() {
        scenarios = vec!["commit".into(), "reads".into(), "throughput".into()];
    }
    for &n in &keys {
        for scenario in &scenarios {
            match scenario.as_str() {
                "commit" => commit(&root, n, 5),
                "reads" => reads(&root, n, 200_000),
                _ => throughput(&root, n, 5, warm),
            }
        }
    }
}
