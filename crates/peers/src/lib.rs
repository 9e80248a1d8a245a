//! The peers `v8vm bench` measures a token transfer against, in the same
//! run: [`Erc20`] (revm executing a Solidity ERC-20 `transfer`, committed
//! to its in-memory database) and [`QuickJsToken`] (QuickJS, through
//! rquickjs, running the token example's transfer with its storage behind
//! Rust host functions). Each does the same work as v8vm's transfer: an
//! authority or sender check, a balance read and check, two balance
//! writes, and an event or receipt.

#![forbid(unsafe_code)]

mod evm;
mod quickjs;

pub use evm::Erc20;
pub use quickjs::QuickJsToken;
