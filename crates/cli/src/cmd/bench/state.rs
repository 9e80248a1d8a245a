//! The state database on RocksDB, through the full stack (journal → block
//! cache → read cache → RocksDB) against RocksDB alone on the same data.
//!
//! By default, blocks of read-modify-write transactions over 100,000 keys.
//! At scale (`--state-keys`): databases of millions of keys on disk, loaded
//! once and kept under `--state-dir` for later runs; block commits, random
//! point reads cold and warm, and read/write throughput.
//!
//! "Cold" means: background compaction waited for, the database closed,
//! `sync`, the kernel's page cache dropped (root only; the rows say whether
//! it was) and the database reopened.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_state::{Backend, Batch, Column, Journal, RocksBackend, RocksOptions, Slot, StateDb, StateOptions, StateView};

use super::{median, micros, ratio, Row};

#[path = "../../../../state/tests/support/rng.rs"]
mod rng;
use rng::Rng;

/// New keys per block while loading.
const LOAD_BLOCK: u64 = 100_000;
const TXS_PER_BLOCK: u64 = 10_000;
const WRITES_PER_TX: u64 = 4;
const READ_CACHE: usize = 256 << 20;
const BLOCK_CACHE: usize = 256 << 20;
/// Random point reads per pass.
const READS: u64 = 200_000;
/// Blocks per measured phase.
const BLOCKS: u64 = 5;

fn slot(i: u64) -> Slot {
    Slot::field("bench", "balances", &format!("acct{i:010}"))
}

fn value(i: u64, version: u64) -> String {
    format!("{:032}", i.wrapping_mul(0x9e37_79b9).wrapping_add(version))
}

type Db = Arc<StateDb<RocksBackend>>;

fn open(dir: &Path) -> anyhow::Result<Db> {
    let backend = RocksBackend::open(dir, &RocksOptions { sync: false, block_cache_bytes: BLOCK_CACHE })?;
    Ok(Arc::new(StateDb::open(backend, StateOptions { read_cache_bytes: READ_CACHE })?))
}

/// Keys of the default database.
const KEYS: u64 = 100_000;

/// Read-modify-write transactions (a transfer's shape) on a warm database
/// of [`KEYS`] keys in a temporary folder: the time per transaction through
/// the full stack and on RocksDB alone.
pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let root = std::env::temp_dir().join(format!("v8vm-bench-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let result = read_modify_write(&root, (10 / scale).max(3) as u64);
    let _ = std::fs::remove_dir_all(&root);
    let (full, raw) = result?;
    let shape = format!("{WRITES_PER_TX} reads, then writes of the same keys; {TXS_PER_BLOCK} per block, {KEYS} keys");
    Ok(vec![
        Row {
            vs: None,
            name: "state: read-modify-write, raw RocksDB",
            value: micros(raw),
            note: format!("per transaction: {shape}; gets, then the block's writes in one WriteBatch"),
        },
        Row {
            vs: Some(("raw RocksDB", ratio(full, raw))),
            name: "state: read-modify-write through StateDb",
            value: micros(full),
            note: format!("per transaction: {shape}; a Journal, apply, then commit_block (digest, atomic batch)"),
        },
    ])
}

/// The median time per transaction over `rounds` blocks, full stack and raw.
fn read_modify_write(root: &Path, rounds: u64) -> anyhow::Result<(Duration, Duration)> {
    let (_, db, _) = loaded(root, KEYS)?;
    let version = db.head().height;
    full_stack(&db, KEYS, 1, (91, 91), version)?; // warm-up
    let (mut full, mut raw) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let version = db.head().height;
        let seed = round * 10 + 1;
        full.push(full_stack(&db, KEYS, 1, (seed, seed), version)?.per_transaction(1));
        raw.push(raw_rocks(&db, KEYS, 1, (seed + 2, seed), version)?.per_transaction(1));
    }
    Ok((median(&full), median(&raw)))
}

/// Every scenario for each key count.
pub(super) fn scale_rows(key_counts: &[u64], root: &Path, warm: bool) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for &keys in key_counts {
        let (dir, db, load) = loaded(root, keys)?;
        if let Some(row) = load {
            rows.push(row);
        }
        let db = commit_rows(&dir, db, keys, &mut rows)?;
        let db = read_rows(&dir, db, keys, &mut rows)?;
        throughput_rows(&dir, db, keys, warm, &mut rows)?;
    }
    Ok(rows)
}

/// Opens the database of `keys` keys, loading what is missing (a row if it
/// loaded any).
fn loaded(root: &Path, keys: u64) -> anyhow::Result<(PathBuf, Db, Option<Row>)> {
    let dir = root.join(format!("keys-{keys}"));
    let db = open(&dir)?;
    let blocks = keys.div_ceil(LOAD_BLOCK);
    let first = db.head().height;
    let start = Instant::now();
    for block in first..blocks {
        let mut tx = Journal::new(db.clone());
        for i in block * LOAD_BLOCK..((block + 1) * LOAD_BLOCK).min(keys) {
            tx.storage_put(&slot(i), &value(i, 0))?;
        }
        db.apply(tx.into_changes());
        db.commit_block(block + 1, b"load", b"")?;
        if block % 10 == 9 {
            eprintln!("  loaded {} of {keys} keys ({:.0} s)", (block + 1) * LOAD_BLOCK, start.elapsed().as_secs_f64());
        }
    }
    let row = (first < blocks).then(|| {
        let loaded = keys - first * LOAD_BLOCK;
        Row {
            vs: None,
            name: "state at scale: loading keys",
            value: format!("{:.0} keys/s", loaded as f64 / start.elapsed().as_secs_f64()),
            note: format!(
                "{loaded} new keys in {:.1} s through commit_block, blocks of {LOAD_BLOCK}; kept in {} for later runs",
                start.elapsed().as_secs_f64(),
                dir.display()
            ),
        }
    });
    Ok((dir, db, row))
}

/// Waits for compaction, closes the database, drops the page cache if
/// allowed, and reopens it; whether the page cache was dropped.
fn cold(dir: &Path, db: Db) -> anyhow::Result<(Db, bool)> {
    db.backend().wait_for_compaction()?;
    drop(db);
    // Dirty pages (files just written) survive a drop: write them back first.
    let synced = std::process::Command::new("sync").status().is_ok_and(|status| status.success());
    let dropped = synced && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok();
    Ok((open(dir)?, dropped))
}

/// Blocks of 10,000 transactions × 4 writes (3 updates of random keys, 1
/// new key) through journals, then `commit_block`; from a cold start.
fn commit_rows(dir: &Path, db: Db, keys: u64, rows: &mut Vec<Row>) -> anyhow::Result<Db> {
    let (db, dropped) = cold(dir, db)?;
    let mut rng = Rng(7);
    let mut fresh = keys + db.head().height * TXS_PER_BLOCK;
    let (mut execute, mut commit) = (Vec::new(), Vec::new());
    for _ in 0..BLOCKS {
        let start = Instant::now();
        for _ in 0..TXS_PER_BLOCK {
            let mut tx = Journal::new(db.clone());
            for _ in 0..WRITES_PER_TX - 1 {
                let i = rng.below(keys);
                tx.storage_put(&slot(i), &value(i, rng.next()))?;
            }
            tx.storage_put(&slot(fresh), &value(fresh, 0))?;
            fresh += 1;
            db.apply(tx.into_changes());
        }
        execute.push(start.elapsed());
        let start = Instant::now();
        let height = db.head().height + 1;
        db.commit_block(height, &[0; 1024], &[0; 4096])?;
        commit.push(start.elapsed());
    }
    let (execute, commit) = (median(&execute), median(&commit));
    let total = execute + commit;
    rows.push(Row {
        vs: Some(("execute", ratio(commit, execute))),
        name: "state at scale: a block of 10,000 transactions x 4 writes",
        value: format!("{:.1} ms", total.as_secs_f64() * 1e3),
        note: format!(
            "{keys} keys, cold start (page cache dropped: {dropped}), median of {BLOCKS} blocks: execute (journals, \
             apply) {:.1} ms, commit_block {:.1} ms (the ratio); {:.0} tx/s",
            execute.as_secs_f64() * 1e3,
            commit.as_secs_f64() * 1e3,
            TXS_PER_BLOCK as f64 / total.as_secs_f64()
        ),
    });
    Ok(db)
}

/// Random point reads of existing keys, a cold pass then a warm one,
/// through `StateDb::get` and through the backend alone.
fn read_rows(dir: &Path, mut db: Db, keys: u64, rows: &mut Vec<Row>) -> anyhow::Result<Db> {
    let mut rng = Rng(keys);
    let picks: Vec<Vec<u8>> = (0..READS).map(|_| slot(rng.below(keys)).encode()).collect();
    // [layer][pass]: the time per read.
    let mut times = [[Duration::ZERO; 2]; 2];
    let mut dropped = true;
    for (layer, times) in times.iter_mut().enumerate() {
        let was_dropped;
        (db, was_dropped) = cold(dir, db)?;
        dropped &= was_dropped;
        for time in times.iter_mut() {
            let start = Instant::now();
            for key in &picks {
                let found = if layer == 0 { db.get(key)? } else { db.backend().get(Column::State, key)? };
                anyhow::ensure!(found.is_some(), "a loaded key is missing");
            }
            *time = start.elapsed() / READS as u32;
        }
    }
    for (pass, name) in
        ["state at scale: random point read, cold", "state at scale: random point read, warm"].into_iter().enumerate()
    {
        let (full, raw) = (times[0][pass], times[1][pass]);
        rows.push(Row {
            vs: Some(("raw RocksDB", ratio(full, raw))),
            name,
            value: format!("{:.2} µs", full.as_secs_f64() * 1e6),
            note: format!(
                "{keys} keys, {READS} random keys through StateDb::get; RocksBackend::get {:.2} µs; the warm pass \
                 reads the same keys again; page cache dropped: {dropped}",
                raw.as_secs_f64() * 1e6
            ),
        });
    }
    Ok(db)
}

/// Which keys a transaction writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// 4 keys other than the 4 it read: each old value is read at commit,
    /// for the digest.
    Blind,
    /// The 4 keys it read (a transfer): the old values are in the read cache.
    ReadModifyWrite,
}

/// Where one measured phase spent its time.
#[derive(Debug, Clone, Copy)]
struct Phase {
    reading: Duration,
    writing: Duration,
}

impl Phase {
    /// Reads and writes per second over `blocks` blocks.
    fn rates(self, blocks: u64) -> Rates {
        let ops = blocks * TXS_PER_BLOCK * WRITES_PER_TX;
        Rates { reads: per_second(ops, self.reading), writes: per_second(ops, self.writing) }
    }

    fn per_transaction(self, blocks: u64) -> Duration {
        (self.reading + self.writing) / (blocks * TXS_PER_BLOCK) as u32
    }
}

/// Operations per second of one measured phase.
#[derive(Debug, Clone, Copy)]
struct Rates {
    reads: f64,
    writes: f64,
}

/// Blocks of transactions of 4 random reads then 4 writes, through the full
/// stack, then the same operations on the backend alone (gets, one write
/// batch per block). Each phase starts cold, or with `warm`, after an
/// untimed warm-up on the open database. Medians of 3 rounds.
fn throughput_rows(dir: &Path, mut db: Db, keys: u64, warm: bool, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let temperature = if warm { "warm" } else { "cold" };
    for pattern in [Pattern::Blind, Pattern::ReadModifyWrite] {
        let (mut full, mut raw) = (Vec::new(), Vec::new());
        if warm {
            let version = db.head().height;
            full_stack(&db, keys, BLOCKS, (91, 92), version)?;
            raw_rocks(&db, keys, BLOCKS, (91, 92), version)?;
        }
        for round in 0..3 {
            // Values unique to the round, so no write is a no-op; the raw
            // side writes what the full stack wrote (the digest stays true)
            // but reads other keys (those just written sit in fresh files).
            let version = db.head().height;
            let base = if pattern == Pattern::Blind { 0 } else { 100 };
            let read = base + round * 10 + 1;
            let write = if pattern == Pattern::Blind { read + 1 } else { read };
            db = settle(dir, db, warm)?;
            full.push(full_stack(&db, keys, BLOCKS, (read, write), version)?.rates(BLOCKS));
            db = settle(dir, db, warm)?;
            raw.push(raw_rocks(&db, keys, BLOCKS, (read + 2, write), version)?.rates(BLOCKS));
        }
        let median_of = |rates: &[Rates], pick: fn(&Rates) -> f64| {
            let mut values: Vec<f64> = rates.iter().map(pick).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        let names = match pattern {
            Pattern::Blind => ["state at scale: reads/s, blind writes", "state at scale: writes/s, blind writes"],
            Pattern::ReadModifyWrite => {
                ["state at scale: reads/s, read-modify-write", "state at scale: writes/s, read-modify-write"]
            }
        };
        let picks: [fn(&Rates) -> f64; 2] = [|r| r.reads, |r| r.writes];
        for (name, pick) in names.into_iter().zip(picks) {
            let (ours, theirs) = (median_of(&full, pick), median_of(&raw, pick));
            rows.push(Row {
                vs: Some(("raw RocksDB", theirs / ours)),
                name,
                value: format!("{ours:.0}/s"),
                note: format!(
                    "{keys} keys, {temperature}, {BLOCKS} blocks of {TXS_PER_BLOCK} transactions of \
                     {WRITES_PER_TX} reads and {WRITES_PER_TX} writes, median of 3 rounds; raw RocksDB {theirs:.0}/s (the ratio: time over RocksDB's)"
                ),
            });
        }
    }
    Ok(())
}

/// Before a measured phase: compaction waited for, and unless `warm`, a
/// [`cold`] start.
fn settle(dir: &Path, db: Db, warm: bool) -> anyhow::Result<Db> {
    if warm {
        db.backend().wait_for_compaction()?;
        Ok(db)
    } else {
        Ok(cold(dir, db)?.0)
    }
}

/// Random key numbers from a seed.
fn plan(seed: u64, keys: u64) -> impl Iterator<Item = u64> {
    let mut rng = Rng(seed);
    std::iter::repeat_with(move || rng.below(keys))
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// The full stack: a journal per transaction, applied, a commit per block.
fn full_stack(db: &Db, keys: u64, blocks: u64, seeds: (u64, u64), version: u64) -> anyhow::Result<Phase> {
    let (mut read_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let (mut reads, mut writes) = (plan(seeds.0, keys), plan(seeds.1, keys));
    for _ in 0..blocks {
        for _ in 0..TXS_PER_BLOCK {
            let start = Instant::now();
            let mut tx = Journal::new(db.clone());
            for i in reads.by_ref().take(WRITES_PER_TX as usize) {
                anyhow::ensure!(tx.storage_get(&slot(i))?.is_some(), "a loaded key is missing");
            }
            let middle = Instant::now();
            for i in writes.by_ref().take(WRITES_PER_TX as usize) {
                tx.storage_put(&slot(i), &value(i, version))?;
            }
            db.apply(tx.into_changes());
            read_time += middle - start;
            write_time += middle.elapsed();
        }
        let start = Instant::now();
        let height = db.head().height + 1;
        db.commit_block(height, b"", b"")?;
        write_time += start.elapsed();
    }
    Ok(Phase { reading: read_time, writing: write_time })
}

/// The same operations on the backend alone: a get per read, the encoded
/// writes in one batch per block.
fn raw_rocks(db: &Db, keys: u64, blocks: u64, seeds: (u64, u64), version: u64) -> anyhow::Result<Phase> {
    let backend = db.backend();
    let (mut read_time, mut write_time) = (Duration::ZERO, Duration::ZERO);
    let (mut reads, mut writes) = (plan(seeds.0, keys), plan(seeds.1, keys));
    for _ in 0..blocks {
        let mut batch = Batch::default();
        for _ in 0..TXS_PER_BLOCK {
            let start = Instant::now();
            for i in reads.by_ref().take(WRITES_PER_TX as usize) {
                anyhow::ensure!(backend.get(Column::State, &slot(i).encode())?.is_some(), "a loaded key is missing");
            }
            let middle = Instant::now();
            for i in writes.by_ref().take(WRITES_PER_TX as usize) {
                batch.put(Column::State, slot(i).encode(), value(i, version).into_bytes());
            }
            read_time += middle - start;
            write_time += middle.elapsed();
        }
        let start = Instant::now();
        backend.write(batch)?;
        write_time += start.elapsed();
    }
    Ok(Phase { reading: read_time, writing: write_time })
}
