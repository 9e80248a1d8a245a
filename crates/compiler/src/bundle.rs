//! Packaging: from an entry file, find every module it requires or imports
//! (relative files, JSON, packages in `node_modules`, as Node.js resolves
//! them), transform each, and join them into one bundle with a module table.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

use oxc_resolver::{FileSystem, ResolveError, ResolveOptions, Resolver, ResolverGeneric, ResolverImpl};
use oxc_sourcemap::SourceMapBuilder;

use crate::artifact::{Artifact, ModuleMap, Stats, FORMAT, MAX_ARTIFACT_BYTES};
use crate::cacheable::seal_call;
use crate::diagnostics::{file_error, Diagnostic};
use crate::memory::{self, MemoryFs};
use crate::module::{self, Request, Transformed};
use crate::reparse::ReparseCache;
use crate::{Abi, ArgType, MAX_SOURCE_BYTES, MAX_TOTAL_SOURCE_BYTES};

/// Modules provided by the runtime, never resolved to files.
const RUNTIME_MODULES: [&str; 2] = ["storage", "blockchain"];

/// Where the modules come from: the file system, files in memory, or one
/// in-memory file.
pub(crate) enum Sources<'s> {
    /// Files under `root`, starting at `entry`.
    Files {
        /// The project folder; module ids are relative to it.
        root: PathBuf,
        /// The entry file.
        entry: PathBuf,
    },
    /// Files given as text, resolved as if they were under
    /// [`memory::ROOT`]; module ids are relative to it.
    Memory {
        /// The files.
        files: MemoryFs,
        /// The entry file, under [`memory::ROOT`].
        entry: PathBuf,
    },
    /// A single file given as text.
    Single {
        /// Its name (the module id).
        name: &'s str,
        /// Its source.
        source: &'s str,
    },
}

impl Sources<'_> {
    /// The folder module ids are relative to; `None` for a single file,
    /// which has no other modules.
    fn root(&self) -> Option<&Path> {
        match self {
            Sources::Files { root, .. } => Some(root),
            Sources::Memory { .. } => Some(Path::new(memory::ROOT)),
            Sources::Single { .. } => None,
        }
    }

    /// The text of the module at `path`.
    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self {
            Sources::Files { .. } => std::fs::read_to_string(path),
            Sources::Memory { files, .. } => files.read_to_string(path),
            Sources::Single { source, .. } => Ok((*source).to_owned()),
        }
    }
}

/// The resolvers for `require` and for `import` (Node's conditions for
/// package `exports` differ), over the disk or the files in memory.
enum Resolvers {
    Disk(Resolver, Resolver),
    Memory(ResolverGeneric<MemoryFs>, ResolverGeneric<MemoryFs>),
}

impl Resolvers {
    fn new(sources: &Sources<'_>) -> Resolvers {
        let options = |condition: &str| ResolveOptions {
            extensions: vec![".js".into(), ".mjs".into(), ".cjs".into(), ".json".into()],
            condition_names: vec![condition.into(), "node".into(), "default".into()],
            main_fields: vec!["main".into()],
            builtin_modules: true,
            ..ResolveOptions::default()
        };
        match sources {
            Sources::Memory { files, .. } => {
                let require = ResolverGeneric::new_with_file_system(files.clone(), options("require"));
                let import = require.clone_with_options(options("import"));
                Resolvers::Memory(require, import)
            }
            Sources::Files { .. } | Sources::Single { .. } => {
                let require = Resolver::new(options("require"));
                let import = require.clone_with_options(options("import"));
                Resolvers::Disk(require, import)
            }
        }
    }

    fn get(&self, request: Request) -> &ResolverImpl {
        match (self, request) {
            (Resolvers::Disk(require, _), Request::Require) => require,
            (Resolvers::Disk(_, import), Request::Import) => import,
            (Resolvers::Memory(require, _), Request::Require) => require,
            (Resolvers::Memory(_, import), Request::Import) => import,
        }
    }
}

struct Module {
    id: String,
    source: String,
    transformed: Transformed,
}

/// Packs the modules into an artifact (without a code cache).
pub(crate) fn bundle(sources: &Sources<'_>, abi: Option<Abi>, metered: bool) -> Result<Artifact, Vec<Diagnostic>> {
    let resolvers = Resolvers::new(sources);
    let (entry_id, first) = match sources {
        Sources::Files { root, entry } => (module_id(root, entry), entry.clone()),
        Sources::Memory { entry, .. } => (module_id(Path::new(memory::ROOT), entry), entry.clone()),
        Sources::Single { name, .. } => ((*name).to_owned(), PathBuf::from(name)),
    };
    let mut queue = VecDeque::from([(entry_id.clone(), first)]);
    let mut seen: HashSet<String> = HashSet::from([entry_id.clone()]);
    let mut modules = Vec::new();
    let mut diagnostics = Vec::new();
    let mut total = 0usize;
    while let Some((id, path)) = queue.pop_front() {
        let source = match sources.read(&path) {
            Ok(source) => source,
            Err(e) => {
                diagnostics.push(file_error(&id, format!("cannot read {}: {e}", path.display())));
                continue;
            }
        };
        if source.len() > MAX_SOURCE_BYTES {
            diagnostics.push(file_error(
                &id,
                format!("{} bytes, over the {MAX_SOURCE_BYTES}-byte limit per file", source.len()),
            ));
            continue;
        }
        total += source.len();
        if total > MAX_TOTAL_SOURCE_BYTES {
            diagnostics
                .push(file_error(&id, format!("the contract's sources pass the {MAX_TOTAL_SOURCE_BYTES}-byte limit")));
            break;
        }
        let header = format!("{id:?}: function (exports, require, module, __filename, __dirname) {{");
        let transformed = if id.ends_with(".json") {
            module::transform_json(&id, &source, &header)
        } else {
            let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let mut resolve = |specifier: &str, request: Request| -> Result<String, String> {
                if RUNTIME_MODULES.contains(&specifier) {
                    return Ok(specifier.to_owned());
                }
                let Some(root) = sources.root() else {
                    return Err(format!(
                        "cannot resolve '{specifier}': a single-file contract can require only 'storage' and 'blockchain'"
                    ));
                };
                let resolved = resolvers.get(request).resolve(&dir, specifier).map_err(|e| match e {
                    ResolveError::Builtin { .. } => {
                        format!("'{specifier}' is a Node.js built-in module, not available in contracts")
                    }
                    ResolveError::NotFound(_) => format!("cannot resolve '{specifier}' from {id}"),
                    other => format!("cannot resolve '{specifier}' from {id}: {other}"),
                })?;
                let path = resolved.full_path();
                let target = module_id(root, &path);
                if !matches!(path.extension().and_then(|e| e.to_str()), Some("js" | "mjs" | "cjs" | "json")) {
                    return Err(format!("'{specifier}' resolves to {target}, which is not JavaScript or JSON"));
                }
                if seen.insert(target.clone()) {
                    queue.push_back((target.clone(), path));
                }
                Ok(target)
            };
            let entry = id == entry_id;
            module::transform(&id, &source, &header, metered, entry, &mut resolve)
        };
        match transformed {
            Ok(transformed) => modules.push(Module { id, source, transformed }),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let artifact = assemble(entry_id, modules, abi, metered);
    let size = artifact.to_json().len();
    if size > MAX_ARTIFACT_BYTES {
        let message = format!("the artifact would be {size} bytes, over the {MAX_ARTIFACT_BYTES}-byte limit");
        return Err(vec![file_error(&artifact.entry, message)]);
    }
    Ok(artifact)
}

/// Joins transformed modules into the bundle and its maps.
fn assemble(entry: String, modules: Vec<Module>, abi: Option<Abi>, metered: bool) -> Artifact {
    let mut bundle = String::from("return {\n");
    let mut line = 1u32;
    let mut maps = Vec::with_capacity(modules.len());
    let mut source_map = SourceMapBuilder::default();
    let mut jsdoc: BTreeMap<String, Vec<ArgType>> = BTreeMap::new();
    let mut gas_points = 0;
    let mut source_bytes = 0;
    for module in &modules {
        let source_id = source_map.add_source_and_content(&module.id, &module.source);
        for (module_line, out, input) in module.transformed.shifts.anchors() {
            source_map.add_token(line + module_line, out, module_line, input, Some(source_id), None);
        }
        maps.push(ModuleMap {
            id: module.id.clone(),
            first_line: line,
            shifts: module.transformed.shifts.to_compact(),
        });
        bundle.push_str(&module.transformed.code);
        // On the bundle's own closing line, so no line of the module moves.
        bundle.push('\n');
        bundle.push_str(&seal_call(&module.transformed.code));
        bundle.push_str("},\n");
        line += module.transformed.shifts.line_count() as u32 + 1;
        gas_points += module.transformed.gas_points;
        source_bytes += module.source.len();
        if module.id == entry {
            jsdoc.clone_from(&module.transformed.jsdoc);
        }
    }
    bundle.push_str("};\n");
    let source_map = source_map.into_sourcemap().to_json_string();
    let stats = Stats { modules: modules.len(), source_bytes, bundle_bytes: bundle.len(), gas_points };
    let mut artifact = Artifact {
        format: FORMAT.into(),
        entry,
        metered,
        bundle,
        modules: maps,
        abi,
        jsdoc,
        stats,
        source_map,
        code_hash: String::new(),
        code_cache: None,
        reparse: ReparseCache::default(),
    };
    artifact.code_hash = artifact.compute_code_hash();
    artifact
}

/// The module id of `path`: relative to `root`, with `/` separators.
fn module_id(root: &Path, path: &Path) -> String {
    let relative = relative_path(root, path);
    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

fn relative_path(root: &Path, path: &Path) -> PathBuf {
    if let Ok(inside) = path.strip_prefix(root) {
        return inside.to_path_buf();
    }
    // Outside the root: walk up from the root to a common ancestor.
    let root: Vec<Component<'_>> = root.components().collect();
    let target: Vec<Component<'_>> = path.components().collect();
    let common = root.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..root.len() {
        relative.push("..");
    }
    for component in &target[common..] {
        relative.push(component);
    }
    relative
}
