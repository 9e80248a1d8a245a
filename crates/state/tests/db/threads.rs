//! Readers on other threads while blocks are built and committed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use v8vm_state::{Journal, Slot, StateDb, StateOptions, StateView};

use crate::tester::{rocks_options, TempDir};

#[test]
fn readers_never_see_a_value_older_than_one_they_saw() {
    let dir = TempDir::new("threads");
    let backend = v8vm_state::RocksBackend::open(&dir.0, &rocks_options()).unwrap();
    // A read cache smaller than a block: the counter is evicted, and readers go to RocksDB.
    let db = Arc::new(StateDb::open(backend, StateOptions { read_cache_bytes: 64 << 10 }).unwrap());
    let counter = Slot::key("c", "height").encode();
    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let (db, counter, done) = (db.clone(), counter.clone(), done.clone());
            std::thread::spawn(move || {
                let mut last = 0u64;
                let mut reads = 0u64;
                while !done.load(Ordering::Relaxed) {
                    let seen =
                        db.get(&counter).unwrap().map_or(0, |v| std::str::from_utf8(&v).unwrap().parse().unwrap());
                    assert!(seen >= last, "read {seen} after {last}");
                    last = seen;
                    reads += 1;
                }
                reads
            })
        })
        .collect();
    for height in 1..=20u64 {
        // Enough keys for the threaded commit path.
        let mut tx = Journal::new(db.clone());
        for i in 0..2100 {
            tx.storage_put(&Slot::key("c", &format!("filler{i}")), &format!("{height}")).unwrap();
        }
        tx.storage_put(&Slot::key("c", "height"), &height.to_string()).unwrap();
        db.apply(tx.into_changes());
        db.commit_block(height, b"", b"").unwrap();
    }
    done.store(true, Ordering::Relaxed);
    for reader in readers {
        assert!(reader.join().unwrap() > 0);
    }
    assert_eq!(db.recompute_digest().unwrap(), db.head().digest);
}
