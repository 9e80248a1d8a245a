//! Helpers for compiler tests.

use std::path::PathBuf;

use v8vm_compiler::{compile_source, Artifact};

/// A fixture project under `tests/fixtures`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Compiles `source` as `c.js`, which must succeed.
#[track_caller]
pub(crate) fn compiled(source: &str) -> Artifact {
    compile_source("c.js", source, None).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// The compile errors of `source` (as `c.js`), as `file:line:col: message`.
#[track_caller]
pub(crate) fn errors(source: &str) -> Vec<String> {
    match compile_source("c.js", source, None) {
        Ok(_) => panic!("{source}: expected compile errors"),
        Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
    }
}
