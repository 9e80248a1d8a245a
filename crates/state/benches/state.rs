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

const LOAD_BLOCK: u64 = 100_000;
const TXS_PER_BLOCK: u64 = 10_000;
const WRITES_PER_TX: u64 = 4;
const READ_CACHE: usize = 256 << 20;
const BLOCK_CACHE: usize = 256 << 20;

/// SplitMix64: deterministic random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

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

fn drop_page_cache() -> bool {
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
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
    let (dir, db) = loaded(root, keys);
    drop(db);
    let mut rng = Rng(keys);
    let picks: Vec<Vec<u8>> = (0..samples).map(|_| slot(rng.below(keys)).encode()).collect();
    for layer in ["full stack", "raw RocksDB"] {
        let dropped = drop_page_cache();
        let db = open(&dir);
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

/// A block of 10,000 transactions of 4 writes (3 updates, 1 new key),
/// executed through journals and committed; `blocks` blocks in a row.
fn commit(root: &Path, keys: u64, blocks: u64) {
    let (_, db) = loaded(root, keys);
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

/// Reads and writes per second: transactions of 4 reads and 4 writes over
/// random keys, blocks of 10,000, through the full stack; then the same
/// operations on the backend alone (gets, and one write batch per block).
fn throughput(root: &Path, keys: u64, blocks: u64) {
    let (_, db) = loaded(root, keys);
    let ops = blocks * TXS_PER_BLOCK * WRITES_PER_TX;
    let plan = |seed| {
        let mut rng = Rng(seed);
        (0..blocks * TXS_PER_BLOCK * WRITES_PER_TX).map(move |_| rng.below(keys))
    };

    // Full stack: reads first (each transaction reads 4 keys), then writes.
    let (mut read_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let mut reads = plan(1);
    let mut writes = plan(2);
    for _ in 0..blocks {
        for _ in 0..TXS_PER_BLOCK {
            let start = Instant::now();
            let mut tx = Journal::new(db.clone());
            for _ in 0..WRITES_PER_TX {
                let i = reads.next().unwrap();
                assert!(tx.storage_get(&slot(i)).expect("read").is_some());
            }
            let middle = Instant::now();
            for _ in 0..WRITES_PER_TX {
                let i = writes.next().unwrap();
                tx.storage_put(&slot(i), &value(i, 1));
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

    // Raw: other random keys to read, and the same writes again (so the
    // state still matches its digest), encoded the same way, on the backend.
    let backend = db.backend();
    let (mut raw_read, mut raw_write) = (Duration::ZERO, Duration::ZERO);
    let mut reads = plan(3);
    let mut writes = plan(2);
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
                batch.put(Column::State, slot(i).encode(), value(i, 1).into_bytes());
            }
            raw_read += middle - start;
            raw_write += middle.elapsed();
        }
        let start = Instant::now();
        backend.write(batch).expect("write");
        raw_write += start.elapsed();
    }
    let stats = db.cache_stats();
    println!(
        "throughput, {keys} keys, {ops} reads + {ops} writes: full stack {:.0} reads/s, {:.0} writes/s; \
         raw RocksDB {:.0} reads/s, {:.0} writes/s; overhead {:.2}x reads, {:.2}x writes \
         (read cache: {} hits, {} misses)",
        per_second(ops, read_time),
        per_second(ops, write_time),
        per_second(ops, raw_read),
        per_second(ops, raw_write),
        read_time.as_secs_f64() / raw_read.as_secs_f64(),
        write_time.as_secs_f64() / raw_write.as_secs_f64(),
        stats.hits,
        stats.misses,
    );
}

fn main() {
    let mut keys = vec![1_000_000u64];
    let mut root = std::env::temp_dir().join("v8vm-state-bench");
    let mut scenarios = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--keys" => {
                keys = args.next().expect("--keys N[,N...]").split(',').map(|n| n.parse().expect("a count")).collect()
            }
            "--dir" => root = PathBuf::from(args.next().expect("--dir PATH")),
            "--bench" => {}
            "commit" | "reads" | "throughput" => scenarios.push(arg),
            other => panic!("unknown argument {other:?}: use [--keys N,N] [--dir PATH] [commit|reads|throughput]..."),
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
                _ => throughput(&root, n, 5),
            }
        }
    }
}
