//! The token transfer in v8vm against its peers, in the same run and
//! interleaved so each sees the same machine noise: revm executing a
//! Solidity ERC-20 `transfer` with commit, and QuickJS (rquickjs) running
//! the token example's transfer with storage behind Rust host functions.

use std::time::{Duration, Instant};

use v8vm_peers::{Erc20, QuickJsToken};
use v8vm_runtime::{BlockInfo, Transaction};

use super::vm::{token_vm, transfer};
use super::{median, micros, ratio, Row};

/// Transfers per timed batch.
const BATCH: usize = 1000;

/// Times `f` over a batch of transfers numbered from `first`; the time per transfer.
fn per_transfer(first: usize, mut f: impl FnMut(usize) -> anyhow::Result<()>) -> anyhow::Result<Duration> {
    let start = Instant::now();
    for i in first..first + BATCH {
        f(i)?;
    }
    Ok(start.elapsed() / BATCH as u32)
}

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let rounds = (20 / scale).max(3);
    let (vm, mut block) = token_vm(1)?;
    let mut evm = Erc20::new(u64::MAX)?;
    let mut quickjs = QuickJsToken::new(u64::MAX)?;
    let (mut ours, mut revm, mut qjs) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let first = round * BATCH;
        ours.push(v8vm_block(&vm, &mut block, first)?);
        revm.push(per_transfer(first, |i| evm.transfer(i))?);
        qjs.push(per_transfer(first, |i| quickjs.transfer(i))?);
    }
    let (ours, revm, qjs) = (median(&ours), median(&revm), median(&qjs));
    let goal = "v8vm's time over the peer's; the goal is below 1.0";
    Ok(vec![
        Row {
            vs: None,
            name: "v8vm: token transfer (examples/token.js), committed",
            value: micros(ours),
            note: format!("blocks of {BATCH} through VmManager::execute_block on one worker, then commit_block; median of {rounds}"),
        },
        Row {
            vs: Some(("v8vm / revm", ratio(ours, revm))),
            name: "revm: ERC-20 transfer (Solidity), committed",
            value: micros(revm),
            note: format!("revm 43, solc 0.8.28 --optimize, transact_commit into a CacheDB; {goal}"),
        },
        Row {
            vs: Some(("v8vm / QuickJS", ratio(ours, qjs))),
            name: "QuickJS: the same JS transfer",
            value: micros(qjs),
            note: format!("rquickjs 0.14, storage, auth, receipt and event as Rust host functions; {goal}"),
        },
    ])
}

/// One block of the token example's transfers, committed; the time per transfer.
fn v8vm_block(
    vm: &v8vm_runtime::VmManager<v8vm_state::MemoryBackend>,
    block: &mut BlockInfo,
    first: usize,
) -> anyhow::Result<Duration> {
    block.number += 1;
    let txs: Vec<Transaction> = (first..first + BATCH).map(transfer).collect();
    let start = Instant::now();
    let receipts = vm.execute_block(block, txs)?;
    vm.commit_block(block, &receipts)?;
    let elapsed = start.elapsed();
    anyhow::ensure!(receipts.iter().all(|r| r.is_success()), "the transfers succeed");
    Ok(elapsed / BATCH as u32)
}
