//! The chain crate's integration tests: transactions, accounts, and chains
//! producing and validating blocks.

mod account;
mod blocks;
mod tester;
mod token;
mod tx;
