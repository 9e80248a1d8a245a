//! The state database: blocks of read-modify-write transactions through the
//! full stack (journal, block write cache, read cache, atomic commit with
//! the digest) against the same reads and one write batch per block on the
//! bare RocksDB backend.

use std::sync::Arc;
use std::time::{Duration, Instant};

use v8vm_state::{
    Backend, Batch, Column, Journal, RocksBackend, RocksOptions, Slot, StateDb, StateKey, StateOptions, StateView,
};

use super::{median, micros, ratio, Row};

/// Keys written before the timed blocks.
const KEYS: usize = 100_000;
/// Transactions per block; each reads two keys and writes them.
const PER_BLOCK: usize = 10_000;

/// A deterministic spread of key numbers (no RNG: every run reads the same keys).
fn key_number(block: usize, tx: usize, side: usize) -> usize {
    (block * 7919 + tx * 104_729 + side * 1_299_709) % KEYS
}

fn slot(n: usize) -> Slot {
    Slot::field("bench", "balances", &format!("holder{n}"))
}

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let blocks = (10 / scale).max(3);
    let dir = std::env::temp_dir().join(format!("v8vm-bench-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let result = measure(&dir, blocks);
    let _ = std::fs::remove_dir_all(&dir);
    let (full, raw) = result?;
    Ok(vec![
        Row {
            vs: None,
            name: "state: read-modify-write, raw RocksDB",
            value: micros(raw),
            note: format!("per transaction: 2 gets, then the block's writes in one WriteBatch; {PER_BLOCK} per block, {KEYS} keys"),
        },
        Row {
            vs: Some(("raw RocksDB", ratio(full, raw))),
            name: "state: read-modify-write through StateDb",
            value: micros(full),
            note: format!(
                "per transaction: Journal reads and writes, apply, then commit_block (digest, atomic batch); median of {blocks} blocks"
            ),
        },
    ])
}

fn measure(dir: &std::path::Path, blocks: usize) -> anyhow::Result<(Duration, Duration)> {
    let db = Arc::new(StateDb::open(RocksBackend::open(dir, &RocksOptions::default())?, StateOptions::default())?);
    let base: Arc<dyn StateView> = db.clone();
    let mut journal = Journal::new(Arc::clone(&base));
    for n in 0..KEYS {
        journal.storage_put(&slot(n), "1000000");
    }
    db.apply(journal.into_changes());
    db.commit_block(1, b"", b"")?;
    let (mut full, mut raw) = (Vec::new(), Vec::new());
    for block in 0..blocks {
        let start = Instant::now();
        for tx in 0..PER_BLOCK {
            let mut journal = Journal::new(Arc::clone(&base));
            let (from, to) = (slot(key_number(block, tx, 0)), slot(key_number(block, tx, 1)));
            let a: u64 = journal.storage_get(&from)?.unwrap_or_default().parse().unwrap_or(0);
            let b: u64 = journal.storage_get(&to)?.unwrap_or_default().parse().unwrap_or(0);
            journal.storage_put(&from, &a.saturating_sub(1).to_string());
            journal.storage_put(&to, &(b + 1).to_string());
            db.apply(journal.into_changes());
        }
        db.commit_block(block as u64 + 2, b"", b"")?;
        full.push(start.elapsed() / PER_BLOCK as u32);

        // The same work on the backend alone (other keys' values, same shape).
        let backend = db.backend();
        let start = Instant::now();
        let mut batch = Batch::with_capacity(PER_BLOCK * 2);
        for tx in 0..PER_BLOCK {
            for side in 0..2 {
                let key = StateKey::Storage(slot(key_number(block + blocks, tx, side))).encode();
                let value = backend.get(Column::State, &key).map_err(|e| anyhow::anyhow!("{e}"))?;
                let n: u64 = value.and_then(|v| std::str::from_utf8(&v).ok()?.parse().ok()).unwrap_or(0);
                batch.put(Column::State, key, (n + 1).to_string().into_bytes());
            }
        }
        backend.write(batch).map_err(|e| anyhow::anyhow!("{e}"))?;
        raw.push(start.elapsed() / PER_BLOCK as u32);
    }
    Ok((median(&full), median(&raw)))
}
