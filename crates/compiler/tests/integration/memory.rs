//! `compile_files`: a project compiled from memory is the project compiled
//! from disk, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use v8vm_compiler::{compile_files, compile_path, CompileOptions, MAX_SOURCE_BYTES};

use crate::tester::fixture;

/// Every file under `dir`, by path relative to it (`/`-separated).
fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let id = path.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
                files.insert(id, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// Writes `files` into a new temporary folder named after `name`.
fn write_tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("v8vm-memory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn owned(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect()
}

fn messages(errors: v8vm_compiler::CompileErrors) -> Vec<String> {
    errors.0.iter().map(ToString::to_string).collect()
}

/// Compiles `files` from memory and from a folder (entry `entry`, at the
/// top of the project); both must give the same result, which is returned.
#[track_caller]
fn both_ways(name: &str, files: &[(&str, &str)], entry: &str) -> Result<String, Vec<String>> {
    let dir = write_tree(name, files);
    let on_disk = compile_path(&dir.join(entry), &CompileOptions::default());
    std::fs::remove_dir_all(&dir).unwrap();
    let in_memory = compile_files(&owned(files), entry, None);
    let (on_disk, in_memory) = (on_disk.map(|a| a.to_json()), in_memory.map(|a| a.to_json()));
    let (on_disk, in_memory) = (on_disk.map_err(messages), in_memory.map_err(messages));
    assert_eq!(in_memory, on_disk, "{name}: memory and disk differ");
    in_memory
}

#[test]
fn every_fixture_project_compiles_from_memory_to_the_same_bytes() {
    let mut compared = 0;
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let on_disk = compile_path(&dir, &CompileOptions::default()).unwrap();
        let files = read_tree(&dir);
        let in_memory = compile_files(&files, &on_disk.entry, on_disk.abi.clone()).unwrap();
        assert_eq!(in_memory.code_hash, on_disk.code_hash, "{}", dir.display());
        assert_eq!(in_memory.to_json(), on_disk.to_json(), "{}", dir.display());
        // Paths spelled differently are the same files.
        let respelled = files.iter().map(|(path, text)| (format!(".//{path}"), text.clone())).collect();
        let again = compile_files(&respelled, &format!("./{}", on_disk.entry), on_disk.abi.clone()).unwrap();
        assert_eq!(again.to_json(), on_disk.to_json(), "{}", dir.display());
        compared += 1;
    }
    assert!(compared >= 1, "no fixture project found");
}

#[test]
fn resolution_matches_the_disk_module_by_module() {
    let files = [
        ("main.js", "const a = require('./lib');\nconst b = require('./lib/b.cjs');\nconst { c } = require('./c.mjs');\nconst d = require('pkg');\nconst e = require('pkg/extra');\nconst f = require('bare');\nconst data = require('./data');\nclass M { init() {} run() { return a + b + c + d + e + f + data.n; } }\nmodule.exports = M;\n"),
        ("lib/index.js", "module.exports = 'a';\n"),
        ("lib/b.cjs", "module.exports = 'b';\n"),
        ("c.mjs", "import d from 'pkg';\nexport const c = 'c' + d;\n"),
        ("data.json", "{ \"n\": 1 }\n"),
        ("node_modules/pkg/package.json", r#"{ "exports": { ".": { "import": "./esm.mjs", "require": "./cjs.js" }, "./extra": "./extra.js" } }"#),
        ("node_modules/pkg/cjs.js", "module.exports = 'cjs';\n"),
        ("node_modules/pkg/esm.mjs", "export default 'esm';\n"),
        ("node_modules/pkg/extra.js", "module.exports = 'extra';\n"),
        ("node_modules/bare/index.js", "module.exports = require('storage') && 'bare';\n"),
    ];
    let json = both_ways("resolution", &files, "main.js").unwrap();
    let artifact = v8vm_compiler::Artifact::from_json(&json).unwrap();
    let ids: Vec<&str> = artifact.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "main.js",
            "lib/index.js",
            "lib/b.cjs",
            "c.mjs",
            "node_modules/pkg/cjs.js",
            "node_modules/pkg/extra.js",
            "node_modules/bare/index.js",
            "data.json",
            "node_modules/pkg/esm.mjs",
        ]
    );
}

#[test]
fn errors_in_memory_name_the_right_file_line_and_column() {
    let files = [
        ("index.js", "const lib = require('./lib/util');\nconst net = require('net');\nmodule.exports = class C { init() {} };\n"),
        ("lib/util.js", "// helpers\nconst x = require('./nope');\nfunction f() {\n  let y = ;\n}\n"),
    ];
    let errors = both_ways("errors", &files, "index.js").unwrap_err();
    assert_eq!(
        errors,
        [
            "index.js:2:21: 'net' is a Node.js built-in module, not available in contracts",
            "lib/util.js:4:11: Unexpected token",
        ]
    );
    let missing = both_ways("missing", &[("index.js", "const x = require('./lib/missing');\n")], "index.js");
    assert_eq!(missing.unwrap_err(), ["index.js:1:19: cannot resolve './lib/missing' from index.js"]);
    let big = "x".repeat(MAX_SOURCE_BYTES + 1);
    let too_big = both_ways("big", &[("index.js", "require('./big.json');\n"), ("big.json", &big)], "index.js");
    assert_eq!(too_big.unwrap_err(), [format!("big.json: {} bytes, over the 1048576-byte limit per file", big.len())]);
}

#[test]
fn bad_paths_are_refused_by_name() {
    let cases = [
        (
            "/etc/passwd",
            r#"/etc/passwd: invalid path "/etc/passwd": absolute; paths are relative to the project folder"#,
        ),
        (
            "lib/../x.js",
            r#"lib/../x.js: invalid path "lib/../x.js": contains `..`; paths must stay inside the project folder"#,
        ),
        ("", r#": invalid path "": empty; it names no file"#),
        ("./", r#"./: invalid path "./": empty; it names no file"#),
    ];
    for (path, expected) in cases {
        let files = owned(&[("index.js", "module.exports = class C { init() {} };\n"), (path, "")]);
        let found = messages(compile_files(&files, "index.js", None).unwrap_err());
        assert_eq!(found, [expected], "{path:?}");
        // The entry too.
        let found = messages(compile_files(&owned(&[("index.js", "")]), path, None).unwrap_err());
        assert_eq!(found, [expected], "entry {path:?}");
    }
    let twice = owned(&[("./a.js", ""), ("a.js", "")]);
    assert_eq!(
        messages(compile_files(&twice, "a.js", None).unwrap_err()),
        [r#"a.js: the same file as "./a.js": given twice"#]
    );
    let both = owned(&[("lib", ""), ("lib/x.js", "")]);
    assert_eq!(
        messages(compile_files(&both, "lib/x.js", None).unwrap_err()),
        ["lib: is both a file and a folder holding other files"]
    );
    let no_entry = owned(&[("index.js", "")]);
    assert_eq!(messages(compile_files(&no_entry, "lib", None).unwrap_err()), ["lib: the entry is not among the files"]);
}

#[test]
fn sources_read_back_from_the_artifact_compile_to_the_same_hash() {
    let files = [
        ("index.js", "import { add } from './lib/math.js';\nconst config = require('./config.json');\nconst pad = require('pad');\nexport default class C {\n  init() {}\n  sum(a, b) { return pad(String(add(a, b)), config.width); }\n}\n"),
        ("lib/math.js", "export const add = (a, b) => a + b;\n"),
        ("config.json", "{ \"width\": 4 }\n"),
        ("node_modules/pad/index.js", "module.exports = (s, n) => s.padStart(n, '0');\n"),
        ("README.md", "not a module\n"),
    ];
    let artifact = compile_files(&owned(&files), "index.js", None).unwrap();
    let sources = artifact.sources();
    let ids: Vec<&str> = artifact.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(sources.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted
    });
    for (id, text) in &sources {
        assert_eq!(Some(text.as_str()), files.iter().find(|(path, _)| path == id).map(|(_, text)| *text), "{id}");
    }
    let again = compile_files(&sources, &artifact.entry, artifact.abi.clone()).unwrap();
    assert_eq!(again.code_hash, artifact.code_hash);

    // A project whose packages need their package.json: the sources alone
    // do not resolve, the sources with the package.json files do.
    let project = compile_path(&fixture("multi"), &CompileOptions::default()).unwrap();
    let mut sources = project.sources();
    assert_eq!(sources.len(), project.modules.len());
    let alone = messages(compile_files(&sources, &project.entry, None).unwrap_err());
    assert!(alone.iter().any(|e| e.contains("cannot resolve 'leftpad' from src.js")), "{alone:?}");
    for (path, text) in read_tree(&fixture("multi")) {
        if path.ends_with("package.json") {
            sources.insert(path, text);
        }
    }
    let again = compile_files(&sources, &project.entry, project.abi.clone()).unwrap();
    assert_eq!(again.code_hash, project.code_hash);
}
