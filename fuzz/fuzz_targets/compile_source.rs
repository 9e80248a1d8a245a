//! Any text as a contract: `compile_source` on the whole input, then
//! `compile_files` on a small project cut from it. Errors are expected;
//! a panic, a hang or a crash is a bug.
//!
//! The project: the input split at NUL bytes; the first piece is
//! `index.js` (the entry), each later one is `path\ncontents`.

#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use v8vm_compiler::Artifact;

/// Most files in the project (the entry included).
const MAX_FILES: usize = 8;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(artifact) = v8vm_compiler::compile_source("fuzz.js", &text, None) {
        check_artifact(&artifact);
    }

    let mut pieces = text.split('\0');
    let mut files = BTreeMap::new();
    files.insert("index.js".to_owned(), pieces.next().unwrap_or_default().to_owned());
    for piece in pieces.take(MAX_FILES - 1) {
        let (path, contents) = piece.split_once('\n').unwrap_or((piece, ""));
        files.insert(path.to_owned(), contents.to_owned());
    }
    if let Ok(artifact) = v8vm_compiler::compile_files(&files, "index.js", None) {
        check_artifact(&artifact);
    }
});

/// What the compiler documents of every artifact it makes.
fn check_artifact(artifact: &Artifact) {
    // It reads back, hash checked.
    let again = Artifact::from_json(&artifact.to_json()).expect("a compiled artifact reads back");
    assert_eq!(again.code_hash, artifact.code_hash);
    // Any bundle position maps to a module position or to nothing.
    let lines = u32::try_from(artifact.bundle.lines().count()).unwrap_or(u32::MAX);
    for (line, column) in [(0, 0), (1, 1), (lines, 1), (lines, u32::MAX), (lines.saturating_add(1), 1), (u32::MAX, 0)] {
        let _ = artifact.locate(line, column);
    }
}
