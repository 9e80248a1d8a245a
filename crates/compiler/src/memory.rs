//! A contract's files given in memory: their paths checked and normalized,
//! and a read-only file system over them for the module resolver, rooted at
//! a fixed virtual folder.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use oxc_resolver::{FileMetadata, FileSystem, ResolveError};

use crate::diagnostics::{file_error, Diagnostic};

/// The folder the files are placed in. Module ids are relative to it, so it
/// never shows in an artifact; only in the rare resolver message that names
/// a full path (an invalid `package.json`).
pub(crate) const ROOT: &str = "/contract";

/// The project-relative form of `path`: `/`-separated, without empty or `.`
/// parts. Absolute paths, `..` and paths naming nothing are refused.
pub(crate) fn normalize(path: &str) -> Result<String, Diagnostic> {
    let refuse = |why: &str| file_error(path, format!("invalid path {path:?}: {why}"));
    if path.starts_with('/') {
        return Err(refuse("absolute; paths are relative to the project folder"));
    }
    if path.contains('\0') {
        return Err(refuse("contains a NUL character"));
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(refuse("contains `..`; paths must stay inside the project folder")),
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        return Err(refuse("empty; it names no file"));
    }
    Ok(parts.join("/"))
}

/// The files, by full virtual path, and every folder that holds one.
#[derive(Debug, Default)]
struct Tree {
    files: BTreeMap<PathBuf, String>,
    dirs: BTreeSet<PathBuf>,
}

/// A read-only file system over in-memory files, under [`ROOT`]. Cloning
/// shares the files.
#[derive(Debug, Clone, Default)]
pub(crate) struct MemoryFs(Arc<Tree>);

impl MemoryFs {
    /// Checks and normalizes the paths of `files` and places them under
    /// [`ROOT`]. Every bad path is reported, named as given.
    pub(crate) fn new(files: &BTreeMap<String, String>) -> Result<MemoryFs, Vec<Diagnostic>> {
        let mut tree = Tree::default();
        let mut given: BTreeMap<String, &str> = BTreeMap::new();
        let mut diagnostics = Vec::new();
        for (path, text) in files {
            let normalized = match normalize(path) {
                Ok(normalized) => normalized,
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    continue;
                }
            };
            if let Some(first) = given.get(&normalized) {
                diagnostics.push(file_error(path, format!("the same file as {first:?}: given twice")));
                continue;
            }
            given.insert(normalized.clone(), path);
            tree.files.insert(Path::new(ROOT).join(&normalized), text.clone());
        }
        for file in tree.files.keys() {
            tree.dirs.extend(file.ancestors().skip(1).map(Path::to_path_buf));
        }
        tree.dirs.extend(Path::new(ROOT).ancestors().map(Path::to_path_buf));
        for dir in &tree.dirs {
            if tree.files.contains_key(dir) {
                let id = dir.strip_prefix(ROOT).unwrap_or(dir).to_string_lossy().into_owned();
                let shown = given.get(&id).copied().unwrap_or(&id);
                diagnostics.push(file_error(shown, "is both a file and a folder holding other files"));
            }
        }
        if diagnostics.is_empty() {
            Ok(MemoryFs(Arc::new(tree)))
        } else {
            Err(diagnostics)
        }
    }

    fn kind(&self, path: &Path) -> io::Result<FileMetadata> {
        let path = lexical(path);
        if self.0.files.contains_key(&path) {
            Ok(FileMetadata::new(true, false, false))
        } else if self.0.dirs.contains(&path) {
            Ok(FileMetadata::new(false, true, false))
        } else {
            Err(not_found(&path))
        }
    }
}

impl FileSystem for MemoryFs {
    fn new() -> Self {
        MemoryFs::default()
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.read_to_string(path).map(String::into_bytes)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let path = lexical(path);
        match self.0.files.get(&path) {
            Some(text) => Ok(text.clone()),
            None if self.0.dirs.contains(&path) => Err(io::Error::other(format!("{} is a folder", path.display()))),
            None => Err(not_found(&path)),
        }
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        self.kind(path)
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        self.kind(path)
    }

    fn read_link(&self, path: &Path) -> Result<PathBuf, ResolveError> {
        let message = format!("{} is not a symbolic link", path.display());
        Err(io::Error::new(io::ErrorKind::InvalidInput, message).into())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.kind(path)?;
        Ok(lexical(path))
    }
}

/// `path` with `.` and `..` parts resolved by their names (there are no
/// symbolic links here).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, format!("{} does not exist", path.display()))
}
