//! The v8vm contract compiler: turns a contract — one file, or a project of
//! many files with npm dependencies — into one content-addressed
//! [`Artifact`] that every node runs identically.
//!
//! # Core concepts
//!
//! - **Packaging** ([`compile_path`]): CommonJS `require` and ES
//!   `import`/`export` are resolved as Node.js does (relative files, JSON,
//!   `node_modules` packages with `main`/`exports`), and every module goes
//!   into one bundle with a module table. `require('storage')` and
//!   `require('blockchain')` are the runtime's.
//!   [`compile_files`] does the same for a project given in memory (what a
//!   node receives in a deploy), with the same result.
//! - **Validation**: syntax errors, unresolvable or built-in modules,
//!   dynamic `import()`, `with`, top-level `await` and the reserved
//!   `__v8vm` names are reported as [`Diagnostic`]s (`file:line:col: message`).
//! - **Gas metering**: the compiler injects a charge at the start of every
//!   basic block (function entry, loop iteration, branch taken) with its
//!   static cost, and routes string building through size-charging helpers
//!   (see [`gas`] and `docs/gas.md`).
//! - **Positions**: modules are rewritten by text edits that never add a
//!   line, so lines stay the developer's; [`Artifact::locate`] maps any
//!   bundle position back to the original file, line and column, and the
//!   artifact carries a standard source map.
//!
//! # Example
//!
//! ```
//! let source = "class Hello { init() {} hi(name) { return 'hello ' + name; } }\nmodule.exports = Hello;";
//! let artifact = v8vm_compiler::compile_source("hello.js", source, None)?;
//! assert_eq!(artifact.entry, "hello.js");
//! assert!(artifact.bundle.contains("__v8vm_gas("));
//! # Ok::<(), v8vm_compiler::CompileErrors>(())
//! ```

#![forbid(unsafe_code)]

mod abi;
mod artifact;
mod bundle;
mod cacheable;
mod diagnostics;
mod edits;
pub mod gas;
mod memory;
mod module;
mod nesting;
mod operands;
mod regex;
mod reparse;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use abi::{Abi, AbiError, AbiMethod, AmountLimit, ArgType, ClassMethod, ClassShape};
pub use artifact::{Artifact, ArtifactError, CodeCacheBlob, Location, ModuleMap, Stats, FORMAT, MAX_ARTIFACT_BYTES};
pub use cacheable::{check_cacheable, NotCacheable};
pub use diagnostics::Diagnostic;
pub use gas::BUNDLE_PARAMS;
pub use module::{MAX_BIGINT_LITERAL_DIGITS, MAX_FRAME_SLOTS, RESERVED_PREFIX};
pub use nesting::{MAX_OPERATOR_CHAIN, MAX_SOURCE_NESTING};
pub use regex::{
    check_regex, counted_repetitions, RegexError, MAX_CASELESS_WIDE_CLASSES, MAX_CHOICES, MAX_EMPTY_ROUTES,
    MAX_OPTIONAL_PARTS, MAX_PATHS, MAX_PATTERN, MAX_UNICODE_PROPERTIES,
};
pub use reparse::{ReparseCache, ReparseUnits};

use bundle::Sources;
use diagnostics::file_error;

/// Largest source file, in bytes.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;
/// Largest total of a contract's sources, in bytes.
pub const MAX_TOTAL_SOURCE_BYTES: usize = 4 << 20;

/// Every problem found while compiling, each located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileErrors(pub Vec<Diagnostic>);

impl fmt::Display for CompileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CompileErrors {}

/// Settings of [`compile_path`].
#[derive(Debug, Clone, Default)]
pub struct CompileOptions {
    /// The ABI file (default: `<entry stem>.abi` beside the entry, or
    /// `abi.json` in the project folder; none: derived at deploy).
    pub abi: Option<PathBuf>,
}

/// Compiles the contract at `path`: a `.js`/`.mjs`/`.cjs` file, or a folder
/// with a `package.json` (`main`/`exports`) or an `index.js`.
///
/// # Errors
/// Every problem found, located in the developer's files.
pub fn compile_path(path: &Path, options: &CompileOptions) -> Result<Artifact, CompileErrors> {
    let shown = path.display().to_string();
    let path = path.canonicalize().map_err(|e| CompileErrors(vec![file_error(&shown, format!("cannot read: {e}"))]))?;
    let (root, entry) = if let Some(entry) = path.is_dir().then(|| package_exports_entry(&path)).flatten() {
        (path.clone(), entry)
    } else if path.is_dir() {
        let resolver = oxc_resolver::Resolver::new(oxc_resolver::ResolveOptions {
            extensions: vec![".js".into(), ".mjs".into(), ".cjs".into()],
            main_fields: vec!["main".into()],
            condition_names: vec!["require".into(), "import".into(), "default".into()],
            ..oxc_resolver::ResolveOptions::default()
        });
        let entry = resolver.resolve(&path, "./").map_err(|_| {
            CompileErrors(vec![file_error(&shown, "no entry: add a package.json with \"main\" or an index.js")])
        })?;
        (path.clone(), entry.full_path())
    } else {
        (path.parent().unwrap_or(Path::new("/")).to_path_buf(), path.clone())
    };
    let abi_path = options.abi.clone().or_else(|| {
        let stem = entry.file_stem()?.to_str()?;
        [entry.with_file_name(format!("{stem}.abi")), root.join("abi.json")].into_iter().find(|p| p.exists())
    });
    let abi = abi_path
        .map(|p| read_abi(p.strip_prefix(std::env::current_dir().unwrap_or_default()).unwrap_or(&p)))
        .transpose()?;
    on_compiler_stack(|| bundle::bundle(&Sources::Files { root, entry }, abi, true)).map_err(CompileErrors)
}

/// Compiles a contract given in memory: `files` maps project-relative paths
/// (`index.js`, `lib/math.js`, `node_modules/dep/package.json`) to their
/// text, and the contract starts at `entry`, one of those paths.
///
/// This is how a node compiles a deploy from its sources rather than trust
/// a compiled bundle. Modules resolve exactly as [`compile_path`] resolves
/// them on disk (relative files, `.js`/`.mjs`/`.cjs`/`.json`, `package.json`
/// `main` and `exports` under `node_modules`, the runtime's `storage` and
/// `blockchain`, Node.js built-ins refused), under the same size limits, and
/// the artifact is byte for byte the one [`compile_path`] makes from the
/// same files in a folder, with `entry` as the entry and the same ABI.
/// Nothing is read from or written to disk. Files no module reaches are
/// ignored, as they are on disk.
///
/// Paths may use `.` and repeated `/` (`./lib//x.js` is `lib/x.js`); empty
/// and absolute paths, paths with `..`, a path given twice and a file that
/// is also a folder are refused, each error naming the path as given.
///
/// # Errors
/// Bad paths, an `entry` not among the files, and every problem found
/// while compiling, located in the developer's files.
pub fn compile_files(
    files: &BTreeMap<String, String>,
    entry: &str,
    abi: Option<Abi>,
) -> Result<Artifact, CompileErrors> {
    let files = memory::MemoryFs::new(files).map_err(CompileErrors)?;
    let path = Path::new(memory::ROOT).join(memory::normalize(entry).map_err(|e| CompileErrors(vec![e]))?);
    if !oxc_resolver::FileSystem::metadata(&files, &path).is_ok_and(|m| m.is_file()) {
        return Err(CompileErrors(vec![file_error(entry, "the entry is not among the files")]));
    }
    on_compiler_stack(|| bundle::bundle(&Sources::Memory { files, entry: path }, abi, true)).map_err(CompileErrors)
}

/// Compiles one in-memory file named `file_name`; it may require only the
/// runtime's modules.
///
/// # Errors
/// Every problem found, located in the file.
pub fn compile_source(file_name: &str, source: &str, abi: Option<Abi>) -> Result<Artifact, CompileErrors> {
    on_compiler_stack(|| bundle::bundle(&Sources::Single { name: file_name, source }, abi, true)).map_err(CompileErrors)
}

/// Like [`compile_source`] but without gas metering: the same code shape
/// with no charges, to measure the meter's overhead. Sandboxes refuse such
/// artifacts unless told to allow them.
///
/// # Errors
/// Every problem found, located in the file.
pub fn compile_source_unmetered(file_name: &str, source: &str, abi: Option<Abi>) -> Result<Artifact, CompileErrors> {
    on_compiler_stack(|| bundle::bundle(&Sources::Single { name: file_name, source }, abi, false))
        .map_err(CompileErrors)
}

/// Stack of the thread a compile runs on: the parser and the passes over the
/// tree recurse once per nesting level (at most [`MAX_SOURCE_NESTING`] of
/// brackets, more of operator chains), whichever thread calls the compiler
/// (a node's RPC threads have 2 MiB).
const COMPILER_STACK_BYTES: usize = 256 << 20;

/// Runs `compile` on a thread of its own with [`COMPILER_STACK_BYTES`] of
/// stack (reserved, used only as deep as the source goes).
pub(crate) fn on_compiler_stack<T: Send>(compile: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("v8vm-compile".into())
            .stack_size(COMPILER_STACK_BYTES)
            .spawn_scoped(scope, compile)
            .expect("spawn the compiler thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Adds to `artifact` V8's code cache of its bundle function, tagged with
/// the V8 version and flags it is valid for (a runtime with another V8
/// compiles from source instead).
///
/// # Errors
/// V8 could not compile the bundle (the parser accepted something V8 does not).
pub fn add_code_cache(artifact: &mut Artifact) -> Result<(), CompileErrors> {
    let isolate = v8vm_engine::Isolate::new(&v8vm_engine::IsolateOptions::default());
    let context = isolate.new_context();
    let compiled = context
        .compile_function(&artifact.bundle, &artifact.entry, &BUNDLE_PARAMS, None)
        .map_err(|e| CompileErrors(vec![file_error(&artifact.entry, format!("V8 rejected the bundle: {e}"))]))?;
    artifact.code_cache = compiled.function.code_cache().map(|cache| CodeCacheBlob {
        v8_version: v8vm_engine::v8_version().to_owned(),
        v8_flags: v8vm_engine::v8_flags().to_owned(),
        bytes: hex::encode(cache.as_bytes()),
    });
    // The cache is an optimisation: leave it out rather than pass the limit.
    if artifact.to_json().len() > MAX_ARTIFACT_BYTES {
        artifact.code_cache = None;
    }
    Ok(())
}

/// The file a folder's `package.json` `exports` names for itself, with the
/// conditions `require`, `import`, `node`, `default` in that order.
fn package_exports_entry(dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let package: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut target = package.get("exports")?;
    if let Some(dot) = target.get(".") {
        target = dot;
    }
    loop {
        match target {
            serde_json::Value::String(file) => return Some(dir.join(file)).filter(|p| p.is_file()),
            serde_json::Value::Object(conditions) => {
                target = ["require", "import", "node", "default"].iter().find_map(|c| conditions.get(*c))?;
            }
            _ => return None,
        }
    }
}

fn read_abi(path: &Path) -> Result<Abi, CompileErrors> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CompileErrors(vec![file_error(&shown, format!("cannot read: {e}"))]))?;
    Abi::parse(&text).map_err(|e| CompileErrors(vec![file_error(&shown, format!("invalid ABI: {e}"))]))
}
