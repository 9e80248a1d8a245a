//! The commands that talk to a node over JSON-RPC: `account new`,
//! `deploy`, `call`, `send`, `receipt`. Transactions are signed here, with
//! the key file of the account you act as.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use v8vm_chain::{KeyFile, KeyPair, Transaction, TxAction, SYSTEM_CONTRACT};
use v8vm_node::{now_ns, Client};
use v8vm_runtime::crypto::Algorithm;
use v8vm_runtime::AmountLimit;

use super::load::load_artifact;
use super::node::read_key_file;

/// Where the node is.
#[derive(Debug, Args)]
pub(crate) struct Connection {
    /// The node's JSON-RPC address.
    #[arg(long, env = "V8VM_RPC", default_value = "http://127.0.0.1:7300")]
    rpc: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Who signs, and what the transaction may spend.
#[derive(Debug, Args)]
pub(crate) struct Signing {
    /// The account you act as: its key file is <keys>/<account>.json.
    #[arg(long = "as", env = "V8VM_ACCOUNT")]
    account: Option<String>,
    /// The folder of key files (`v8vm node --dev` writes the dev accounts' there).
    #[arg(long, env = "V8VM_KEYS", default_value = "v8vm-data/keys")]
    keys: PathBuf,
    /// Most gas the transaction may use.
    #[arg(long, default_value_t = 1_000_000)]
    gas_limit: u64,
    /// Price per gas, in the smallest unit of iost (10^-8).
    #[arg(long, default_value_t = 1)]
    gas_price: u64,
    /// Most of a token the transaction may move out of your account,
    /// `TOKEN:AMOUNT` (`*` any token, `unlimited`); repeatable. Without
    /// one, the transaction may move none of your tokens.
    #[arg(long = "amount-limit")]
    amount_limit: Vec<String>,
    /// Return after sending, without waiting for the receipt.
    #[arg(long)]
    no_wait: bool,
}

#[derive(Debug, Args)]
pub(crate) struct AccountArgs {
    #[command(subcommand)]
    command: AccountCommand,
}

#[derive(Debug, Subcommand)]
enum AccountCommand {
    /// Create an account with a new key (written to <keys>/<name>.json),
    /// paid for by the account you act as.
    New {
        /// Its name: 2-32 of [a-z0-9_].
        name: String,
        /// The key's algorithm: ed25519 or secp256k1.
        #[arg(long, default_value = "ed25519")]
        algorithm: String,
        #[command(flatten)]
        connection: Connection,
        #[command(flatten)]
        signing: Signing,
    },
    /// Show an account: keys and balance.
    Show {
        /// Its name.
        name: String,
        #[command(flatten)]
        connection: Connection,
    },
}

#[derive(Debug, Args)]
pub(crate) struct DeployArgs {
    /// The contract: a .js file, a project folder, or an artifact (.json) from `v8vm compile`.
    contract: PathBuf,
    /// ABI file [default: <entry stem>.abi beside the entry, or abi.json in the folder].
    #[arg(long)]
    abi: Option<PathBuf>,
    #[command(flatten)]
    connection: Connection,
    #[command(flatten)]
    signing: Signing,
}

/// A method and its arguments.
#[derive(Debug, Args)]
pub(crate) struct Method {
    /// The contract id (`token.iost` for the native token).
    contract: String,
    /// The method.
    method: String,
    /// The arguments, a JSON array.
    #[arg(default_value = "[]")]
    args: String,
}

#[derive(Debug, Args)]
pub(crate) struct CallArgs {
    #[command(flatten)]
    call: Method,
    #[command(flatten)]
    connection: Connection,
}

#[derive(Debug, Args)]
pub(crate) struct SendArgs {
    #[command(flatten)]
    call: Method,
    #[command(flatten)]
    connection: Connection,
    #[command(flatten)]
    signing: Signing,
}

#[derive(Debug, Args)]
pub(crate) struct ReceiptArgs {
    /// The transaction's hash.
    hash: String,
    #[command(flatten)]
    connection: Connection,
}

pub(crate) fn account(args: &AccountArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        AccountCommand::New { name, algorithm, connection, signing } => {
            let algorithm = Algorithm::from_name(algorithm)
                .with_context(|| format!("unknown algorithm {algorithm:?}: use ed25519 or secp256k1"))?;
            let path = signing.keys.join(format!("{name}.json"));
            if path.exists() {
                bail!("{} exists already: not overwriting a key", path.display());
            }
            let key = KeyPair::generate(algorithm)?;
            let args = json!([name, key.public_b58(), key.public_b58()]).to_string();
            let code = send(connection, signing, vec![action(SYSTEM_CONTRACT, "newAccount", &args)])?;
            if code == ExitCode::SUCCESS {
                std::fs::create_dir_all(&signing.keys)?;
                std::fs::write(&path, serde_json::to_string_pretty(&KeyFile::new(name, &key))?)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("account {name} created; its key is in {}", path.display());
            }
            Ok(code)
        }
        AccountCommand::Show { name, connection } => {
            let account = Client::new(&connection.rpc).call("getAccount", json!({ "name": name }))?;
            if account.is_null() {
                bail!("no account named {name:?}");
            }
            print_value(connection.json, &account);
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) fn deploy(args: &DeployArgs) -> anyhow::Result<ExitCode> {
    let artifact = match load_artifact(&args.contract, args.abi.as_deref()) {
        Ok(artifact) => artifact,
        Err(error) => return error.report(args.connection.json),
    };
    let code = if args.contract.extension().is_some_and(|e| e == "json") {
        artifact.to_json()
    } else {
        // The node compiles the sources itself: send them, with the
        // package.json files that resolve them.
        let root = if args.contract.is_dir() { args.contract.clone() } else { parent(&args.contract) };
        let mut files = artifact.sources();
        for id in artifact.sources().keys() {
            for dir in Path::new(id).ancestors().skip(1) {
                let manifest = dir.join("package.json");
                if let Ok(text) = std::fs::read_to_string(root.join(&manifest)) {
                    files.insert(manifest.to_string_lossy().into_owned(), text);
                }
            }
        }
        json!({ "entry": artifact.entry, "files": files, "abi": artifact.abi }).to_string()
    };
    let args_json = json!([code]).to_string();
    send(&args.connection, &args.signing, vec![action(SYSTEM_CONTRACT, "setCode", &args_json)])
}

fn parent(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

pub(crate) fn call(args: &CallArgs) -> anyhow::Result<ExitCode> {
    let Method { contract, method, args: call_args } = &args.call;
    let params = json!({ "contract": contract, "method": method, "args": call_args });
    let receipt = Client::new(&args.connection.rpc).call("call", params)?;
    print_receipt(args.connection.json, &receipt);
    Ok(exit_code(&receipt))
}

pub(crate) fn send_command(args: &SendArgs) -> anyhow::Result<ExitCode> {
    let Method { contract, method, args: call_args } = &args.call;
    send(&args.connection, &args.signing, vec![action(contract, method, call_args)])
}

pub(crate) fn receipt(args: &ReceiptArgs) -> anyhow::Result<ExitCode> {
    let receipt = Client::new(&args.connection.rpc).call("getTxReceipt", json!({ "hash": args.hash }))?;
    if receipt.is_null() {
        bail!("no transaction {} on the node (neither in a block nor pending)", args.hash);
    }
    print_receipt(args.connection.json, &receipt);
    Ok(exit_code(&receipt))
}

fn action(contract: &str, method: &str, args: &str) -> TxAction {
    TxAction { contract: contract.to_owned(), method: method.to_owned(), args: args.to_owned() }
}

/// `TOKEN:AMOUNT` into an amount limit.
fn amount_limit(text: &str) -> anyhow::Result<AmountLimit> {
    let (token, val) =
        text.split_once(':').with_context(|| format!("--amount-limit {text:?}: write TOKEN:AMOUNT, e.g. iost:100"))?;
    Ok(AmountLimit { token: token.to_owned(), val: val.to_owned() })
}

/// Signs a transaction of `actions`, sends it, and (unless told not to)
/// waits for its receipt and prints it.
fn send(connection: &Connection, signing: &Signing, actions: Vec<TxAction>) -> anyhow::Result<ExitCode> {
    let account =
        signing.account.as_deref().context("name the account you act as: --as <account> (or V8VM_ACCOUNT)")?;
    let (file_account, key) = read_key_file(&signing.keys.join(format!("{account}.json")))?;
    if file_account != account {
        bail!("the key file of {account} is for account {file_account}");
    }
    let client = Client::new(&connection.rpc);
    let info = client.call("getChainInfo", Value::Null)?;
    let chain_id =
        info["chainId"].as_u64().and_then(|id| u32::try_from(id).ok()).context("the node gave no chain id")?;
    let now = now_ns();
    let mut tx = Transaction {
        chain_id,
        time: now,
        expiration: now + 60_000_000_000,
        gas_limit: signing.gas_limit,
        gas_price: signing.gas_price,
        publisher: account.to_owned(),
        actions,
        amount_limit: signing.amount_limit.iter().map(|text| amount_limit(text)).collect::<anyhow::Result<_>>()?,
        signers: Vec::new(),
        signatures: Vec::new(),
    };
    tx.add_signature(key.algorithm(), key.public_key(), key.sign(&tx.hash()));
    let sent = client.call("sendTx", json!({ "raw": hex::encode(tx.encode()) }))?;
    let hash = sent["hash"].as_str().unwrap_or_default().to_owned();
    if signing.no_wait {
        print_value(connection.json, &sent);
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("sent {hash}");
    let started = Instant::now();
    loop {
        let receipt = client.call("getTxReceipt", json!({ "hash": hash }))?;
        if receipt.get("block_number").is_some() {
            print_receipt(connection.json, &receipt);
            return Ok(exit_code(&receipt));
        }
        if started.elapsed() > Duration::from_secs(60) {
            bail!("transaction {hash} is not in a block after 60 s (see `v8vm receipt {hash}`)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn exit_code(receipt: &Value) -> ExitCode {
    if receipt["status"] == "success" {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_value(json: bool, value: &Value) {
    if json {
        println!("{value}");
    } else {
        println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
    }
}

/// A receipt as text: status, block, gas and fee, return, message, then
/// logs, receipts and events.
fn print_receipt(json: bool, receipt: &Value) {
    if json {
        println!("{receipt}");
        return;
    }
    let text = |key: &str| receipt[key].as_str().unwrap_or_default().to_owned();
    let mut head = format!("status: {}", text("status"));
    if let Some(number) = receipt["block_number"].as_u64() {
        head += &format!("  block {number}");
    }
    head += &format!("  gas {}", receipt["gas_used"]);
    if receipt.get("fee").is_some() {
        head += &format!("  fee {} iost", text("fee"));
    }
    println!("{head}");
    if !text("tx_hash").is_empty() {
        println!("tx: {}", text("tx_hash"));
    }
    if !text("return").is_empty() {
        println!("return: {}", text("return"));
    }
    if !text("message").is_empty() {
        println!("message: {}", text("message"));
    }
    let list = |key: &str| receipt[key].as_array().cloned().unwrap_or_default();
    for log in list("logs") {
        println!("log [{}] {}", log["level"].as_str().unwrap_or_default(), log["message"].as_str().unwrap_or_default());
    }
    for entry in list("receipts") {
        println!(
            "receipt {}: {}",
            entry["func_name"].as_str().unwrap_or_default(),
            entry["content"].as_str().unwrap_or_default()
        );
    }
    for event in list("events") {
        println!(
            "event {}: {}",
            event["contract"].as_str().unwrap_or_default(),
            event["content"].as_str().unwrap_or_default()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_limits_parse() {
        assert_eq!(amount_limit("iost:100").unwrap(), AmountLimit { token: "iost".into(), val: "100".into() });
        assert!(amount_limit("iost").is_err());
    }
}
