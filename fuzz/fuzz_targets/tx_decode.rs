//! Bytes as a transaction's canonical encoding. A transaction that
//! decodes encodes back to the very same bytes (the encoding is canonical:
//! the hash and signatures depend on it), and the checks at the door never
//! panic, whatever the fields hold.

#![no_main]

use libfuzzer_sys::fuzz_target;
use v8vm_chain::{Transaction, DEV_GENESIS_TIME};

/// The latest clock reading tried (about the year 2116): a node's clock,
/// not the transaction, decides `now`, and it is never near `i64::MAX`.
const LATEST_NOW: i64 = i64::MAX / 2;

fuzz_target!(|data: &[u8]| {
    let Ok(tx) = Transaction::decode(data) else { return };
    assert_eq!(tx.encode(), data, "decode then encode must give the same bytes");
    let _ = tx.hash_hex();
    let _ = tx.signer_keys();
    // Clocks that get the transaction past the time checks, so the later
    // checks (amounts, signatures) run too.
    for now in [DEV_GENESIS_TIME, tx.time, tx.expiration.saturating_sub(1)] {
        let now = now.clamp(0, LATEST_NOW);
        let _ = tx.check(tx.chain_id, now);
        let _ = tx.check(1024, now);
    }
});
