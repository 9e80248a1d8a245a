//! Accounts: named holders of keys, and what a transaction's signatures
//! prove about them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use v8vm_state::{StateError, StateKey, StateView};

use crate::tx::{Transaction, TxError};

/// One key of a permission, and what its signature weighs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyWeight {
    /// The public key, base58.
    pub key: String,
    /// Its weight toward the threshold.
    pub weight: u32,
}

/// A permission: satisfied when the keys that signed weigh at least the
/// threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// The weight needed.
    pub threshold: u32,
    /// The keys and their weights.
    pub keys: Vec<KeyWeight>,
}

impl Permission {
    /// One key that alone satisfies the permission.
    pub fn single(key: &str) -> Permission {
        Permission { threshold: 1, keys: vec![KeyWeight { key: key.to_owned(), weight: 1 }] }
    }

    /// Whether the signing keys `signed` (base58) satisfy it; each key
    /// counts once.
    pub fn satisfied_by(&self, signed: &[String]) -> bool {
        let weight: u64 = self.keys.iter().filter(|k| signed.contains(&k.key)).map(|k| u64::from(k.weight)).sum();
        self.threshold > 0 && weight >= u64::from(self.threshold)
    }
}

/// A named account, stored under [`StateKey::Account`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Its name.
    pub name: String,
    /// Controls everything, including the account's keys.
    pub owner: Permission,
    /// Everyday use: transfers, calls.
    pub active: Permission,
}

impl Account {
    /// Whether `signed` grants `permission` (`owner` or `active`): the
    /// owner's keys grant both.
    pub fn grants(&self, permission: &str, signed: &[String]) -> bool {
        match permission {
            "active" => self.active.satisfied_by(signed) || self.owner.satisfied_by(signed),
            _ => self.owner.satisfied_by(signed),
        }
    }

    /// Reads account `name`.
    ///
    /// # Errors
    /// The state cannot be read, or the record is corrupt.
    pub fn load(state: &dyn StateView, name: &str) -> Result<Option<Account>, StateError> {
        let Some(bytes) = state.get(&StateKey::Account(name.to_owned()).encode())? else { return Ok(None) };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StateError::Corrupt(format!("the account record of {name:?} is not valid: {e}")))
    }

    /// The record as stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an account serializes")
    }
}

/// What a transaction's signatures grant: each account it claims as a
/// signer (`account@permission`, the publisher `@active` always) must exist
/// and be satisfied by the keys that signed. Returns the authorization list
/// the contracts see (`tx.authList`, `blockchain.requireAuth`). Call after
/// [`Transaction::check`], which verified the signatures themselves.
///
/// # Errors
/// [`TxError::Unauthorized`] naming the first claim not proven.
pub fn authorize(tx: &Transaction, state: &dyn StateView) -> Result<BTreeMap<String, String>, TxError> {
    let signed = tx.signer_keys();
    let mut claims = vec![(tx.publisher.clone(), "active".to_owned())];
    for signer in &tx.signers {
        match signer.split_once('@') {
            Some((account, permission)) if permission == "active" || permission == "owner" => {
                claims.push((account.to_owned(), permission.to_owned()));
            }
            _ => return Err(TxError::Invalid(format!("signer {signer:?} is not account@active or account@owner"))),
        }
    }
    let mut granted = BTreeMap::new();
    for (account, permission) in claims {
        let record = Account::load(state, &account).map_err(|e| TxError::Invalid(format!("state error: {e}")))?;
        match record {
            Some(record) if record.grants(&permission, &signed) => {
                let strongest = if permission == "owner" || granted.get(&account).is_some_and(|p| p == "owner") {
                    "owner"
                } else {
                    "active"
                };
                granted.insert(account, strongest.to_owned());
            }
            Some(_) => return Err(TxError::Unauthorized { account, permission }),
            None => return Err(TxError::Invalid(format!("account {account:?} does not exist"))),
        }
    }
    Ok(granted)
}
