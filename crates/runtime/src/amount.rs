//! Token amounts, and the limits on what a call may move out of the
//! accounts that signed its transaction.
//!
//! Amounts travel as decimal strings (`"12.5"`) and are held as integers of
//! the token's smallest unit, so every node computes the same sums.

use std::collections::BTreeMap;

use v8vm_compiler::AmountLimit;

/// Most decimals a token may have.
pub const MAX_DECIMALS: u32 = 18;

/// Tokens moved out of an account during a call, as the token contract
/// reports them; the amount limits are checked against these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    /// The account the tokens left.
    pub account: String,
    /// The token's symbol.
    pub token: String,
    /// How much, in the token's smallest unit.
    pub amount: u128,
    /// The token's decimals (to read limits written as decimal strings).
    pub decimals: u32,
}

/// Parses `text` (`"100"`, `"12.5"`) as an amount of a token with
/// `decimals` decimals, in its smallest unit.
///
/// # Errors
/// Not a plain non-negative decimal number, more fractional digits than
/// the token has, or too large.
pub fn parse_amount(text: &str, decimals: u32) -> Result<u128, String> {
    let bad = || format!("{text:?} is not an amount: write a non-negative decimal number such as \"12.5\"");
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && !digits(fraction)) {
        return Err(bad());
    }
    if fraction.len() > decimals as usize {
        return Err(format!("{text:?} has {} decimals, the token has {decimals}", fraction.len()));
    }
    let scale = 10u128.checked_pow(decimals).ok_or_else(bad)?;
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let too_large = || format!("{text:?} is too large an amount");
    let whole: u128 = whole.parse().map_err(|_| too_large())?;
    let fraction: u128 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| bad())? };
    whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or_else(too_large)
}

/// Formats `units` of a token with `decimals` decimals, without trailing
/// zeros: `"12.5"`, `"100"`, `"0.00000001"`.
pub fn format_amount(units: u128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals);
    let (whole, fraction) = (units / scale, units % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:0>width$}", width = decimals as usize);
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// Checks that `spends` out of the signers' accounts (`auth_list`) stay
/// within `limits`: per account and token, the sum must not pass the
/// limit for that token (or for `*`); `unlimited` lifts it; a token not
/// listed may not leave the signers' accounts at all. `whose` names what
/// the limits belong to, for the message.
///
/// # Errors
/// The first account and token over its limit, with the amounts.
pub(crate) fn check_limits(
    limits: &[AmountLimit],
    spends: &[Spend],
    auth_list: &BTreeMap<String, String>,
    whose: &str,
) -> Result<(), String> {
    let mut totals: BTreeMap<(&str, &str), (u128, u32)> = BTreeMap::new();
    for spend in spends.iter().filter(|spend| auth_list.contains_key(&spend.account)) {
        let total = totals.entry((&spend.account, &spend.token)).or_insert((0, spend.decimals));
        total.0 = total.0.saturating_add(spend.amount);
    }
    for ((account, token), (amount, decimals)) in totals {
        let moved = format_amount(amount, decimals);
        let limit = limits.iter().find(|l| l.token == token).or_else(|| limits.iter().find(|l| l.token == "*"));
        let Some(limit) = limit else {
            return Err(format!(
                "{whose} moves {moved} {token} out of {account}'s account, and its amount limit lists no {token}"
            ));
        };
        if limit.val == "unlimited" {
            continue;
        }
        let allowed = parse_amount(&limit.val, decimals)
            .map_err(|e| format!("{whose} has an amount limit for {token} that is not valid: {e}"))?;
        if amount > allowed {
            return Err(format!(
                "{whose} moves {moved} {token} out of {account}'s account, over its amount limit of {} {token}",
                limit.val
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_and_format() {
        assert_eq!(parse_amount("12.5", 8), Ok(1_250_000_000));
        assert_eq!(parse_amount("100", 0), Ok(100));
        assert_eq!(parse_amount("0.00000001", 8), Ok(1));
        assert_eq!(format_amount(1_250_000_000, 8), "12.5");
        assert_eq!(format_amount(1, 8), "0.00000001");
        assert_eq!(format_amount(100, 0), "100");
        for bad in ["", ".5", "5.", "-1", "1e3", "1.2.3", " 1", "0x10"] {
            assert!(parse_amount(bad, 8).is_err(), "{bad:?} parsed");
        }
        assert_eq!(parse_amount("1.123", 2).unwrap_err(), "\"1.123\" has 3 decimals, the token has 2");
        assert!(parse_amount(&"9".repeat(40), 8).unwrap_err().contains("too large"));
    }

    #[test]
    fn limits_bound_what_leaves_signers() {
        let auth = BTreeMap::from([("alice".to_owned(), "active".to_owned())]);
        let spend =
            |account: &str, amount| Spend { account: account.into(), token: "iost".into(), amount, decimals: 2 };
        let limit = |token: &str, val: &str| AmountLimit { token: token.into(), val: val.into() };
        let spends = [spend("alice", 6_000), spend("alice", 5_000), spend("shop", 1_000_000)];
        assert_eq!(
            check_limits(&[limit("iost", "100")], &spends, &auth, "shop.buy"),
            Err("shop.buy moves 110 iost out of alice's account, over its amount limit of 100 iost".into())
        );
        assert!(check_limits(&[limit("iost", "110")], &spends, &auth, "x").is_ok());
        assert!(check_limits(&[limit("*", "unlimited")], &spends, &auth, "x").is_ok());
        assert!(check_limits(&[], &spends, &auth, "x").unwrap_err().contains("lists no iost"));
        // Only the signers' accounts are limited.
        assert!(check_limits(&[], &[spend("shop", 5)], &auth, "x").is_ok());
    }
}
