//! `token.iost`: the native token contract. Any account may create a
//! token; its issuer issues it; holders transfer it. The chain's own token,
//! `iost`, pays for gas.
//!
//! Storage (readable by contracts with `storage.globalMapGet` and over RPC
//! with `getStorage`): `info.<token>` holds the token's record as JSON;
//! map `balance.<token>` holds each holder's balance as a decimal string.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use v8vm_runtime::{
    format_amount, native_abi, parse_amount, Abi, ArgType, NativeCall, NativeContract, NativeError, Spend, MAX_DECIMALS,
};
use v8vm_state::{Journal, Slot, StateError, StateKey, StateView};

/// The native token contract's name.
pub const TOKEN_CONTRACT: &str = "token.iost";
/// The chain's own token, which pays for gas.
pub const NATIVE_TOKEN: &str = "iost";
/// Decimals of the native token.
pub const NATIVE_DECIMALS: u32 = 8;
/// Longest memo of a transfer, in bytes.
pub const MAX_MEMO_BYTES: usize = 512;

const GAS_CREATE: u64 = 5_000;
const GAS_WRITE: u64 = 2_000;
const GAS_READ: u64 = 200;

/// A token's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// Who may issue it.
    pub issuer: String,
    /// The most that may ever be issued, in its smallest unit.
    pub total_supply: u128,
    /// How much has been issued, in its smallest unit.
    pub supply: u128,
    /// Its decimals.
    pub decimals: u32,
}

/// The `token.iost` native contract.
#[derive(Debug)]
pub struct TokenContract {
    abi: Abi,
}

impl Default for TokenContract {
    fn default() -> Self {
        use ArgType::{Number, String as Text};
        let abi = native_abi(&[
            ("create", &[Text, Text, Text, Number]),
            ("issue", &[Text, Text, Text]),
            ("transfer", &[Text, Text, Text, Text, Text]),
            ("balanceOf", &[Text, Text]),
            ("supply", &[Text]),
            ("totalSupply", &[Text]),
            ("decimals", &[Text]),
        ]);
        TokenContract { abi }
    }
}

fn info_slot(token: &str) -> Slot {
    Slot::key(TOKEN_CONTRACT, &format!("info.{token}"))
}

fn balance_slot(token: &str, holder: &str) -> Slot {
    Slot::field(TOKEN_CONTRACT, &format!("balance.{token}"), holder)
}

/// The record of `token`, if it exists.
///
/// # Errors
/// The state cannot be read, or the record is corrupt.
pub fn token_info(state: &dyn StateView, token: &str) -> Result<Option<TokenInfo>, StateError> {
    let Some(bytes) = state.get(&StateKey::Storage(info_slot(token)).encode())? else { return Ok(None) };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| StateError::Corrupt(format!("token {token:?}: {e}")))
}

/// `holder`'s balance of `token`, in its smallest unit (0 if none).
///
/// # Errors
/// The state cannot be read, or the token or the balance is corrupt.
pub fn balance(state: &dyn StateView, token: &str, holder: &str) -> Result<u128, StateError> {
    let Some(info) = token_info(state, token)? else { return Ok(0) };
    let Some(bytes) = state.get(&StateKey::Storage(balance_slot(token, holder)).encode())? else { return Ok(0) };
    let text = std::str::from_utf8(&bytes).map_err(|_| StateError::Corrupt(format!("balance of {holder:?}")))?;
    parse_amount(text, info.decimals).map_err(|e| StateError::Corrupt(format!("balance of {holder:?}: {e}")))
}

/// Writes a token's record (genesis).
pub(crate) fn write_token(journal: &mut Journal, token: &str, info: &TokenInfo) -> Result<(), StateError> {
    journal.storage_put(&info_slot(token), &serde_json::to_string(info).expect("token info serializes"))
}

/// Writes `holder`'s balance of a token with `decimals` decimals.
pub(crate) fn write_balance(
    journal: &mut Journal,
    token: &str,
    decimals: u32,
    holder: &str,
    units: u128,
) -> Result<(), StateError> {
    journal.storage_put(&balance_slot(token, holder), &format_amount(units, decimals))
}

fn arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or_default()
}

fn failed(message: impl Into<String>) -> NativeError {
    NativeError::failed(message)
}

impl TokenContract {
    fn info(call: &NativeCall<'_>, token: &str) -> Result<TokenInfo, NativeError> {
        let text =
            call.storage_get(&format!("info.{token}"), None)?.ok_or_else(|| failed(format!("no token {token:?}")))?;
        serde_json::from_str(&text)
            .map_err(|e| NativeError::State(StateError::Corrupt(format!("token {token:?}: {e}"))))
    }

    fn balance(call: &NativeCall<'_>, token: &str, info: &TokenInfo, holder: &str) -> Result<u128, NativeError> {
        match call.storage_get(&format!("balance.{token}"), Some(holder))? {
            Some(text) => parse_amount(&text, info.decimals)
                .map_err(|e| NativeError::State(StateError::Corrupt(format!("balance of {holder:?}: {e}")))),
            None => Ok(0),
        }
    }

    fn set_balance(
        call: &mut NativeCall<'_>,
        token: &str,
        info: &TokenInfo,
        holder: &str,
        units: u128,
    ) -> Result<(), NativeError> {
        Ok(call.storage_put(&format!("balance.{token}"), Some(holder), &format_amount(units, info.decimals))?)
    }

    /// A holder must be an account or a contract that exists.
    fn check_holder(call: &NativeCall<'_>, holder: &str) -> Result<(), NativeError> {
        let exists = call.get(&StateKey::Account(holder.to_owned()))?.is_some()
            || call.get(&StateKey::Contract(holder.to_owned()))?.is_some();
        if exists {
            Ok(())
        } else {
            Err(failed(format!("no account or contract named {holder:?}")))
        }
    }

    fn amount(text: &str, info: &TokenInfo) -> Result<u128, NativeError> {
        let units = parse_amount(text, info.decimals).map_err(failed)?;
        if units == 0 {
            return Err(failed("the amount must be more than 0"));
        }
        Ok(units)
    }

    fn create(call: &mut NativeCall<'_>, args: &[Value]) -> Result<String, NativeError> {
        let (token, issuer, total) = (arg(args, 0), arg(args, 1), arg(args, 2));
        let decimals = args.get(3).and_then(Value::as_u64).unwrap_or(u64::MAX);
        call.charge(GAS_CREATE);
        let valid = (2..=16).contains(&token.len())
            && token.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            return Err(failed(format!("token symbol {token:?} must be 2-16 of [a-z0-9_]")));
        }
        let decimals = u32::try_from(decimals)
            .ok()
            .filter(|d| *d <= MAX_DECIMALS)
            .ok_or_else(|| failed(format!("decimals must be 0 to {MAX_DECIMALS}")))?;
        if !call.require_auth(issuer, "active") {
            return Err(failed(format!("creating a token needs the issuer's authority ({issuer}@active)")));
        }
        Self::check_holder(call, issuer)?;
        if call.storage_get(&format!("info.{token}"), None)?.is_some() {
            return Err(failed(format!("token {token:?} exists already")));
        }
        let total_supply = parse_amount(total, decimals).map_err(failed)?;
        let info = TokenInfo { issuer: issuer.to_owned(), total_supply, supply: 0, decimals };
        call.storage_put(
            &format!("info.{token}"),
            None,
            &serde_json::to_string(&info).expect("token info serializes"),
        )?;
        call.receipt(json!([token, issuer, total, decimals]).to_string())?;
        Ok(String::new())
    }

    fn issue(call: &mut NativeCall<'_>, args: &[Value]) -> Result<String, NativeError> {
        let (token, to, amount) = (arg(args, 0), arg(args, 1), arg(args, 2));
        call.charge(GAS_WRITE);
        let mut info = Self::info(call, token)?;
        if !call.require_auth(&info.issuer, "active") {
            return Err(failed(format!("issuing {token} needs its issuer's authority ({}@active)", info.issuer)));
        }
        Self::check_holder(call, to)?;
        let units = Self::amount(amount, &info)?;
        let supply = info.supply.checked_add(units).filter(|s| *s <= info.total_supply).ok_or_else(|| {
            failed(format!(
                "issuing {amount} {token} would pass its total supply of {}",
                format_amount(info.total_supply, info.decimals)
            ))
        })?;
        let held = Self::balance(call, token, &info, to)?;
        Self::set_balance(call, token, &info, to, held + units)?;
        info.supply = supply;
        call.storage_put(
            &format!("info.{token}"),
            None,
            &serde_json::to_string(&info).expect("token info serializes"),
        )?;
        call.receipt(json!([token, to, amount]).to_string())?;
        Ok(String::new())
    }

    fn transfer(call: &mut NativeCall<'_>, args: &[Value]) -> Result<String, NativeError> {
        let (token, from, to, amount, memo) = (arg(args, 0), arg(args, 1), arg(args, 2), arg(args, 3), arg(args, 4));
        call.charge(GAS_WRITE);
        let info = Self::info(call, token)?;
        if memo.len() > MAX_MEMO_BYTES {
            return Err(failed(format!("the memo is {} bytes, over the {MAX_MEMO_BYTES}-byte limit", memo.len())));
        }
        if !call.require_auth(from, "active") {
            return Err(failed(format!("transferring from {from} needs its authority ({from}@active)")));
        }
        if from == to {
            return Err(failed("a transfer needs two different holders"));
        }
        Self::check_holder(call, to)?;
        let units = Self::amount(amount, &info)?;
        let held = Self::balance(call, token, &info, from)?;
        if held < units {
            return Err(failed(format!(
                "{from} has {} {token}, not the {amount} to transfer",
                format_amount(held, info.decimals)
            )));
        }
        let received = Self::balance(call, token, &info, to)?;
        Self::set_balance(call, token, &info, from, held - units)?;
        Self::set_balance(call, token, &info, to, received + units)?;
        call.spend(Spend { account: from.to_owned(), token: token.to_owned(), amount: units, decimals: info.decimals });
        call.receipt(json!([token, from, to, amount, memo]).to_string())?;
        Ok(String::new())
    }
}

impl NativeContract for TokenContract {
    fn abi(&self) -> &Abi {
        &self.abi
    }

    fn call(&self, call: &mut NativeCall<'_>, method: &str, args: &[Value]) -> Result<String, NativeError> {
        match method {
            "create" => Self::create(call, args),
            "issue" => Self::issue(call, args),
            "transfer" => Self::transfer(call, args),
            "balanceOf" => {
                call.charge(GAS_READ);
                let info = Self::info(call, arg(args, 0))?;
                Ok(format_amount(Self::balance(call, arg(args, 0), &info, arg(args, 1))?, info.decimals))
            }
            "supply" | "totalSupply" | "decimals" => {
                call.charge(GAS_READ);
                let info = Self::info(call, arg(args, 0))?;
                Ok(match method {
                    "supply" => format_amount(info.supply, info.decimals),
                    "totalSupply" => format_amount(info.total_supply, info.decimals),
                    _ => info.decimals.to_string(),
                })
            }
            other => Err(failed(format!("token.iost has no method {other}"))),
        }
    }
}
