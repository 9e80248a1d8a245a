//! `system.iost`: accounts and code. `newAccount` is a native method;
//! `setCode` and `updateCode` are transaction actions the chain turns into
//! the runtime's deploy and update, after compiling the sources on this
//! node (a client's compiled bundle is never run as given).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};
use v8vm_runtime::{native_abi, Abi, Action, ArgType, Artifact, Contract, NativeCall, NativeContract, NativeError};
use v8vm_state::StateKey;

use crate::account::{Account, Permission};
use crate::tx::TxAction;

/// The system contract's name.
pub const SYSTEM_CONTRACT: &str = "system.iost";
/// Gas to compile a contract's sources, per byte.
pub const GAS_COMPILE_PER_BYTE: u64 = 1;
/// Gas to compile a contract, before its bytes.
pub const GAS_COMPILE: u64 = 10_000;
const GAS_NEW_ACCOUNT: u64 = 10_000;

/// The `system.iost` native contract.
#[derive(Debug)]
pub struct SystemContract {
    abi: Abi,
}

impl Default for SystemContract {
    fn default() -> Self {
        use ArgType::String as Text;
        let abi = native_abi(&[
            ("newAccount", &[Text, Text, Text]),
            ("setCode", &[Text]),
            ("updateCode", &[Text, Text, Text]),
        ]);
        SystemContract { abi }
    }
}

/// Whether `name` may name an account: 2-32 of `[a-z0-9_]`.
pub fn valid_account_name(name: &str) -> bool {
    (2..=32).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `key` is a base58 public key (ed25519: 32 bytes; secp256k1:
/// 33 compressed).
fn valid_public_key(key: &str) -> bool {
    bs58::decode(key).into_vec().is_ok_and(|bytes| bytes.len() == 32 || bytes.len() == 33)
}

impl NativeContract for SystemContract {
    fn abi(&self) -> &Abi {
        &self.abi
    }

    fn call(&self, call: &mut NativeCall<'_>, method: &str, args: &[Value]) -> Result<String, NativeError> {
        let arg = |i: usize| args.get(i).and_then(Value::as_str).unwrap_or_default();
        match method {
            "newAccount" => {
                call.charge(GAS_NEW_ACCOUNT);
                let (name, owner, active) = (arg(0), arg(1), arg(2));
                if !valid_account_name(name) {
                    return Err(NativeError::failed(format!("account name {name:?} must be 2-32 of [a-z0-9_]")));
                }
                for (what, key) in [("owner", owner), ("active", active)] {
                    if !valid_public_key(key) {
                        return Err(NativeError::failed(format!("the {what} key {key:?} is not a base58 public key")));
                    }
                }
                let taken = call.get(&StateKey::Account(name.to_owned()))?.is_some()
                    || call.get(&StateKey::Contract(name.to_owned()))?.is_some();
                if taken {
                    return Err(NativeError::failed(format!("the name {name:?} is taken")));
                }
                let account = Account {
                    name: name.to_owned(),
                    owner: Permission::single(owner),
                    active: Permission::single(active),
                };
                call.put(&StateKey::Account(name.to_owned()), account.to_bytes());
                call.receipt(json!([name, owner, active]).to_string())?;
                Ok(String::new())
            }
            _ => Err(NativeError::failed(format!(
                "system.iost.{method} can only be a transaction's action: contracts cannot deploy"
            ))),
        }
    }
}

/// A contract's sources as clients send them to `setCode`/`updateCode`:
/// project-relative paths to their text, the entry module, and the ABI.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceBundle {
    entry: String,
    files: BTreeMap<String, String>,
    #[serde(default)]
    abi: Option<Abi>,
}

/// The contract id a transaction's deploy gets: `Contract` and the base58
/// of the transaction's hash.
pub fn contract_id(tx_hash: &[u8; 32]) -> String {
    format!("Contract{}", bs58::encode(tx_hash).into_string())
}

/// Compiles `code` (a source bundle, or an artifact whose inlined sources
/// are compiled again and must give the same code hash); returns the
/// artifact and the gas compiling costs.
fn compile(code: &str) -> Result<(Artifact, u64), String> {
    let value: Value = serde_json::from_str(code).map_err(|e| format!("the code is not JSON: {e}"))?;
    let (files, entry, abi, claimed) = if value.get("format").is_some() {
        let artifact = Artifact::from_json(code).map_err(|e| e.to_string())?;
        (artifact.sources(), artifact.entry.clone(), artifact.abi.clone(), Some(artifact.code_hash))
    } else {
        let bundle: SourceBundle = serde_json::from_value(value)
            .map_err(|e| format!("the code is neither an artifact nor a source bundle {{entry, files, abi?}}: {e}"))?;
        (bundle.files, bundle.entry, bundle.abi, None)
    };
    let bytes: usize = files.values().map(String::len).sum();
    let artifact = v8vm_compiler::compile_files(&files, &entry, abi).map_err(|e| e.to_string())?;
    if let Some(claimed) = claimed.filter(|claimed| *claimed != artifact.code_hash) {
        return Err(format!(
            "the artifact's sources compile to code {} here, not to its {claimed}: compile it with this node's \
             compiler version, or send the sources",
            artifact.code_hash
        ));
    }
    Ok((artifact, GAS_COMPILE + bytes as u64 * GAS_COMPILE_PER_BYTE))
}

/// What a transaction's action asks the runtime to do, and the gas spent
/// before it runs (compiling). `deploys` counts the transaction's deploys
/// so far: a transaction deploys at most one contract, named by its hash.
///
/// # Errors
/// The message of the failed receipt, with the gas spent so far.
pub(crate) fn runtime_action(
    tx_hash: &[u8; 32],
    action: &TxAction,
    deploys: &mut usize,
) -> Result<(Action, u64), (String, u64)> {
    if action.contract != SYSTEM_CONTRACT || !matches!(action.method.as_str(), "setCode" | "updateCode") {
        return Ok((Action::call(&action.contract, &action.method, &action.args), 0));
    }
    let args: Vec<String> = serde_json::from_str(&action.args)
        .map_err(|_| (format!("system.iost.{} takes string arguments", action.method), 0))?;
    let deploy = action.method == "setCode";
    let (id, code, data) = match (deploy, args.as_slice()) {
        (true, [code]) => (contract_id(tx_hash), code, String::new()),
        (false, [id, code, data]) => (id.clone(), code, data.clone()),
        (true, _) => return Err(("system.iost.setCode takes 1 argument (code)".into(), 0)),
        (false, _) => return Err(("system.iost.updateCode takes 3 arguments (id, code, data)".into(), 0)),
    };
    if deploy {
        *deploys += 1;
        if *deploys > 1 {
            return Err(("a transaction deploys at most one contract".into(), 0));
        }
    }
    let (artifact, gas) = compile(code).map_err(|message| (message, GAS_COMPILE))?;
    let contract = Contract::new(&id, Arc::new(artifact)).map_err(|e| (e.to_string(), gas))?;
    let contract = Arc::new(contract);
    Ok((if deploy { Action::Deploy(contract) } else { Action::Update { contract, data } }, gas))
}
