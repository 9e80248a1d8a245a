//! Reading a contract for `run` and `compile`: a source file, a project
//! folder, or a compiled artifact.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use v8vm_compiler::{Artifact, CompileErrors, CompileOptions};

/// A contract that could not be loaded: usage (exit 2) or compile errors (exit 1).
#[derive(Debug)]
pub(crate) enum LoadError {
    /// Bad input that is not the contract's code (unreadable file, bad artifact).
    Usage(anyhow::Error),
    /// The contract's code has errors.
    Compile(CompileErrors),
}

impl From<anyhow::Error> for LoadError {
    fn from(error: anyhow::Error) -> Self {
        LoadError::Usage(error)
    }
}

impl LoadError {
    /// Reports the error (compile errors as `file:line:col: message` lines)
    /// and gives the exit code.
    pub(crate) fn report(self, json: bool) -> anyhow::Result<ExitCode> {
        match self {
            LoadError::Usage(error) => Err(error),
            LoadError::Compile(errors) => {
                if json {
                    println!("{}", serde_json::json!({ "status": "compile_error", "errors": errors.0 }));
                } else {
                    eprintln!("{errors}");
                }
                Ok(ExitCode::from(1))
            }
        }
    }
}

/// An artifact file is JSON; anything else is compiled.
pub(crate) fn load_artifact(path: &Path, abi: Option<&Path>) -> Result<Artifact, LoadError> {
    if path.extension().is_some_and(|e| e == "json") {
        if abi.is_some() {
            return Err(LoadError::Usage(anyhow::anyhow!(
                "--abi cannot be used with an artifact: its ABI was fixed when it was compiled"
            )));
        }
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read artifact {}", path.display()))?;
        let artifact = Artifact::from_json(&text).with_context(|| format!("invalid artifact {}", path.display()))?;
        return Ok(artifact);
    }
    if !path.exists() {
        return Err(LoadError::Usage(anyhow::anyhow!(
            "cannot read contract {}: no such file or folder",
            path.display()
        )));
    }
    let options = CompileOptions { abi: abi.map(Path::to_path_buf) };
    v8vm_compiler::compile_path(path, &options).map_err(LoadError::Compile)
}

/// The default contract name for `path`: a file's name up to its first dot,
/// or a folder's name.
pub(crate) fn default_name(path: &Path) -> anyhow::Result<String> {
    let name = if path.is_dir() {
        path.canonicalize()?.file_name().map(|n| n.to_owned())
    } else {
        path.file_name().map(|n| n.to_owned())
    };
    name.and_then(|n| n.to_str().and_then(|n| n.split('.').next()).map(str::to_owned))
        .filter(|n| !n.is_empty())
        .with_context(|| format!("cannot name a contract after {}: use --name", path.display()))
}
