//! The peers do the work they are measured for: the transfers land.

use v8vm_peers::{Erc20, QuickJsToken};

#[test]
fn the_erc20_transfers_and_commits() {
    let mut token = Erc20::new(1_000).unwrap();
    for i in 0..8 {
        token.transfer(i).unwrap();
    }
    assert_eq!(token.balance_of(0).unwrap(), revm::primitives::U256::from(2));
    // More than the sender holds: the EVM reverts.
    let mut poor = Erc20::new(1).unwrap();
    poor.transfer(0).unwrap();
    assert!(poor.transfer(1).is_err());
}

#[test]
fn the_quickjs_token_transfers() {
    let mut token = QuickJsToken::new(1_000).unwrap();
    for i in 0..8 {
        token.transfer(i).unwrap();
    }
    assert_eq!(token.balance_of("bob").as_deref(), Some("2"));
    assert_eq!(token.balance_of("admin").as_deref(), Some("992"));
    let mut poor = QuickJsToken::new(1).unwrap();
    poor.transfer(0).unwrap();
    let error = poor.transfer(1).unwrap_err().to_string();
    assert!(error.contains("Exception") || error.contains("insufficient"), "{error}");
}
