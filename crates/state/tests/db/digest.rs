//! The digest depends on the state, not on the order or the blocks in which
//! it was written.

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use v8vm_state::{Journal, LtHash, Slot, StateKey};

use crate::tester::{commit, digest_of, memory_db};

/// A final state, a shuffled write order of its slots, noise (values written
/// first and overwritten later, by slot index), and a number of blocks.
type Scenario = (BTreeMap<Slot, String>, Vec<usize>, Vec<(usize, String)>, usize);

fn scenario() -> impl Strategy<Value = Scenario> {
    let slot = (0..4usize, 0..6usize, proptest::option::of(0..6usize)).prop_map(|(c, k, f)| match f {
        Some(f) => Slot::field(&format!("c{c}"), &format!("k{k}"), &format!("f{f}")),
        None => Slot::key(&format!("c{c}"), &format!("k{k}")),
    });
    proptest::collection::btree_map(slot, "[a-z0-9]{0,12}", 1..40).prop_flat_map(|state| {
        let n = state.len();
        let order = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
        let noise = proptest::collection::vec((0..n, "[A-Z]{1,5}"), 0..20);
        (Just(state), order, noise, 1..5usize)
    })
}

proptest! {
    #[test]
    fn digest_is_independent_of_write_order((state, order, noise, blocks) in scenario()) {
        let expected = digest_of(&state);
        let slots: Vec<&Slot> = state.keys().collect();

        // One block, in key order.
        let in_order = Arc::new(memory_db());
        let writes: Vec<(Slot, Option<&str>)> = state.iter().map(|(s, v)| (s.clone(), Some(v.as_str()))).collect();
        prop_assert_eq!(commit(&in_order, &writes), expected);

        // Noise first (values and extra deletions), then the state in a
        // shuffled order spread over several blocks, one transaction per write.
        let shuffled = Arc::new(memory_db());
        let noise: Vec<(Slot, Option<&str>)> =
            noise.iter().map(|(i, v)| (slots[*i].clone(), Some(v.as_str()))).collect();
        commit(&shuffled, &noise);
        let chunk = order.len().div_ceil(blocks);
        let mut last = None;
        for part in order.chunks(chunk) {
            for &i in part {
                let mut tx = Journal::new(shuffled.clone());
                tx.storage_delete(slots[i]).unwrap();
                tx.storage_put(slots[i], &state[slots[i]]).unwrap();
                shuffled.apply(tx.into_changes());
            }
            let height = shuffled.head().height + 1;
            last = Some(shuffled.commit_block(height, b"", b"").unwrap());
        }
        prop_assert_eq!(last, Some(expected));
        prop_assert_eq!(shuffled.recompute_digest().unwrap(), expected);

        // The lattice itself, summed in the shuffled order.
        let mut lattice = LtHash::new();
        for &i in &order {
            lattice.insert(&StateKey::Storage(slots[i].clone()).encode(), state[slots[i]].as_bytes());
        }
        prop_assert_eq!(lattice.digest(), expected);
    }

    #[test]
    fn different_states_have_different_digests(
        (state, _order, _noise, _blocks) in scenario(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (slot, value) = state.iter().nth(pick.index(state.len())).unwrap();
        let mut changed = state.clone();
        changed.insert(slot.clone(), format!("{value}!"));
        prop_assert_ne!(digest_of(&changed), digest_of(&state));
        changed.remove(slot);
        prop_assert_ne!(digest_of(&changed), digest_of(&state));
    }
}
