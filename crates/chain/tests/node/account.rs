//! Accounts: what a transaction's signatures prove.

use std::sync::Arc;

use ed25519_dalek::{Signer as _, SigningKey};
use v8vm_chain::{authorize, Account, KeyWeight, Permission, Transaction, TxAction, TxError};
use v8vm_runtime::crypto::Algorithm;
use v8vm_state::{Journal, MemoryBackend, StateDb, StateKey, StateOptions};

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn public(key: &SigningKey) -> String {
    bs58::encode(key.verifying_key().as_bytes()).into_string()
}

/// alice: owner key 1, active key 2. corp: active needs 2 of keys 3, 4, 5.
fn state() -> Arc<StateDb<MemoryBackend>> {
    let db = Arc::new(StateDb::open(MemoryBackend::new(), StateOptions::default()).unwrap());
    let mut journal = Journal::new(db.clone());
    let alice = Account {
        name: "alice".into(),
        owner: Permission::single(&public(&key(1))),
        active: Permission::single(&public(&key(2))),
    };
    let weighted = |seeds: &[u8]| seeds.iter().map(|s| KeyWeight { key: public(&key(*s)), weight: 1 }).collect();
    let corp = Account {
        name: "corp".into(),
        owner: Permission { threshold: 3, keys: weighted(&[3, 4, 5]) },
        active: Permission { threshold: 2, keys: weighted(&[3, 4, 5]) },
    };
    for account in [alice, corp] {
        journal.put(&StateKey::Account(account.name.clone()), account.to_bytes());
    }
    db.apply(journal.into_changes());
    db.commit_block(1, b"", b"").unwrap();
    db
}

fn tx(publisher: &str, signers: &[&str], keys: &[u8]) -> Transaction {
    let mut tx = Transaction {
        chain_id: 1,
        time: 0,
        expiration: 1,
        gas_limit: 1,
        gas_price: 1,
        publisher: publisher.into(),
        actions: vec![TxAction { contract: "token".into(), method: "transfer".into(), args: "[]".into() }],
        amount_limit: Vec::new(),
        signers: signers.iter().map(|s| (*s).to_owned()).collect(),
        signatures: Vec::new(),
    };
    let hash = tx.hash();
    for seed in keys {
        let key = key(*seed);
        tx.add_signature(
            Algorithm::Ed25519,
            key.verifying_key().as_bytes().to_vec(),
            key.sign(&hash).to_bytes().to_vec(),
        );
    }
    tx
}

#[test]
fn signatures_grant_what_the_account_records_say() {
    let db = state();
    let granted = |tx: &Transaction| authorize(tx, db.as_ref()).map(|list| format!("{list:?}"));
    // The active key grants active; the owner key grants owner and active.
    assert_eq!(granted(&tx("alice", &[], &[2])), Ok(r#"{"alice": "active"}"#.into()));
    assert_eq!(granted(&tx("alice", &["alice@owner"], &[1])), Ok(r#"{"alice": "owner"}"#.into()));
    assert_eq!(
        granted(&tx("alice", &["alice@owner"], &[2])),
        Err(TxError::Unauthorized { account: "alice".into(), permission: "owner".into() })
    );
    // A threshold: two of corp's three keys for active.
    assert_eq!(
        granted(&tx("alice", &["corp@active"], &[2, 3, 4])),
        Ok(r#"{"alice": "active", "corp": "active"}"#.into())
    );
    assert_eq!(
        granted(&tx("alice", &["corp@active"], &[2, 3])).unwrap_err().to_string(),
        "the signatures do not grant corp@active"
    );
    // Unknown accounts and malformed claims are refused with a reason.
    assert_eq!(
        granted(&tx("nobody", &[], &[2])).unwrap_err().to_string(),
        "invalid transaction: account \"nobody\" does not exist"
    );
    assert_eq!(
        granted(&tx("alice", &["corp"], &[2])).unwrap_err().to_string(),
        "invalid transaction: signer \"corp\" is not account@active or account@owner"
    );
}
