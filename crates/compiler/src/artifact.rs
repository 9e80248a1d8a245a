//! The compiled form of a contract: one content-addressed JSON document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::abi::{Abi, ArgType};
use crate::edits::original_column;
use crate::reparse::ReparseCache;

/// The artifact format this compiler writes and reads.
pub const FORMAT: &str = "v8vm-artifact-11";
/// Largest artifact, in bytes of JSON.
pub const MAX_ARTIFACT_BYTES: usize = 16 << 20;

/// A compiled contract. Serialized as JSON with the fields in this order;
/// `code_hash` covers everything that decides how it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// [`FORMAT`].
    pub format: String,
    /// Id of the module whose `module.exports` (or default export) is the class.
    pub entry: String,
    /// Whether gas metering was injected. Unmetered artifacts exist only to
    /// measure the meter's overhead; sandboxes refuse them by default.
    pub metered: bool,
    /// The body of the bundle function: `return { "<id>": function (exports,
    /// require, module, __filename, __dirname) {...}, ... };`, with the
    /// parameters [`BUNDLE_PARAMS`](crate::BUNDLE_PARAMS).
    pub bundle: String,
    /// Where each module sits in the bundle and how its columns moved.
    pub modules: Vec<ModuleMap>,
    /// The ABI file's content, if the contract has one.
    pub abi: Option<Abi>,
    /// Argument types from JSDoc `@param {type}`, by method name, used when
    /// there is no ABI file.
    pub jsdoc: BTreeMap<String, Vec<ArgType>>,
    /// Sizes and counts, for people.
    pub stats: Stats,
    /// A standard (v3) source map of the bundle, with the sources inlined.
    pub source_map: String,
    /// Hex SHA-256 of `format`, `entry`, `metered`, `bundle`, `modules`, `abi` and `jsdoc`.
    pub code_hash: String,
    /// V8's compiled code for the bundle function, if it was produced.
    pub code_cache: Option<CodeCacheBlob>,
    /// The bundle's functions and classes, read on first use (never
    /// stored: the runtime works them out from the bundle it runs).
    #[serde(skip)]
    pub reparse: ReparseCache,
}

/// One module's place in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleMap {
    /// Its id: the path relative to the project root.
    pub id: String,
    /// The bundle line (0-based) holding the module's first line.
    pub first_line: u32,
    /// Per module line, four numbers per edit: output start and end column,
    /// input start and end column (UTF-16, 0-based).
    pub shifts: Vec<Vec<u32>>,
}

/// Sizes and counts of a compilation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Modules in the bundle.
    pub modules: usize,
    /// Bytes of source read.
    pub source_bytes: usize,
    /// Bytes of the bundle.
    pub bundle_bytes: usize,
    /// Gas charge points injected (basic blocks).
    pub gas_points: u32,
}

/// A V8 code cache and what it is valid for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeCacheBlob {
    /// `V8::GetVersion()` of the V8 that made it.
    pub v8_version: String,
    /// The V8 flags it was made under.
    pub v8_flags: String,
    /// The cache, hex.
    pub bytes: String,
}

/// A place in the developer's own source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Module id (path relative to the project root).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// Why an artifact could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactError {
    /// Not JSON of the artifact's shape.
    #[error("not a v8vm artifact")]
    Malformed(#[from] serde_json::Error),
    /// Another format version.
    #[error("artifact format {found:?} is not {FORMAT:?}")]
    Format {
        /// The format it says it is.
        found: String,
    },
    /// The content does not match its hash.
    #[error("artifact code hash mismatch: it says {claimed}, its content hashes to {actual}")]
    Hash {
        /// The hash it carries.
        claimed: String,
        /// The hash of its content.
        actual: String,
    },
    /// Over [`MAX_ARTIFACT_BYTES`].
    #[error("artifact is {0} bytes, over the {MAX_ARTIFACT_BYTES}-byte limit")]
    TooLarge(usize),
}

impl Artifact {
    /// The hash of the fields that decide how the artifact runs.
    pub fn compute_code_hash(&self) -> String {
        let hashed = (&self.format, &self.entry, self.metered, &self.bundle, &self.modules, &self.abi, &self.jsdoc);
        let canonical = serde_json::to_vec(&hashed).expect("artifact fields serialize");
        hex::encode(Sha256::digest(canonical))
    }

    /// Serializes to JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("artifact serializes")
    }

    /// Reads an artifact and checks its format and hash.
    ///
    /// # Errors
    /// Malformed JSON, another format, a hash mismatch, or too large.
    pub fn from_json(json: &str) -> Result<Artifact, ArtifactError> {
        if json.len() > MAX_ARTIFACT_BYTES {
            return Err(ArtifactError::TooLarge(json.len()));
        }
        let artifact: Artifact = serde_json::from_str(json)?;
        if artifact.format != FORMAT {
            return Err(ArtifactError::Format { found: artifact.format });
        }
        let actual = artifact.compute_code_hash();
        if actual != artifact.code_hash {
            return Err(ArtifactError::Hash { claimed: artifact.code_hash, actual });
        }
        Ok(artifact)
    }

    /// The module sources, by module id, as the inlined source map holds
    /// them (`sources` are the module ids, `sourcesContent` their text
    /// before any edit).
    ///
    /// [`compile_files`](crate::compile_files)`(&artifact.sources(),
    /// &artifact.entry, artifact.abi.clone())` compiles them again to the same
    /// `code_hash`, provided every module resolves without a file that is
    /// not a module: a `package.json` (a package's `main` or `exports`) is
    /// not in the source map, so a contract that needs one does not
    /// resolve from these alone. Nor does one whose module ids leave the
    /// project folder (`../x.js`).
    ///
    /// The source map is not covered by `code_hash`: for an artifact from
    /// elsewhere, these are what it claims, and only compiling them again
    /// shows whether they match its code. A source map that is not JSON of
    /// that shape gives an empty map; a source without content is left out.
    pub fn sources(&self) -> BTreeMap<String, String> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Inlined {
            sources: Vec<String>,
            #[serde(default)]
            sources_content: Vec<Option<String>>,
        }
        let Ok(map) = serde_json::from_str::<Inlined>(&self.source_map) else {
            return BTreeMap::new();
        };
        map.sources.into_iter().zip(map.sources_content).filter_map(|(id, content)| Some((id, content?))).collect()
    }

    /// How many UTF-16 units of source V8 parses again when a TypeError is
    /// thrown at `position` in the bundle (see [`crate::ReparseUnits`]).
    pub fn reparse_size(&self, position: u32) -> u32 {
        self.reparse.get(&self.bundle).size_at(position)
    }

    /// The developer's file, line and column for a 1-based position in the
    /// bundle; `None` if it is not inside a module.
    pub fn locate(&self, line: u32, column: u32) -> Option<Location> {
        let bundle_line = line.checked_sub(1)?;
        let module = self.modules.iter().rev().find(|m| m.first_line <= bundle_line)?;
        let module_line = (bundle_line - module.first_line) as usize;
        // Only this line's shifts are read: a stack trace locates a frame at
        // a time, whatever the module's size.
        let compact = module.shifts.get(module_line)?;
        let column = original_column(compact, column.saturating_sub(1)) + 1;
        Some(Location { file: module.id.clone(), line: module_line as u32 + 1, column })
    }
}
