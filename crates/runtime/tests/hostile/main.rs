//! The hostile suite: every fixture under `tests/hostile/<name>/` runs
//! through a VmManager with one worker, and must end with the status,
//! message and gas of its `.out` file, leave state exactly as it was, and
//! leave the worker able to run a normal call right after (its sandbox
//! replaced when the call was terminated, or as its `.out` file says). The
//! outcomes are
//! listed in `tests/hostile/SUMMARY.md`.
//!
//! `UPDATE_EXPECTED=1` rewrites the `.out` files and the summary from what
//! actually happened; the invariants (state, the next call, recycling) are
//! checked all the same. See docs/hostile.md.

mod fixtures;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use v8vm_runtime::{Action, Receipt, Status};

use fixtures::{terminated, Chain, Expected, Fixture, Gas, LimitWord, Settings, GOOD_CHECK};

/// At least this many threats are covered.
const MIN_THREATS: usize = 40;

/// How a fixture's hostile transaction ended.
#[derive(Debug, Clone)]
struct Outcome {
    status: String,
    message: String,
    gas_used: u64,
    ret: String,
    /// Whether the worker's sandbox was replaced after it.
    replaced: bool,
}

impl Outcome {
    fn of(receipt: &Receipt, replaced: bool) -> Outcome {
        Outcome {
            status: receipt.status.as_str().to_owned(),
            message: receipt.message.clone(),
            gas_used: receipt.gas_used,
            ret: receipt.ret.clone(),
            replaced,
        }
    }

    /// Whether the sandbox is replaced when nothing else says so: exactly
    /// when the call was terminated.
    fn replaced_by_default(status: &str) -> bool {
        matches!(status, "out_of_gas" | "timeout" | "out_of_memory")
    }
}

/// Runs `fixture` on `chain` (which has the good contract deployed); returns
/// its outcome and every way it broke its expectations or the invariants.
fn run(chain: &mut Chain, fixture: &Fixture, update: bool) -> (Outcome, Vec<String>) {
    let expected = &fixture.expected;
    let mut problems = Vec::new();
    for stem in &expected.setup {
        chain.deploy(fixture.contract(stem).unwrap_or_else(|e| panic!("{}: setup {stem}: {e}", fixture.name)));
    }
    let recycled_before = chain.vm.metrics().pool.recycled_isolates;
    let state_before = chain.state();
    let outcome = match fixture.contract(&fixture.name) {
        Err(message) => {
            Outcome { status: "compile_error".into(), message, gas_used: 0, ret: String::new(), replaced: false }
        }
        Ok(contract) => {
            let receipt = if expected.action == "deploy" {
                chain.execute(Action::Deploy(contract), expected.gas_limit)
            } else {
                chain.deploy(contract);
                let state_deployed = chain.state();
                let receipt = chain.call(&fixture.name, &expected.method, &fixture.args(), expected.gas_limit);
                if chain.state() != state_deployed {
                    problems.push("the hostile call changed state".into());
                }
                receipt
            };
            let output = !receipt.receipts.is_empty() || !receipt.events.is_empty() || !receipt.ret.is_empty();
            if !receipt.is_success() && output {
                problems.push("a failed call returned a result, receipts or events".into());
            }
            // A terminated isolate is never trusted again.
            let replaced = chain.vm.metrics().pool.recycled_isolates - recycled_before;
            if replaced > 1 || (terminated(receipt.status) && replaced != 1) {
                problems.push(format!("the sandbox was replaced {replaced} time(s) after a {:?} call", receipt.status));
            }
            Outcome::of(&receipt, replaced == 1)
        }
    };
    if expected.action == "deploy" && chain.state() != state_before {
        problems.push("the hostile deploy changed state".into());
    }
    if !update {
        compare(expected, &outcome, &mut problems);
    }

    // The same worker serves a normal call next, in a clean realm.
    let recycled = chain.vm.metrics().pool.recycled_isolates;
    let check = chain.call("good", "check", "[]", v8vm_runtime::DEFAULT_GAS_LIMIT);
    if (check.status, check.ret.as_str()) != (Status::Success, GOOD_CHECK) {
        problems.push(format!("the next call: {} {:?} {}", check.status.as_str(), check.ret, check.message));
    }
    let bump = chain.call("good", "bump", "[]", v8vm_runtime::DEFAULT_GAS_LIMIT);
    if bump.status != Status::Success {
        problems.push(format!("the next write: {} {}", bump.status.as_str(), bump.message));
    }
    let metrics = chain.vm.metrics().pool;
    if metrics.recycled_isolates != recycled {
        problems.push("a normal call after it replaced the sandbox".into());
    }
    if (metrics.workers, metrics.workers_started) != (1, 1) {
        problems.push(format!("not one worker throughout: {metrics:?}"));
    }
    (outcome, problems)
}

/// Compares an outcome with the `.out` file's expectations.
fn compare(expected: &Expected, outcome: &Outcome, problems: &mut Vec<String>) {
    if outcome.status != expected.status {
        problems.push(format!("status {}, expected {}", outcome.status, expected.status));
    }
    let message_ok = if expected.message_prefix {
        outcome.message.starts_with(&expected.message)
    } else {
        outcome.message == expected.message
    };
    if !message_ok {
        problems.push(format!("message {:?}, expected {:?}", outcome.message, expected.message));
    }
    let gas = match expected.gas {
        Gas::Exact(gas) => gas,
        Gas::Limit(_) => expected.gas_limit,
    };
    if outcome.gas_used != gas {
        problems.push(format!("gas used {}, expected {gas}", outcome.gas_used));
    }
    let replaced = expected.replaced.unwrap_or_else(|| Outcome::replaced_by_default(&expected.status));
    if outcome.replaced != replaced {
        problems.push(format!("the sandbox was replaced: {}, expected {replaced}", outcome.replaced));
    }
    if let Some(ret) = &expected.ret {
        if &outcome.ret != ret {
            problems.push(format!("returned {:?}, expected {ret:?}", outcome.ret));
        }
    }
}

/// `expected` with the outcome's status, message, gas and result.
fn updated(expected: &Expected, outcome: &Outcome) -> Expected {
    let keep_prefix = expected.message_prefix && outcome.message.starts_with(&expected.message);
    let whole_limit = outcome.gas_used == expected.gas_limit && outcome.status != "success";
    Expected {
        status: outcome.status.clone(),
        message: if keep_prefix { expected.message.clone() } else { outcome.message.clone() },
        message_prefix: keep_prefix,
        gas: if whole_limit { Gas::Limit(LimitWord::Limit) } else { Gas::Exact(outcome.gas_used) },
        ret: (outcome.status == "success").then(|| outcome.ret.clone()),
        replaced: (outcome.replaced != Outcome::replaced_by_default(&outcome.status)).then_some(outcome.replaced),
        ..expected.clone()
    }
}

/// Text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The summary of every fixture's outcome.
fn summary(results: &[(Fixture, Outcome, Vec<String>)]) -> String {
    let mut text = String::from(
        "# Hostile contracts: outcomes\n\n\
         Written by the hostile suite (`crates/runtime/tests/hostile/main.rs`); refresh it with\n\
         `UPDATE_EXPECTED=1 cargo test -p v8vm-runtime --test hostile`. Each threat below ran through\n\
         a VmManager with one worker. A threat counts as contained when it ended with the status,\n\
         message and gas of its `.out` file, left state exactly as it was, and the same worker then\n\
         ran a normal call in a clean realm (its sandbox replaced when the call was terminated, or\n\
         where the table says so). See [docs/hostile.md](../../../../docs/hostile.md).\n\n\
         | threat | what it tries | status | gas | message |\n\
         |---|---|---|---|---|\n",
    );
    let mut contained = 0;
    for (fixture, outcome, problems) in results {
        if problems.is_empty() {
            contained += 1;
        }
        let gas = if outcome.gas_used == fixture.expected.gas_limit && outcome.status != "success" {
            format!("limit ({})", outcome.gas_used)
        } else {
            outcome.gas_used.to_string()
        };
        let message = if outcome.status == "success" {
            format!("returned `{}`", cell(&outcome.ret))
        } else {
            cell(&outcome.message)
        };
        let mut status = format!("`{}`", outcome.status);
        if outcome.replaced != Outcome::replaced_by_default(&outcome.status) {
            status.push_str(if outcome.replaced { ", sandbox replaced" } else { ", sandbox kept" });
        }
        if !problems.is_empty() {
            status.push_str(" (NOT CONTAINED)");
        }
        writeln!(
            text,
            "| [`{0}`]({0}/{0}.js) | {1} | {2} | {3} | {4} |",
            fixture.name,
            cell(&fixture.expected.threat),
            status,
            gas,
            message
        )
        .unwrap();
    }
    writeln!(text, "\nthreats: {contained}/{} contained", results.len()).unwrap();
    text
}

#[test]
fn every_hostile_fixture_is_contained() {
    let update = std::env::var("UPDATE_EXPECTED").is_ok_and(|v| v == "1");
    let fixtures = Fixture::all();
    assert!(fixtures.len() >= MIN_THREATS, "only {} hostile fixtures", fixtures.len());
    let mut stems = BTreeSet::new();
    for fixture in &fixtures {
        for stem in std::iter::once(&fixture.name).chain(&fixture.expected.setup) {
            assert!(stems.insert(stem.clone()), "contract name {stem} is used by two fixtures");
        }
    }

    // Fixtures that need the same VM-wide limits run one after another on
    // the same worker.
    let mut groups: BTreeMap<Settings, Vec<&Fixture>> = BTreeMap::new();
    for fixture in &fixtures {
        groups.entry(fixture.settings()).or_default().push(fixture);
    }
    let mut results = Vec::new();
    for (settings, group) in groups {
        let mut chain = Chain::new(settings, 1, 1);
        chain.deploy_good();
        for fixture in group {
            let (outcome, problems) = run(&mut chain, fixture, update);
            eprintln!("{}: {} {:?} gas {}", fixture.name, outcome.status, outcome.message, outcome.gas_used);
            if update {
                let mut text = serde_json::to_string_pretty(&updated(&fixture.expected, &outcome)).unwrap();
                text.push('\n');
                std::fs::write(fixture.out_path(), text).expect("the .out file writes");
            }
            results.push((fixture.clone(), outcome, problems));
        }
    }
    results.sort_by(|a, b| a.0.name.cmp(&b.0.name));

    let summary = summary(&results);
    let summary_path = fixtures::hostile_dir().join("SUMMARY.md");
    if update {
        std::fs::write(&summary_path, &summary).expect("SUMMARY.md writes");
    }
    let failures: Vec<String> = results
        .iter()
        .filter(|(_, _, problems)| !problems.is_empty())
        .map(|(fixture, _, problems)| format!("{}: {}", fixture.name, problems.join("; ")))
        .collect();
    assert!(failures.is_empty(), "{} threat(s) not contained:\n{}", failures.len(), failures.join("\n"));
    let committed = std::fs::read_to_string(&summary_path).unwrap_or_default();
    assert_eq!(committed, summary, "tests/hostile/SUMMARY.md is out of date: run with UPDATE_EXPECTED=1");
}
