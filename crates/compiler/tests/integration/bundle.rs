use v8vm_compiler::{compile_path, CompileOptions};

use crate::tester::fixture;

#[test]
fn a_project_with_cjs_esm_json_a_cycle_and_packages_bundles_every_module() {
    let artifact = compile_path(&fixture("multi"), &CompileOptions::default()).unwrap();
    assert_eq!(artifact.entry, "src.js", "package.json main");
    let ids: Vec<&str> = artifact.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "src.js",
            "lib/greet.mjs",
            "lib/counter.js",
            "config.json",
            "node_modules/leftpad/lib/index.js",
            "node_modules/dual/cjs.js",
            "lib/cycle-a.js",
            "lib/cycle-b.js",
        ]
    );
    assert_eq!(artifact.stats.modules, 8);
    assert!(artifact.bundle.contains(r#"require("lib/greet.mjs")"#), "require specifiers become module ids");
    // The hash is a pure function of the sources.
    let again = compile_path(&fixture("multi"), &CompileOptions::default()).unwrap();
    assert_eq!(again.code_hash, artifact.code_hash);
    assert_eq!(v8vm_compiler::Artifact::from_json(&artifact.to_json()).unwrap(), artifact);
}

#[test]
fn positions_in_the_bundle_map_back_to_each_file() {
    let artifact = compile_path(&fixture("multi"), &CompileOptions::default()).unwrap();
    let counter = artifact.modules.iter().find(|m| m.id == "lib/counter.js").unwrap();
    // `throw` in counter.js line 8, column 5.
    let bundle_line = counter.first_line + 8;
    let line_text = artifact.bundle.lines().nth(bundle_line as usize - 1).unwrap();
    let column = line_text.find("throw").unwrap() as u32 + 1;
    let at = artifact.locate(bundle_line, column).unwrap();
    assert_eq!((at.file.as_str(), at.line, at.column), ("lib/counter.js", 8, 5));
    let map: serde_json::Value = serde_json::from_str(&artifact.source_map).unwrap();
    assert_eq!(map["version"], 3);
    assert_eq!(map["sources"].as_array().unwrap().len(), 8);
}

#[test]
fn a_folder_entry_comes_from_its_package_exports() {
    let dir = std::env::temp_dir().join(format!("v8vm-exports-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("package.json"), r#"{"main": "missing.js", "exports": {".": {"import": "./dist/c.mjs"}}}"#)
        .unwrap();
    std::fs::write(dir.join("dist/c.mjs"), "export default class C { init() {} }\n").unwrap();
    let artifact = compile_path(&dir, &CompileOptions::default()).unwrap();
    assert_eq!(artifact.entry, "dist/c.mjs");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_artifact_format_documents_every_bundle_parameter_in_order() {
    // Included when compiled, so that cargo rebuilds this test when the
    // document changes, or when the checkout moved.
    let doc = include_str!("../../../../docs/artifact.md");
    let documented: Vec<&str> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("| ").and_then(|row| row.split(" | ").nth(1)))
        .filter_map(|name| name.strip_prefix('`')?.strip_suffix('`'))
        .filter(|name| name.starts_with("__v8vm_"))
        .collect();
    assert_eq!(documented, v8vm_compiler::BUNDLE_PARAMS);
}
