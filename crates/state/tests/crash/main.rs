//! Crash test: a child process commits blocks to RocksDB in a loop and is
//! killed with SIGKILL at a random moment, again and again. After each kill
//! the database must hold a prefix of the blocks the child committed — all
//! it reported, perhaps one more, never part of a block — and the stored
//! digest must equal one recomputed from scratch and the model's.
//!
//! This binary is its own child: with `V8VM_STATE_CRASH_CHILD=<dir>` set it
//! commits blocks into `<dir>` and prints each committed height. Knobs:
//! `V8VM_CRASH_ROUNDS` (default 50), `V8VM_CRASH_SEED` (default: the clock;
//! printed, to replay a failure).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../support/rng.rs"]
mod rng;
use rng::Rng;

use v8vm_state::{
    Backend, Column, Digest, Journal, LtHash, RocksBackend, RocksOptions, Slot, StateDb, StateKey, StateOptions,
    StateView,
};

const CHILD_ENV: &str = "V8VM_STATE_CRASH_CHILD";
const TXS_PER_BLOCK: u64 = 4;
const WRITES_PER_TX: u64 = 8;

fn main() {
    match std::env::var_os(CHILD_ENV) {
        Some(dir) => child(Path::new(&dir)),
        None => parent(),
    }
}

/// The writes of block `height`, transaction by transaction: the same in
/// the child and the parent.
fn block_writes(height: u64) -> Vec<Vec<(Slot, Option<String>)>> {
    let mut rng = Rng(height);
    (0..TXS_PER_BLOCK)
        .map(|tx| {
            (0..WRITES_PER_TX)
                .map(|_| {
                    let r = rng.next();
                    let slot = if r.is_multiple_of(3) {
                        Slot::key("crash", &format!("k{}", (r >> 8) % 200))
                    } else {
                        Slot::field("crash", "m", &format!("f{}", (r >> 8) % 500))
                    };
                    let value = (!r.is_multiple_of(7)).then(|| format!("{height}.{tx}.{}", r >> 40));
                    (slot, value)
                })
                .collect()
        })
        .collect()
}

fn block_payload(height: u64) -> Vec<u8> {
    format!("block {height} ").repeat(200).into_bytes()
}

fn receipts_payload(height: u64) -> Vec<u8> {
    format!("receipts {height}").into_bytes()
}

fn open(dir: &Path) -> StateDb<RocksBackend> {
    // No fsync: a killed process loses nothing the kernel has; only a power
    // cut would need `sync`.
    let backend = RocksBackend::open(dir, &RocksOptions { sync: false, block_cache_bytes: 1 << 20 }).unwrap();
    StateDb::open(backend, StateOptions { read_cache_bytes: 64 << 10 }).unwrap()
}

/// Commits blocks after the head until killed (or orphaned, or 60 s).
fn child(dir: &Path) {
    let db = Arc::new(open(dir));
    let started = Instant::now();
    let parent = std::os::unix::process::parent_id();
    let mut out = std::io::stdout().lock();
    while started.elapsed() < Duration::from_secs(60) && std::os::unix::process::parent_id() == parent {
        let height = db.head().height + 1;
        for writes in block_writes(height) {
            let mut tx = Journal::new(db.clone());
            for (slot, value) in writes {
                match value {
                    Some(value) => tx.storage_put(&slot, &value).unwrap(),
                    None => tx.storage_delete(&slot).unwrap(),
                }
            }
            db.apply(tx.into_changes());
        }
        db.commit_block(height, &block_payload(height), &receipts_payload(height)).unwrap();
        writeln!(out, "{height}").unwrap();
        out.flush().unwrap();
    }
}

/// The expected state after each height, built as far as needed.
#[derive(Default)]
struct Model {
    state: BTreeMap<Slot, String>,
    lattice: LtHash,
    /// `digests[h]`: the digest after block `h`.
    digests: Vec<Digest>,
}

impl Model {
    fn advance_to(&mut self, height: u64) {
        if self.digests.is_empty() {
            self.digests.push(self.lattice.digest());
        }
        while (self.digests.len() as u64) <= height {
            let next = self.digests.len() as u64;
            for (slot, value) in block_writes(next).into_iter().flatten() {
                let key = StateKey::Storage(slot.clone()).encode();
                if let Some(old) = self.state.remove(&slot) {
                    self.lattice.remove(&key, old.as_bytes());
                }
                if let Some(value) = value {
                    self.lattice.insert(&key, value.as_bytes());
                    self.state.insert(slot, value);
                }
            }
            self.digests.push(self.lattice.digest());
        }
    }
}

fn parent() {
    let rounds: usize = std::env::var("V8VM_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(50);
    let seed: u64 = std::env::var("V8VM_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    println!("crash test: {rounds} rounds, V8VM_CRASH_SEED={seed}");
    let dir = std::env::temp_dir().join(format!("v8vm-state-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(seed);
    let mut model = Model::default();
    let mut reported = 0;
    let started = Instant::now();
    for round in 1..=rounds {
        let delay = Duration::from_micros(rng.below(150_000));
        let last = run_child(&dir, delay);
        let floor = last.unwrap_or(0).max(reported);
        let height = check(&dir, &mut model, floor)
            .unwrap_or_else(|message| panic!("round {round} (seed {seed}, killed after {delay:?}): {message}"));
        println!("round {round}: killed after {delay:?}, child reported {last:?}, database holds blocks 1..={height}");
        reported = height;
    }
    std::fs::remove_dir_all(&dir).unwrap();
    println!(
        "crash test: {rounds} kills, {reported} blocks, every reopen a whole prefix with a matching digest ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    println!("1 passed, 0 failed");
}

/// Runs the child on `dir`, kills it after `delay`, returns the last height it reported.
fn run_child(dir: &Path, delay: Duration) -> Option<u64> {
    let mut child =
        Command::new(std::env::current_exe().unwrap()).env(CHILD_ENV, dir).stdout(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL
    let stdout = child.stdout.take().unwrap();
    let last = BufReader::new(stdout).lines().map_while(Result::ok).filter_map(|line| line.parse().ok()).last();
    child.wait().unwrap();
    last
}

/// Opens the database the child left and checks it against the model;
/// `floor`: the highest height known committed. Returns the head's height.
fn check(dir: &Path, model: &mut Model, floor: u64) -> Result<u64, String> {
    let db = Arc::new(open(dir));
    let head = db.head();
    if head.height < floor || head.height > floor + 1 {
        return Err(format!("head {} but blocks up to {floor} were committed before the kill", head.height));
    }
    model.advance_to(head.height);
    for height in 1..=head.height {
        if db.block(height).unwrap().as_deref() != Some(&block_payload(height)[..]) {
            return Err(format!("block {height} is missing or wrong"));
        }
        if db.receipts(height).unwrap().as_deref() != Some(&receipts_payload(height)[..]) {
            return Err(format!("receipts of block {height} are missing or wrong"));
        }
        if db.block_digest(height).unwrap() != Some(model.digests[height as usize]) {
            return Err(format!("the digest of block {height} is not the model's"));
        }
    }
    let mut blocks = 0;
    db.backend()
        .scan(Column::Blocks, &[], &mut |_, _| {
            blocks += 1;
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    if blocks != head.height || db.receipts(head.height + 1).unwrap().is_some() {
        return Err(format!("{blocks} blocks stored for head {}: part of a block is there", head.height));
    }
    let mut state = BTreeMap::new();
    db.scan(&[], &mut |key, value| {
        match StateKey::decode(key).unwrap() {
            StateKey::Storage(slot) => {
                state.insert(slot, String::from_utf8(value.to_vec()).unwrap());
            }
            StateKey::MapIndex { .. } => {}
            other => panic!("only storage is written: {other:?}"),
        }
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    if state != model.state {
        return Err(format!("the state is not the state after block {}", head.height));
    }
    let recomputed = db.recompute_digest().unwrap();
    if head.digest != recomputed || recomputed != model.digests[head.height as usize] {
        return Err(format!("stored digest {} recomputed {recomputed}", head.digest));
    }
    let mut scratch = LtHash::new();
    for (slot, value) in &model.state {
        scratch.insert(&StateKey::Storage(slot.clone()).encode(), value.as_bytes());
    }
    if scratch.digest() != recomputed {
        return Err("the model's incremental digest differs from its digest from scratch".into());
    }
    Ok(head.height)
}
