//! Deployed code: what consensus state keeps of a contract's code, and the
//! node-local cache of it that every worker shares.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use v8vm_compiler::{Abi, Artifact, ClassShape};
use v8vm_engine::CodeCache;
use v8vm_state::{StateError, StateKey, Value};

use crate::receipt::Status;
use crate::sandbox::MAX_ARGS_BYTES;

/// The code of a deployed contract, as stored under
/// [`StateKey::Artifact`]`(code_hash)`: the artifact (without its V8 code
/// cache, which is node-local) and what deploying learnt of its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// The compiled contract.
    pub artifact: Arc<Artifact>,
    /// The methods of its class.
    pub class: ClassShape,
    /// The ABI in force: the artifact's ABI file, or derived from the class.
    pub abi: Abi,
}

impl Code {
    /// Where the code with `code_hash` is stored.
    pub fn key(code_hash: &str) -> StateKey {
        StateKey::Artifact(code_hash.to_owned())
    }

    /// The bytes stored in state: never a code cache (a node's own compiled
    /// code is not consensus data, and is not to be trusted from others).
    pub fn to_bytes(&self) -> Vec<u8> {
        let artifact = Artifact { code_cache: None, ..Artifact::clone(&self.artifact) };
        serde_json::to_vec(&Code { artifact: Arc::new(artifact), ..self.clone() }).expect("code serializes")
    }

    /// Reads stored code back, checking the artifact's hash.
    ///
    /// # Errors
    /// The bytes are not stored code, or the artifact does not match its hash.
    pub fn from_bytes(bytes: &[u8]) -> Result<Code, StateError> {
        let code: Code =
            serde_json::from_slice(bytes).map_err(|e| StateError::Corrupt(format!("stored code is not valid: {e}")))?;
        let actual = code.artifact.compute_code_hash();
        if actual != code.artifact.code_hash {
            return Err(StateError::Corrupt(format!("stored code {} hashes to {actual}", code.artifact.code_hash)));
        }
        Ok(code)
    }
}

impl Code {
    /// Checks that `method` of contract `name` is public and that `args` fit
    /// its ABI; the error is the receipt status and message of the refusal.
    pub(crate) fn check_call(&self, name: &str, method: &str, args: &str) -> Result<(), (Status, String)> {
        let params = self.class.method(method).and_then(|m| m.params.as_deref());
        check_abi_call(&self.abi, params, name, method, args)
    }
}

/// Checks that `method` of contract `name` is public in `abi` and that
/// `args` fit it (`params`: the parameter names, for messages); the error is
/// the receipt status and message of the refusal.
pub(crate) fn check_abi_call(
    abi: &Abi,
    params: Option<&[String]>,
    name: &str,
    method: &str,
    args: &str,
) -> Result<(), (Status, String)> {
    if method == "init" {
        return Err((Status::NotFound, "init() runs only once, at deploy, and cannot be called".into()));
    }
    if args.len() > MAX_ARGS_BYTES {
        return Err((
            Status::InvalidArgs,
            format!("the arguments are {} bytes, over the {MAX_ARGS_BYTES}-byte limit", args.len()),
        ));
    }
    let Some(abi_method) = abi.method(method) else {
        let public: Vec<&str> = abi.abi.iter().map(|m| m.name.as_str()).collect();
        return Err((
            Status::NotFound,
            format!("method '{method}' is not public in contract '{name}' (public: {})", public.join(", ")),
        ));
    };
    abi_method.check_args(args, params).map_err(|message| (Status::InvalidArgs, message))
}

/// Code as a worker loads it: the stored code and the V8 code cache this
/// node made for it the first time a worker ran it.
#[derive(Debug)]
pub(crate) struct LoadedCode {
    pub(crate) code: Code,
    /// Whether its modules may be evaluated once per sandbox and reused
    /// (`v8vm_compiler::check_cacheable`, worked out once per node).
    pub(crate) cacheable: bool,
    /// Made by this process after a successful call, so trusted; lets every
    /// other worker skip compiling the bundle from source.
    pub(crate) code_cache: OnceLock<CodeCache>,
}

/// Code entries kept in a [`CodeStore`] by default.
pub const DEFAULT_CODE_STORE_ENTRIES: usize = 1024;

/// The node-local cache of deployed code, shared by all workers: parsed
/// artifacts and the V8 code caches this node made, by code hash. Code is
/// content-addressed, so a cached entry is never stale. Every call looks
/// its code up here, so lookups share a read lock; when full, an arbitrary
/// entry makes room (it is read from state again if needed).
#[derive(Debug)]
pub struct CodeStore {
    entries: RwLock<HashMap<String, Arc<LoadedCode>>>,
    capacity: usize,
}

impl Default for CodeStore {
    fn default() -> Self {
        CodeStore::new(DEFAULT_CODE_STORE_ENTRIES)
    }
}

impl CodeStore {
    /// A store keeping at most `entries` contracts' code.
    pub fn new(entries: usize) -> CodeStore {
        CodeStore { entries: RwLock::new(HashMap::new()), capacity: entries.max(1) }
    }

    /// The code with `code_hash`: cached, or read with `read` (from state)
    /// and cached. `None` if there is no such code.
    pub(crate) fn get(
        &self,
        code_hash: &str,
        read: impl FnOnce(&StateKey) -> Result<Option<Value>, StateError>,
    ) -> Result<Option<Arc<LoadedCode>>, StateError> {
        if let Some(loaded) = self.cached(code_hash) {
            return Ok(Some(loaded));
        }
        let Some(bytes) = read(&Code::key(code_hash))? else { return Ok(None) };
        let code = Code::from_bytes(&bytes)?;
        Ok(Some(self.insert(code)))
    }

    /// Caches `code` (just deployed, or read from state); returns the entry.
    pub(crate) fn insert(&self, code: Code) -> Arc<LoadedCode> {
        if let Some(loaded) = self.cached(&code.artifact.code_hash) {
            return loaded;
        }
        // Worked out before taking the lock: it parses the bundle.
        let cacheable = v8vm_compiler::check_cacheable(&code.artifact).is_ok();
        let hash = code.artifact.code_hash.clone();
        let loaded = Arc::new(LoadedCode { code, cacheable, code_cache: OnceLock::new() });
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= self.capacity && !entries.contains_key(&hash) {
            let evicted = entries.keys().next().cloned();
            if let Some(evicted) = evicted {
                entries.remove(&evicted);
            }
        }
        Arc::clone(entries.entry(hash).or_insert(loaded))
    }

    /// The cached code with `code_hash`, if any.
    pub(crate) fn cached(&self, code_hash: &str) -> Option<Arc<LoadedCode>> {
        self.entries.read().unwrap_or_else(PoisonError::into_inner).get(code_hash).cloned()
    }

    /// Contracts' code held now.
    pub fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
