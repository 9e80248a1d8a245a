//! The compiler: packing and metering a contract, against the same
//! compilation without metering.

use std::time::Instant;

use super::vm::big_contract;
use super::{median, micros, ratio, sample, Row};

const FOMO3D: &str = include_str!("../../../../../examples/fomo3d.js");

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let big = big_contract(10);
    let mut rows = Vec::new();
    for (name, file, source) in [
        ("compile examples/fomo3d.js", "fomo3d.js", FOMO3D),
        ("compile a 50 KB contract (55 larger methods)", "big.js", big.as_str()),
    ] {
        let samples = (40 / scale).max(5);
        let (mut metered, mut unmetered) = (Vec::new(), Vec::new());
        for _ in 0..samples {
            metered.extend(sample(1, || {
                let start = Instant::now();
                v8vm_compiler::compile_source(file, source, None).expect("the contract compiles");
                start.elapsed()
            }));
            unmetered.extend(sample(1, || {
                let start = Instant::now();
                v8vm_compiler::compile_source_unmetered(file, source, None).expect("the contract compiles");
                start.elapsed()
            }));
        }
        let (metered, unmetered) = (median(&metered), median(&unmetered));
        rows.push(Row {
            vs: Some(("without metering", ratio(metered, unmetered))),
            name,
            value: micros(metered),
            note: format!(
                "{} KB of source: parse, check, bundle, meter, source map; {} without metering; median of {samples}",
                source.len() / 1024,
                micros(unmetered)
            ),
        });
    }
    Ok(rows)
}
