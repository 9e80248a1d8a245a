//! Random sequences of put/del/mapPut/mapDel with nested checkpoints,
//! reverts, transactions, blocks, snapshots and reopens, checked against a
//! model made of plain maps (a checkpoint or a snapshot there is a copy of
//! the map).

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use v8vm_state::{Backend, Checkpoint, Journal, Slot, StateDb};

use crate::tester::{digest_of, memory_db, rocks_db, small_cache, visible, TempDir};

const CONTRACTS: [&str; 2] = ["token", "t\0k"];
const KEYS: [&str; 3] = ["bal", "supply", "b"];
const FIELDS: [&str; 4] = ["alice", "bob", "", "al\0"];

#[derive(Debug, Clone)]
enum Op {
    Put {
        contract: usize,
        key: usize,
        value: u8,
    },
    Del {
        contract: usize,
        key: usize,
    },
    MapPut {
        contract: usize,
        key: usize,
        field: usize,
        value: u8,
    },
    MapDel {
        contract: usize,
        key: usize,
        field: usize,
    },
    /// Opens a checkpoint (a nested call starts).
    Checkpoint,
    /// The innermost nested call succeeds.
    CommitCheckpoint,
    /// The innermost nested call fails.
    Revert,
    /// The transaction ends: applied to the block if `success`, else dropped.
    EndTx {
        success: bool,
    },
    /// The block is committed.
    CommitBlock,
    /// A snapshot of the committed state is taken (at most 3 live: the
    /// oldest goes).
    Snapshot,
    /// The oldest snapshot goes.
    DropSnapshot,
    /// The database is closed and reopened (the block being built is lost).
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..CONTRACTS.len();
    let k = 0..KEYS.len();
    let f = 0..FIELDS.len();
    prop_oneof![
        4 => (c.clone(), k.clone(), any::<u8>()).prop_map(|(contract, key, value)| Op::Put { contract, key, value }),
        2 => (c.clone(), k.clone()).prop_map(|(contract, key)| Op::Del { contract, key }),
        4 => (c.clone(), k.clone(), f.clone(), any::<u8>())
            .prop_map(|(contract, key, field, value)| Op::MapPut { contract, key, field, value }),
        2 => (c, k, f).prop_map(|(contract, key, field)| Op::MapDel { contract, key, field }),
        2 => Just(Op::Checkpoint),
        1 => Just(Op::CommitCheckpoint),
        1 => Just(Op::Revert),
        2 => any::<bool>().prop_map(|success| Op::EndTx { success }),
        1 => Just(Op::CommitBlock),
        1 => Just(Op::Snapshot),
        1 => Just(Op::DropSnapshot),
        1 => Just(Op::Reopen),
    ]
}

type Slots = BTreeMap<Slot, String>;

/// The model: committed state, the block being built, the transaction's
/// view, and a copy of that view per open checkpoint.
#[derive(Default)]
struct Model {
    committed: Slots,
    block: Slots,
    tx: Slots,
    checkpoints: Vec<Slots>,
    snapshots: Vec<Slots>,
}

/// The system under test.
struct Subject<B> {
    db: Arc<StateDb<B>>,
    journal: Journal,
    checkpoints: Vec<Checkpoint>,
    /// A journal over each live snapshot.
    snapshots: Vec<Journal>,
}

impl<B: Backend + 'static> Subject<B> {
    fn new(db: StateDb<B>) -> Subject<B> {
        let db = Arc::new(db);
        Subject { journal: Journal::new(db.clone()), db, checkpoints: Vec::new(), snapshots: Vec::new() }
    }
}

fn run<B: Backend + 'static>(ops: &[Op], db: StateDb<B>, reopen: impl Fn(StateDb<B>) -> StateDb<B>) {
    let mut model = Model::default();
    let mut subject = Subject::new(db);
    for (i, op) in ops.iter().enumerate() {
        let slot = |contract: &usize, key: &usize, field: Option<&usize>| match field {
            Some(field) => Slot::field(CONTRACTS[*contract], KEYS[*key], FIELDS[*field]),
            None => Slot::key(CONTRACTS[*contract], KEYS[*key]),
        };
        let mut touched = None;
        match op {
            Op::Put { contract, key, value } | Op::MapPut { contract, key, value, .. } => {
                let field = if let Op::MapPut { field, .. } = op { Some(field) } else { None };
                let slot = slot(contract, key, field);
                subject.journal.storage_put(&slot, &value.to_string()).unwrap();
                model.tx.insert(slot.clone(), value.to_string());
                touched = Some(slot);
            }
            Op::Del { contract, key } | Op::MapDel { contract, key, .. } => {
                let field = if let Op::MapDel { field, .. } = op { Some(field) } else { None };
                let slot = slot(contract, key, field);
                subject.journal.storage_delete(&slot).unwrap();
                model.tx.remove(&slot);
                touched = Some(slot);
            }
            Op::Checkpoint => {
                subject.checkpoints.push(subject.journal.checkpoint());
                model.checkpoints.push(model.tx.clone());
            }
            Op::CommitCheckpoint => {
                if let Some(checkpoint) = subject.checkpoints.pop() {
                    subject.journal.commit_checkpoint(checkpoint);
                    model.checkpoints.pop();
                }
            }
            Op::Revert => {
                if let Some(checkpoint) = subject.checkpoints.pop() {
                    subject.journal.revert_to(checkpoint);
                    model.tx = model.checkpoints.pop().unwrap();
                }
            }
            Op::EndTx { success } => end_tx(&mut subject, &mut model, *success),
            Op::CommitBlock => {
                end_tx(&mut subject, &mut model, true);
                let height = subject.db.head().height + 1;
                let digest = subject.db.commit_block(height, &height.to_be_bytes(), b"r").unwrap();
                model.committed = model.block.clone();
                assert_eq!(digest, digest_of(&model.committed), "op {i}: digest after commit");
                assert_eq!(subject.db.recompute_digest().unwrap(), digest, "op {i}: recomputed digest");
                assert_eq!(subject.db.block_digest(height).unwrap(), Some(digest));
                for (n, (journal, slots)) in subject.snapshots.iter().zip(&model.snapshots).enumerate() {
                    assert_eq!(&visible(journal), slots, "op {i}: snapshot {n} after commit");
                }
            }
            Op::Snapshot => {
                if subject.snapshots.len() == 3 {
                    subject.snapshots.remove(0);
                    model.snapshots.remove(0);
                }
                subject.snapshots.push(Journal::new(Arc::new(subject.db.snapshot())));
                model.snapshots.push(model.committed.clone());
            }
            Op::DropSnapshot => {
                if !subject.snapshots.is_empty() {
                    subject.snapshots.remove(0);
                    model.snapshots.remove(0);
                }
            }
            Op::Reopen => {
                end_tx(&mut subject, &mut model, false);
                let head = subject.db.head();
                drop(subject.journal);
                drop(subject.snapshots);
                model.snapshots.clear();
                let db = Arc::try_unwrap(subject.db).expect("no other reference to the database");
                subject = Subject::new(reopen(db));
                assert_eq!(subject.db.head(), head, "op {i}: head after reopen");
                model.block = model.committed.clone();
                model.tx = model.committed.clone();
            }
        }
        if let Some(slot) = touched {
            let map = subject.journal.map_fields(&slot.contract, &slot.key, usize::MAX).unwrap().unwrap();
            let expected: Vec<String> = model
                .tx
                .keys()
                .filter(|s| s.contract == slot.contract && s.key == slot.key)
                .filter_map(|s| s.field.clone())
                .collect();
            assert_eq!(map, expected, "op {i}: map fields of {slot:?}");
            assert_eq!(subject.journal.storage_get(&slot).unwrap(), model.tx.get(&slot).cloned(), "op {i}: {slot:?}");
        } else {
            assert_eq!(visible(&subject.journal), model.tx, "op {i}: visible state after {op:?}");
        }
    }
}

fn end_tx<B: Backend + 'static>(subject: &mut Subject<B>, model: &mut Model, success: bool) {
    while let Some(checkpoint) = subject.checkpoints.pop() {
        subject.journal.commit_checkpoint(checkpoint);
        model.checkpoints.pop();
    }
    let journal = std::mem::replace(&mut subject.journal, Journal::new(subject.db.clone()));
    if success {
        subject.db.apply(journal.into_changes());
        model.block = model.tx.clone();
    } else {
        model.tx = model.block.clone();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn memory_backend_matches_the_model(ops in proptest::collection::vec(op(), 1..120)) {
        run(&ops, memory_db(), |db| StateDb::open(db.into_backend(), small_cache()).unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rocks_backend_matches_the_model(ops in proptest::collection::vec(op(), 1..120)) {
        let dir = TempDir::new("model");
        run(&ops, rocks_db(&dir), |db| {
            drop(db);
            rocks_db(&dir)
        });
    }
}
