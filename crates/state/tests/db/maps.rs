//! Listing a map on RocksDB: it reads the map's index, never the fields
//! deleted from it.

use std::sync::Arc;

use rocksdb::perf::{set_perf_stats, PerfContext, PerfMetric, PerfStatsLevel};
use v8vm_state::{Journal, Slot};

use crate::tester::{commit, rocks_db, TempDir};

/// How many deleted entries RocksDB stepped over while `read` ran on this
/// thread, and what `read` returned.
fn deletes_skipped<T>(read: impl FnOnce() -> T) -> (u64, T) {
    set_perf_stats(PerfStatsLevel::EnableCount);
    let mut perf = PerfContext::default();
    perf.reset();
    let out = read();
    let skipped = perf.metric(PerfMetric::InternalDeleteSkippedCount);
    set_perf_stats(PerfStatsLevel::Disable);
    (skipped, out)
}

/// RocksDB keeps a deleted key as a tombstone until compaction, and a scan
/// steps over each: a map filled with 60,000 fields and emptied made every
/// `mapLen` ~10 ms of work for ~62 gas (red team round 34), on every node.
/// Counting and listing now read the map's index, which holds the fields
/// there are at positions `0..count` and nothing past them.
#[test]
fn listing_a_map_steps_over_none_of_its_deleted_fields() {
    let dir = TempDir::new("map-tombstones");
    let db = Arc::new(rocks_db(&dir));
    let field = |i: usize| Slot::field("c", "m", &format!("f{i:05}"));
    let all: Vec<_> = (0..5000).map(|i| (field(i), Some("v"))).collect();
    commit(&db, &all);
    // Keep three: the first, one in the middle and the last.
    let kept = [0, 2500, 4999];
    let deleted: Vec<_> = (0..5000).filter(|i| !kept.contains(i)).map(|i| (field(i), None)).collect();
    commit(&db, &deleted);

    let tx = Journal::new(db.clone());
    let (skipped, (len, fields)) =
        deletes_skipped(|| (tx.map_len("c", "m").unwrap(), tx.map_fields("c", "m", 10).unwrap().unwrap()));
    assert_eq!((len, fields), (3, vec!["f00000".to_owned(), "f02500".to_owned(), "f04999".to_owned()]));
    assert_eq!(skipped, 0, "deleted entries stepped over by counting and listing 3 fields");

    // The map emptied, then given one field again.
    commit(&db, &kept.map(|i| (field(i), None)));
    commit(&db, &[(field(7), Some("v"))]);
    let tx = Journal::new(db.clone());
    let (skipped, fields) = deletes_skipped(|| tx.map_fields("c", "m", 10).unwrap().unwrap());
    assert_eq!(fields, ["f00007"]);
    assert_eq!(skipped, 0);

    // The same scan over the fields themselves does step over every
    // deleted one: the count above is RocksDB's, and it counts.
    let (skipped, _) = deletes_skipped(|| {
        tx.scan(&v8vm_state::StateKey::map_prefix("c", "m"), &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap()
    });
    assert!(skipped >= 4999, "{skipped} deleted fields stepped over");
}
