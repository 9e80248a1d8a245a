//! Transactions: encoding, hash, signatures, and the checks at the door.

use ed25519_dalek::{Signer as _, SigningKey as Ed25519Key};
use k256::ecdsa::signature::hazmat::PrehashSigner as _;
use k256::ecdsa::{Signature as EcdsaSignature, SigningKey as Secp256k1Key};
use v8vm_chain::{Transaction, TxAction, TxError, MAX_GAS_LIMIT, MAX_GAS_PRICE, MAX_TX_BYTES};
use v8vm_runtime::crypto::Algorithm;
use v8vm_runtime::AmountLimit;

const CHAIN: u32 = 1024;
const NOW: i64 = 1_800_000_000_000_000_000;

fn unsigned() -> Transaction {
    Transaction {
        chain_id: CHAIN,
        time: NOW,
        expiration: NOW + 30_000_000_000,
        gas_limit: 100_000,
        gas_price: 1,
        publisher: "alice".into(),
        actions: vec![TxAction {
            contract: "token.iost".into(),
            method: "transfer".into(),
            args: r#"["iost","alice","bob","5"]"#.into(),
        }],
        amount_limit: vec![AmountLimit { token: "iost".into(), val: "5".into() }],
        signers: Vec::new(),
        signatures: Vec::new(),
    }
}

fn signed_ed25519() -> Transaction {
    let mut tx = unsigned();
    let key = Ed25519Key::from_bytes(&[7; 32]);
    let signature = key.sign(&tx.hash());
    tx.add_signature(Algorithm::Ed25519, key.verifying_key().as_bytes().to_vec(), signature.to_bytes().to_vec());
    tx
}

#[test]
fn the_encoding_round_trips_and_the_hash_is_stable() {
    let tx = signed_ed25519();
    let bytes = tx.encode();
    assert_eq!(Transaction::decode(&bytes).unwrap(), tx);
    // The hash covers everything but the signatures, and is pinned (the
    // value was computed independently, with Python's hashlib over the
    // documented layout): a change of encoding would split the chain.
    assert_eq!(tx.hash(), unsigned().hash());
    assert_eq!(tx.hash_hex(), "d48e1974dba95ba2ebfc8e7534881d1ce839082a0603c3a16db39be886e901f1");
    let mut other = unsigned();
    other.gas_price = 2;
    assert_ne!(other.hash(), tx.hash());
}

#[test]
fn signatures_of_both_algorithms_are_checked() {
    assert_eq!(signed_ed25519().check(CHAIN, NOW), Ok(()));

    let mut tx = unsigned();
    let key = Secp256k1Key::from_bytes(&[9u8; 32].into()).unwrap();
    let signature: EcdsaSignature = key.sign_prehash(&tx.hash()).unwrap();
    let public = key.verifying_key().to_encoded_point(true).as_bytes().to_vec();
    tx.add_signature(Algorithm::Secp256k1, public, signature.to_bytes().to_vec());
    assert_eq!(tx.check(CHAIN, NOW), Ok(()));

    // Any change after signing breaks the signature.
    let mut tampered = signed_ed25519();
    tampered.actions[0].args = r#"["alice","bob","500"]"#.into();
    assert_eq!(tampered.check(CHAIN, NOW), Err(TxError::BadSignature { index: 0, algorithm: Algorithm::Ed25519 }));
    assert_eq!(
        tampered.check(CHAIN, NOW).unwrap_err().to_string(),
        "signature 0 (Ed25519) does not verify against the transaction's hash"
    );
}

#[test]
fn the_door_refuses_with_a_reason() {
    let tx = signed_ed25519();
    let reason = |tx: &Transaction, now: i64| tx.check(CHAIN, now).unwrap_err().to_string();
    assert_eq!(tx.check(7, NOW).unwrap_err().to_string(), "the transaction is for chain 1024, this is chain 7");
    assert_eq!(
        reason(&tx, NOW + 31_000_000_000),
        format!(
            "the transaction expired at {}, it is now {} (nanoseconds)",
            NOW + 30_000_000_000,
            NOW + 31_000_000_000
        )
    );
    assert_eq!(
        reason(&tx, NOW - 5_000_000_000),
        format!("invalid transaction: time {NOW} is ahead of the node's clock {}", NOW - 5_000_000_000)
    );
    let mut long = signed_ed25519();
    long.expiration = NOW + 100_000_000_000;
    assert_eq!(reason(&long, NOW), "invalid transaction: expiration must be after time and at most 90 s later");
    let mut no_gas = signed_ed25519();
    no_gas.gas_limit = 0;
    assert_eq!(reason(&no_gas, NOW), "invalid transaction: gas_limit must be 1 to 1000000000, not 0");
    // Maxima: the meter stays exact, the fee bounded. The maxima pass those
    // checks (and stop at the signatures, made for other values).
    let mut most = signed_ed25519();
    (most.gas_limit, most.gas_price) = (MAX_GAS_LIMIT, MAX_GAS_PRICE);
    assert!(reason(&most, NOW).starts_with("signature 0"), "{}", reason(&most, NOW));
    let mut too_much_gas = signed_ed25519();
    too_much_gas.gas_limit = MAX_GAS_LIMIT + 1;
    assert_eq!(reason(&too_much_gas, NOW), "invalid transaction: gas_limit must be 1 to 1000000000, not 1000000001");
    let mut too_dear = signed_ed25519();
    too_dear.gas_price = MAX_GAS_PRICE + 1;
    assert_eq!(reason(&too_dear, NOW), "invalid transaction: gas_price must be 1 to 100000000, not 100000001");
    let mut empty = signed_ed25519();
    empty.actions.clear();
    assert_eq!(reason(&empty, NOW), "invalid transaction: a transaction has 1 to 16 actions, this one 0");
    let mut huge = signed_ed25519();
    huge.actions[0].args = format!(r#"["{}"]"#, "x".repeat(MAX_TX_BYTES));
    assert!(matches!(huge.check(CHAIN, NOW), Err(TxError::TooLarge(_))));
}

#[test]
fn malformed_bytes_are_refused_not_misread() {
    let bytes = signed_ed25519().encode();
    let decode = |bytes: &[u8]| Transaction::decode(bytes).unwrap_err().to_string();
    assert_eq!(decode(&bytes[..3]), "malformed transaction: it ends inside chain_id");
    assert_eq!(decode(&bytes[..bytes.len() - 1]), "malformed transaction: it ends inside signature");
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert_eq!(decode(&trailing), "malformed transaction: 1 bytes after the transaction");
    let mut too_many = unsigned().encode_unsigned();
    too_many.extend_from_slice(&1000u32.to_be_bytes());
    assert_eq!(decode(&too_many), "malformed transaction: 1000 signatures, over the limit of 8");
    assert_eq!(
        decode(&vec![0; MAX_TX_BYTES + 1]),
        format!("the transaction is {} bytes, over the {MAX_TX_BYTES}-byte limit", MAX_TX_BYTES + 1)
    );
}

/// The fuzzer's seed transactions (`fuzz/seeds/tx_decode`, written by
/// `fuzz/seeds/generate.py` in Python from the documented layout) are real
/// ones: they decode, encode back to the same bytes, and the signed ones
/// pass the checks at the door of a dev chain at their time.
#[test]
fn the_fuzz_seed_transactions_are_valid() {
    macro_rules! seed {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/tx_decode/", $name)).as_slice()
        };
    }
    let now = v8vm_chain::DEV_GENESIS_TIME + 10_000_000_000;
    for bytes in [seed!("transfer-ed25519.bin"), seed!("two-actions-two-signers.bin"), seed!("secp256k1.bin")] {
        let tx = Transaction::decode(bytes).unwrap();
        assert_eq!(tx.encode(), bytes);
        tx.check(CHAIN, now).unwrap();
    }
    let unsigned = Transaction::decode(seed!("unsigned-deploy.bin")).unwrap();
    assert_eq!(unsigned.actions[0].contract, "system.iost");
    assert!(unsigned.signatures.is_empty());
}

/// Found by fuzzing (`tx_decode`), minimized by hand: a time far in the
/// past and an expiration just after now made `expiration - time`
/// overflow, a panic in debug builds and in release a negative lifetime
/// that passed the 90 s bound. The bytes: chain 1024, time `i64::MIN`,
/// expiration `NOW + 1`, one action, one empty ed25519 signature.
#[test]
fn fuzz_regression_a_lifetime_past_i64_is_refused() {
    let bytes = hex::decode(
        "00000400800000000000000018fae27693b40001000000000000000100000000000000010000000161000000010000000161\
         0000000162000000025b5d000000000000000000000001000000000000000000",
    )
    .unwrap();
    let tx = Transaction::decode(&bytes).unwrap();
    assert_eq!((tx.time, tx.expiration), (i64::MIN, NOW + 1));
    assert_eq!(
        tx.check(CHAIN, NOW).unwrap_err().to_string(),
        "invalid transaction: expiration must be after time and at most 90 s later"
    );
}
