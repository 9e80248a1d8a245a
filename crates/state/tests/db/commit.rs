//! Block commits: ordering, atomicity on failure, what is stored, reopening.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use v8vm_state::{
    Backend, Batch, Column, Journal, MemoryBackend, Slot, StateDb, StateError, StateKey, StateOptions, StateView,
    MAX_SNAPSHOT_LAG,
};

use crate::tester::{commit, digest_of, memory_db, rocks_db, small_cache, FlakyBackend, TempDir};

#[test]
fn blocks_commit_in_height_order() {
    let db = Arc::new(memory_db());
    let error = db.commit_block(2, b"", b"").unwrap_err();
    assert!(matches!(error, StateError::Height { expected: 1, got: 2 }), "{error:?}");
    assert_eq!(error.to_string(), "cannot commit block 2: the next block is 1");
    commit(&db, &[(Slot::key("c", "k"), Some("v"))]);
    assert!(matches!(db.commit_block(1, b"", b""), Err(StateError::Height { expected: 2, got: 1 })));
    assert_eq!(db.head().height, 1);
}

#[test]
fn a_failed_write_changes_nothing_and_can_be_retried() {
    let db = Arc::new(StateDb::open(FlakyBackend::default(), small_cache()).unwrap());
    let first = commit(&db, &[(Slot::key("c", "a"), Some("1"))]);

    let mut tx = Journal::new(db.clone());
    tx.storage_put(&Slot::key("c", "a"), "2").unwrap();
    tx.storage_put(&Slot::key("c", "b"), "3").unwrap();
    db.apply(tx.into_changes());
    db.backend().fail.store(true, Ordering::Relaxed);
    let error = db.commit_block(2, b"block 2", b"receipts 2").unwrap_err();
    assert_eq!(error.to_string(), "the storage backend failed");
    assert_eq!(std::error::Error::source(&error).unwrap().to_string(), "disk on fire");
    assert_eq!(db.head().height, 1);
    assert_eq!(db.head().digest, first);
    assert_eq!(db.block(2).unwrap(), None);
    assert_eq!(db.recompute_digest().unwrap(), first);
    assert_eq!(db.pending_len(), 2, "the block's writes are still pending");

    db.backend().fail.store(false, Ordering::Relaxed);
    let second = db.commit_block(2, b"block 2", b"receipts 2").unwrap();
    let expected = [(Slot::key("c", "a"), "2".to_owned()), (Slot::key("c", "b"), "3".to_owned())];
    assert_eq!(second, digest_of(&expected.into_iter().collect()));
    assert_eq!(db.recompute_digest().unwrap(), second);
}

#[test]
fn block_receipts_and_digest_are_stored_with_the_state() {
    let db = Arc::new(memory_db());
    let one = commit(&db, &[(Slot::key("c", "k"), Some("v"))]);
    let two = commit(&db, &[(Slot::key("c", "k"), None)]);
    assert_eq!(db.block(1).unwrap().as_deref(), Some(&b"block 1"[..]));
    assert_eq!(db.receipts(2).unwrap().as_deref(), Some(&b"receipts"[..]));
    assert_eq!(db.block_digest(1).unwrap(), Some(one));
    assert_eq!(db.block_digest(2).unwrap(), Some(two));
    assert_eq!(db.block_digest(3).unwrap(), None);
    assert_eq!(two, digest_of(&Default::default()), "deleting the only key gives the empty state's digest");
    assert_eq!(db.backend().len(Column::State), 0);
}

#[test]
fn the_block_being_built_is_visible_to_later_transactions_and_can_be_discarded() {
    let db = Arc::new(memory_db());
    let mut tx = Journal::new(db.clone());
    tx.put(&StateKey::Account("alice".into()), b"account".to_vec());
    tx.put(&StateKey::Artifact("token".into()), b"code".to_vec());
    db.apply(tx.into_changes());
    let next = Journal::new(db.clone());
    assert_eq!(next.get(&StateKey::Account("alice".into())).unwrap().as_deref(), Some(&b"account"[..]));
    db.discard_block();
    assert_eq!(next.get(&StateKey::Account("alice".into())).unwrap(), None);
    assert_eq!(db.pending_len(), 0);
}

#[test]
fn a_snapshot_reads_one_committed_block_whatever_comes_after() {
    let db = Arc::new(memory_db());
    let (kept, changed, gone) =
        (Slot::key("c", "kept"), Slot::field("c", "m", "changed"), Slot::field("c", "m", "gone"));
    commit(&db, &[(kept.clone(), Some("1")), (changed.clone(), Some("1")), (gone.clone(), Some("1"))]);
    let snapshot = db.snapshot();
    assert_eq!(snapshot.height(), 1);
    let view = Journal::new(Arc::new(snapshot));
    let seen = |view: &Journal| {
        let fields = view.map_fields("c", "m", 10).unwrap().unwrap();
        let values: Vec<Option<String>> =
            [&kept, &changed, &gone, &Slot::field("c", "m", "new")].map(|slot| view.storage_get(slot).unwrap()).into();
        (fields, values)
    };
    let before = seen(&view);
    assert_eq!(before.0, ["changed", "gone"]);
    // The block being built does not show through, nor do later commits.
    let mut tx = Journal::new(db.clone());
    tx.storage_put(&changed, "2").unwrap();
    tx.storage_delete(&gone).unwrap();
    tx.storage_put(&Slot::field("c", "m", "new"), "2").unwrap();
    db.apply(tx.into_changes());
    assert_eq!(seen(&view), before);
    db.commit_block(2, b"block 2", b"r").unwrap();
    assert_eq!(seen(&view), before);
    commit(&db, &[(changed.clone(), Some("3")), (kept.clone(), None)]);
    assert_eq!(seen(&view), before);
    // A snapshot taken now reads the new head.
    let now = Journal::new(Arc::new(db.snapshot()));
    assert_eq!(now.storage_get(&changed).unwrap().as_deref(), Some("3"));
    assert_eq!(now.storage_get(&kept).unwrap(), None);
    assert_eq!(now.map_fields("c", "m", 10).unwrap().unwrap(), ["changed", "new"]);
}

#[test]
fn a_snapshot_too_far_behind_the_head_fails_to_read() {
    let db = Arc::new(memory_db());
    let slot = Slot::key("c", "k");
    commit(&db, &[(slot.clone(), Some("0"))]);
    let view = Journal::new(Arc::new(db.snapshot()));
    for n in 1..=MAX_SNAPSHOT_LAG {
        commit(&db, &[(slot.clone(), Some(&n.to_string()))]);
    }
    assert_eq!(view.storage_get(&slot).unwrap().as_deref(), Some("0"));
    commit(&db, &[(Slot::key("c", "other"), Some("x"))]);
    let error = view.storage_get(&slot).unwrap_err();
    assert!(matches!(error, StateError::SnapshotGone { height: 1, head } if head == MAX_SNAPSHOT_LAG + 2), "{error}");
}

#[test]
fn the_read_cache_answers_repeated_reads() {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions { read_cache_bytes: 1 << 20 }).unwrap());
    commit(&db, &[(Slot::key("c", "k"), Some("v"))]);
    let key = StateKey::Storage(Slot::key("c", "k")).encode();
    let missing = StateKey::Storage(Slot::key("c", "nope")).encode();
    let before = db.cache_stats();
    for _ in 0..3 {
        assert_eq!(db.get(&key).unwrap().as_deref(), Some(&b"v"[..]));
        assert_eq!(db.get(&missing).unwrap(), None);
    }
    let after = db.cache_stats();
    assert_eq!(after.hits - before.hits, 5, "the committed value was cached at commit; the miss once read");
    assert_eq!(after.misses - before.misses, 1);
}

#[test]
fn rocks_keeps_the_head_across_reopen_and_checks_the_format() {
    let dir = TempDir::new("reopen");
    let digest = {
        let db = Arc::new(rocks_db(&dir));
        commit(&db, &[(Slot::field("t", "m", "f"), Some("1")), (Slot::key("t", "k"), Some("2"))]);
        commit(&db, &[(Slot::field("t", "m", "g"), Some("3"))])
    };
    let db = Arc::new(rocks_db(&dir));
    assert_eq!(db.head().height, 2);
    assert_eq!(db.head().digest, digest);
    assert_eq!(db.recompute_digest().unwrap(), digest);
    assert_eq!(Journal::new(db.clone()).map_fields("t", "m", 10).unwrap().unwrap(), ["f", "g"]);
    let mut batch = Batch::default();
    batch.put(Column::Meta, &b"format"[..], &b"v8vm-state-db-0"[..]);
    db.backend().write(batch).unwrap();
    drop(db);
    let error =
        StateDb::open(v8vm_state::RocksBackend::open(&dir.0, &crate::tester::rocks_options()).unwrap(), small_cache())
            .unwrap_err();
    assert_eq!(error.to_string(), "the database has format \"v8vm-state-db-0\", this build reads \"v8vm-state-db-2\"");
}

#[test]
fn a_large_block_commits_on_several_threads_with_the_same_digest() {
    let db = Arc::new(memory_db());
    let mut model = std::collections::BTreeMap::new();
    let slot = |i: u32| Slot::field("big", "m", &format!("f{i:05}"));
    let first: Vec<(Slot, Option<String>)> = (0..6000).map(|i| (slot(i), Some(format!("v{i}")))).collect();
    // Overwrites, deletions, unchanged values and new keys, over the state above.
    let second: Vec<(Slot, Option<String>)> = (3000..9000)
        .map(|i| match i % 3 {
            0 => (slot(i), None),
            1 => (slot(i), Some(format!("v{i}"))),
            _ => (slot(i), Some(format!("w{i}"))),
        })
        .collect();
    for block in [first, second] {
        let writes: Vec<(Slot, Option<&str>)> = block.iter().map(|(s, v)| (s.clone(), v.as_deref())).collect();
        let digest = commit(&db, &writes);
        for (slot, value) in block {
            match value {
                Some(value) => model.insert(slot, value),
                None => model.remove(&slot),
            };
        }
        assert_eq!(digest, digest_of(&model));
        assert_eq!(db.recompute_digest().unwrap(), digest);
    }
}

#[test]
fn a_large_block_whose_write_fails_leaves_no_new_value_in_the_read_cache() {
    let db = Arc::new(StateDb::open(FlakyBackend::default(), StateOptions { read_cache_bytes: 8 << 20 }).unwrap());
    let slot = |i: u32| Slot::key("big", &format!("k{i:05}"));
    let old: Vec<(Slot, Option<&str>)> = (0..3000).map(|i| (slot(i), Some("old"))).collect();
    let first = commit(&db, &old);
    let new: Vec<(Slot, Option<&str>)> =
        (0..3000).map(|i| (slot(i), if i % 2 == 0 { Some("new") } else { None })).collect();
    let mut tx = Journal::new(db.clone());
    for (slot, value) in &new {
        match value {
            Some(value) => tx.storage_put(slot, value).unwrap(),
            None => tx.storage_delete(slot).unwrap(),
        }
    }
    db.apply(tx.into_changes());
    db.backend().fail.store(true, Ordering::Relaxed);
    assert!(matches!(db.commit_block(2, b"", b""), Err(StateError::Backend(_))));
    db.discard_block();
    let reader = Journal::new(db.clone());
    for i in [0, 1, 2998, 2999] {
        assert_eq!(reader.storage_get(&slot(i)).unwrap().as_deref(), Some("old"), "key {i}");
    }
    assert_eq!(db.head().digest, first);
    db.backend().fail.store(false, Ordering::Relaxed);
    let second = commit(&db, &new);
    let expected = (0..3000).filter(|i| i % 2 == 0).map(|i| (slot(i), "new".to_owned())).collect();
    assert_eq!(second, digest_of(&expected));
}
