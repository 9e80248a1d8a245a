//! The genesis: the chain's first state — its accounts, the native token
//! and who holds it, and the block producer.

use serde::{Deserialize, Serialize};
use v8vm_runtime::crypto::Algorithm;
use v8vm_runtime::parse_amount;
use v8vm_state::{Changes, Journal, StateDb, StateKey, StateView};

use crate::account::{Account, Permission};
use crate::keys::KeyPair;
use crate::token::{write_balance, write_token, TokenInfo, NATIVE_DECIMALS, NATIVE_TOKEN};

/// An account that exists from the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenesisAccount {
    /// Its name.
    pub name: String,
    /// Its public key (base58), both owner and active.
    pub key: String,
    /// Its balance of the native token, a decimal string.
    pub balance: String,
}

/// The chain's first state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Genesis {
    /// The chain's id: transactions signed for another chain are refused.
    pub chain_id: u32,
    /// The genesis block's time, nanoseconds since the Unix epoch.
    pub time: i64,
    /// The account that produces blocks (and issues the native token); its
    /// key signs them.
    pub producer: String,
    /// The most native token there may ever be, a decimal string.
    pub total_supply: String,
    /// The accounts, the producer's among them.
    pub accounts: Vec<GenesisAccount>,
}

/// The genesis time of development chains (2026-01-01T00:00:00Z), the same
/// for every dev node so they share one chain.
pub const DEV_GENESIS_TIME: i64 = 1_767_225_600_000_000_000;

/// The development accounts and the seeds of their well-known keys.
const DEV_ACCOUNTS: [(&str, &str); 4] =
    [("admin", "1000000000"), ("alice", "1000000"), ("bob", "1000000"), ("carol", "1000000")];

impl Genesis {
    /// A development chain (id 1024): accounts `admin` (the producer),
    /// `alice`, `bob` and `carol`, funded, with well-known ed25519 keys
    /// ([`Genesis::dev_key`]). Never for real funds.
    pub fn dev(time: i64) -> Genesis {
        let accounts = DEV_ACCOUNTS
            .iter()
            .map(|(name, balance)| GenesisAccount {
                name: (*name).to_owned(),
                key: Genesis::dev_key(name).public_b58(),
                balance: (*balance).to_owned(),
            })
            .collect();
        Genesis { chain_id: 1024, time, producer: "admin".into(), total_supply: "90000000000".into(), accounts }
    }

    /// The well-known key of development account `name`: SHA3-256 of
    /// `v8vm dev <name>` as an ed25519 secret.
    pub fn dev_key(name: &str) -> KeyPair {
        KeyPair::from_seed(Algorithm::Ed25519, &format!("v8vm dev {name}"))
    }

    /// The producer's public key (base58).
    ///
    /// # Errors
    /// The producer is not among the accounts.
    pub fn producer_key(&self) -> Result<&str, String> {
        self.accounts
            .iter()
            .find(|a| a.name == self.producer)
            .map(|a| a.key.as_str())
            .ok_or_else(|| format!("the producer {:?} is not a genesis account", self.producer))
    }

    /// The genesis state's writes.
    ///
    /// # Errors
    /// A bad account name, balance or supply, or balances over the supply.
    pub fn changes<B: v8vm_state::Backend + 'static>(
        &self,
        db: &std::sync::Arc<StateDb<B>>,
    ) -> Result<Changes, String> {
        self.producer_key()?;
        let total_supply =
            parse_amount(&self.total_supply, NATIVE_DECIMALS).map_err(|e| format!("total_supply: {e}"))?;
        let base: std::sync::Arc<dyn StateView> = db.clone();
        let mut journal = Journal::new(base);
        let mut supply: u128 = 0;
        for account in &self.accounts {
            if !crate::system::valid_account_name(&account.name) {
                return Err(format!("account name {:?} must be 2-32 of [a-z0-9_]", account.name));
            }
            let balance = parse_amount(&account.balance, NATIVE_DECIMALS)
                .map_err(|e| format!("the balance of {}: {e}", account.name))?;
            supply = supply.checked_add(balance).ok_or("balances overflow")?;
            let record = Account {
                name: account.name.clone(),
                owner: Permission::single(&account.key),
                active: Permission::single(&account.key),
            };
            journal.put(&StateKey::Account(account.name.clone()), record.to_bytes());
            write_balance(&mut journal, NATIVE_TOKEN, NATIVE_DECIMALS, &account.name, balance)
                .map_err(|e| e.to_string())?;
        }
        if supply > total_supply {
            return Err("the genesis balances pass the total supply".into());
        }
        let info = TokenInfo { issuer: self.producer.clone(), total_supply, supply, decimals: NATIVE_DECIMALS };
        write_token(&mut journal, NATIVE_TOKEN, &info).map_err(|e| e.to_string())?;
        Ok(journal.into_changes())
    }
}
