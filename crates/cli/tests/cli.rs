//! The `v8vm` binary as a developer uses it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo(relative: &str) -> String {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
        .display()
        .to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("v8vm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `v8vm args...`; returns (exit code, stdout, stderr).
fn v8vm(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_v8vm")).args(args).output().expect("v8vm runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Runs with `--json` and parses the one JSON object it prints.
fn v8vm_json(args: &[&str]) -> (i32, Value) {
    let mut args = args.to_vec();
    args.push("--json");
    let (code, stdout, stderr) = v8vm(&args);
    assert_eq!(stdout.lines().count(), 1, "exactly one line of JSON: {stdout}{stderr}");
    (code, serde_json::from_str(&stdout).expect("stdout is JSON"))
}

#[test]
fn hello_runs_with_human_output() {
    let (code, stdout, _) = v8vm(&["run", &repo("examples/hello.js"), "hello", r#"["world"]"#]);
    assert_eq!(code, 0);
    assert!(stdout.contains("call hello.hello: success"), "{stdout}");
    assert!(stdout.contains("return: hello, world"), "{stdout}");
    assert!(stdout.contains("log [info] greeting world (#1)"), "{stdout}");
}

#[test]
fn json_output_has_the_documented_fields() {
    let (code, out) = v8vm_json(&["run", &repo("examples/token.js"), "transfer", r#"["admin","bob","5"]"#]);
    assert_eq!(code, 0);
    for field in ["status", "return", "message", "logs", "receipts", "events", "gas_used"] {
        assert!(out.get(field).is_some(), "missing {field}: {out}");
    }
    assert_eq!(out["status"], "success");
    assert_eq!(out["deploy"]["status"], "success", "the first run deploys");
    assert_eq!(out["receipts"][0]["func_name"], "token/transfer");
}

#[test]
fn the_state_database_keeps_state_and_deployments_between_runs() {
    let dir = temp_dir("state");
    let state = dir.join("db").display().to_string();
    let token = repo("examples/token.js");
    let run = |args: &[&str]| {
        let mut all = vec!["run", token.as_str()];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--db", &state]);
        v8vm_json(&all)
    };
    let (code, first) = run(&["transfer", r#"["admin","bob","100"]"#]);
    assert_eq!((code, first["deploy"]["status"].as_str()), (0, Some("success")));
    let (code, second) = run(&["transfer", r#"["admin","bob","20"]"#]);
    assert_eq!(code, 0);
    assert!(second.get("deploy").is_none(), "init runs once per name");
    let (_, balance) = run(&["balanceOf", r#"["bob"]"#]);
    assert_eq!(balance["return"], "120");

    // A failed call is recorded in a block but leaves the state (its digest) as it was.
    let digest = || {
        let (code, stdout, stderr) = v8vm(&["state", "--db", &state, "digest"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("recomputed from scratch: the same"), "{stdout}");
        let line = |prefix: &str| stdout.lines().find_map(|l| l.strip_prefix(prefix)).unwrap().to_owned();
        (line("height "), line("digest "))
    };
    let (height_before, before) = digest();
    let (code, failed) = run(&["transfer", r#"["admin","bob","99999999999"]"#]);
    assert_eq!((code, failed["status"].as_str()), (1, Some("runtime_error")));
    assert!(failed["message"].as_str().unwrap().contains("insufficient balance"), "{failed}");
    let (height_after, after) = digest();
    assert_eq!(after, before);
    assert_ne!(height_after, height_before);
    let (code, stdout, _) = v8vm(&["state", "--db", &state, "keys", "token", "balances"]);
    assert_eq!((code, stdout.as_str()), (0, "admin\nbob\n"));
    let (code, stdout, _) = v8vm(&["state", "--db", &state, "get", "token", "balances", "bob"]);
    assert_eq!((code, stdout.as_str()), (0, "120\n"));

    // Editing the contract keeps its state and says so.
    let edited = dir.join("token.js");
    std::fs::write(&edited, std::fs::read_to_string(&token).unwrap().replace("'V8T'", "'V8X'")).unwrap();
    let edited = edited.display().to_string();
    // `--state` is an alias of `--db`.
    let (code, stdout, stderr) = v8vm(&["run", &edited, "balanceOf", r#"["bob"]"#, "--state", &state]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("update token: success"), "{stdout}");
    assert!(stdout.contains("return: 120"), "{stdout}");
    assert!(
        stderr.contains("changed since 'token' was deployed: updating its code (init does not run again"),
        "{stderr}"
    );
    // The update is done: the next run has nothing to update.
    let (code, stdout, stderr) = v8vm(&["run", &edited, "balanceOf", r#"["bob"]"#, "--db", &state]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(!stdout.contains("update"), "{stdout}");

    // The same file under another name is another contract.
    let (_, other) = v8vm_json(&["run", &token, "balanceOf", r#"["bob"]"#, "--db", &state, "--name", "token2"]);
    assert_eq!((other["return"].as_str(), other["deploy"]["status"].as_str()), (Some("0"), Some("success")));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn failed_calls_exit_1_with_their_status() {
    let token = repo("examples/token.js");
    let (code, out) = v8vm_json(&["run", &token, "transfer", r#"["admin", 5, "1"]"#]);
    assert_eq!((code, out["status"].as_str()), (1, Some("invalid_args")));
    assert_eq!(out["message"], "argument 2 (to) of transfer: expected string, got number");
    let (code, out) = v8vm_json(&["run", &token, "steal", "[]"]);
    assert_eq!((code, out["status"].as_str()), (1, Some("not_found")));
    let loops = repo("crates/runtime/tests/hostile/loops.js");
    let (code, out) = v8vm_json(&["run", &loops, "plain", "--timeout-ms", "50", "--gas-limit", "1000000000000"]);
    assert_eq!((code, out["status"].as_str()), (1, Some("timeout")));
    let (code, out) = v8vm_json(&["run", &loops, "plain", "--gas-limit", "50000"]);
    assert_eq!((code, out["status"].as_str(), out["gas_used"].as_u64()), (1, Some("out_of_gas"), Some(50000)));
    let bombs = repo("crates/runtime/tests/hostile/bombs.js");
    let (code, out) = v8vm_json(&[
        "run",
        &bombs,
        "arrays",
        "--heap-limit-mb",
        "32",
        "--timeout-ms",
        "20000",
        "--gas-limit",
        "1000000000",
    ]);
    assert_eq!((code, out["status"].as_str()), (1, Some("out_of_memory")));
}

#[test]
fn bad_usage_exits_2_with_a_clear_message() {
    let (code, _, stderr) = v8vm(&["run", "no/such/contract.js", "hello"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read contract no/such/contract.js"), "{stderr}");

    let dir = temp_dir("usage");

    let (code, _, stderr) = v8vm(&["run", &repo("examples/hello.js"), "hello", "--name", "bad name"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid contract name \"bad name\""), "{stderr}");

    let (code, _, _) = v8vm(&["run", &repo("examples/hello.js"), "hello", "--timeout-ms", "0"]);
    assert_eq!(code, 2);
    let (code, _, _) = v8vm(&["frobnicate"]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn compile_errors_exit_1_located_in_the_developers_files() {
    let dir = temp_dir("compile");
    let abi = dir.join("bad.abi");
    std::fs::write(&abi, r#"{"abi":[{"name":"hello","args":["float"]}]}"#).unwrap();
    let (code, _, stderr) = v8vm(&["run", &repo("examples/hello.js"), "hello", "--abi", &abi.display().to_string()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("bad.abi: invalid ABI: unknown variant `float`"), "{stderr}");

    let broken = dir.join("broken.js");
    std::fs::write(&broken, "class B {\n  init() { return 1 +; }\n}\nmodule.exports = B;\n").unwrap();
    let broken = broken.display().to_string();
    let (code, _, stderr) = v8vm(&["compile", &broken]);
    assert_eq!(code, 1);
    assert_eq!(stderr.trim(), "broken.js:2:22: Unexpected token");
    let (code, out) = v8vm_json(&["run", &broken, "init"]);
    assert_eq!(code, 1);
    assert_eq!(out["status"], "compile_error");
    assert_eq!(out["errors"][0]["line"], 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn compiled_artifacts_run_like_their_source() {
    let dir = temp_dir("artifact");
    let artifact = dir.join("token.artifact.json").display().to_string();
    let (code, stdout, stderr) = v8vm(&["compile", &repo("examples/token.js"), "-o", &artifact]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("transfer(string, string, string)"), "{stdout}");
    let (code, from_artifact) = v8vm_json(&["run", &artifact, "transfer", r#"["admin","bob","5"]"#]);
    let (_, from_source) = v8vm_json(&["run", &repo("examples/token.js"), "transfer", r#"["admin","bob","5"]"#]);
    assert_eq!(code, 0);
    assert_eq!(from_artifact, from_source, "same receipts, same gas");
    assert!(from_artifact["gas_used"].as_u64().unwrap() > 0);

    // A tampered artifact is refused.
    let text = std::fs::read_to_string(&artifact).unwrap().replace("insufficient balance", "sufficient balance");
    std::fs::write(&artifact, text).unwrap();
    let (code, _, stderr) = v8vm(&["run", &artifact, "supply"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("artifact code hash mismatch"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn batch_prints_one_receipt_per_line_and_the_same_bytes_for_any_workers() {
    let dir = temp_dir("batch");
    let lines = [
        format!(r#"{{"deploy": "{}", "name": "token"}}"#, repo("examples/token.js")),
        format!(r#"{{"deploy": "{}"}}"#, repo("examples/hello.js")),
        r#"{"call": "token", "method": "transfer", "args": ["admin", "bob", "10"]}"#.to_owned(),
        r#"{"call": "token", "method": "transfer", "args": ["bob", "carol", "100"], "publisher": "bob"}"#.to_owned(),
        r#"{"call": "hello", "method": "hello", "args": ["x"], "gas_limit": 50}"#.to_owned(),
        r#"{"call": "token", "method": "balanceOf", "args": ["bob"]}"#.to_owned(),
    ];
    let file = dir.join("block.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let file = file.display().to_string();
    let (code, one, stderr) = v8vm(&["batch", &file, "--workers", "1"]);
    assert_eq!(code, 0, "{stderr}");
    let output: Vec<Value> = one.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let statuses: Vec<&str> = output[..6].iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["success", "success", "success", "runtime_error", "out_of_gas", "success"]);
    assert_eq!(output[5]["return"], "10");
    assert_eq!(output[6]["digest"].as_str().unwrap().len(), 64);
    let (code, four, stats) = v8vm(&["batch", &file, "--workers", "4", "--stats"]);
    assert_eq!(code, 0);
    assert_eq!(four, one, "byte-identical for any number of workers");
    let stats: Value = serde_json::from_str(stats.trim()).expect("--stats prints the metrics as JSON");
    assert_eq!((stats["calls"].as_u64(), stats["workers"].as_u64()), (Some(6), Some(4)));

    // With a database the batch is the next block, over the state so far.
    let db = dir.join("db").display().to_string();
    let (_, first, _) = v8vm(&["batch", &file, "--db", &db]);
    assert_eq!(first, one);
    std::fs::write(dir.join("more.jsonl"), r#"{"call": "token", "method": "balanceOf", "args": ["bob"]}"#).unwrap();
    let (code, second, _) = v8vm(&["batch", &dir.join("more.jsonl").display().to_string(), "--db", &db]);
    assert_eq!(code, 0);
    assert!(second.starts_with(r#"{"status":"success","return":"10""#), "{second}");
}

#[test]
fn batch_input_errors_name_the_line() {
    let dir = temp_dir("batch-errors");
    let file = dir.join("bad.jsonl");
    std::fs::write(&file, "{\"call\": \"token\", \"method\": \"transfer\"}\n{\"call\": \"token\", \"methd\": \"x\"}\n")
        .unwrap();
    let (code, stdout, stderr) = v8vm(&["batch", &file.display().to_string()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "nothing runs: {stdout}");
    assert!(stderr.contains("bad.jsonl:2: invalid call line: unknown field `methd`"), "{stderr}");
}

/// A `v8vm node --dev` process, killed when dropped.
struct DevNode {
    child: std::process::Child,
    url: String,
    keys: String,
}

impl DevNode {
    fn start(data: &Path) -> DevNode {
        use std::io::BufRead as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_v8vm"))
            .args(["node", "--dev", "--data", &data.display().to_string(), "--rpc", "127.0.0.1:0"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the node starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(stdout).lines();
        let url = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| line.split("JSON-RPC on ").nth(1).map(|rest| rest.split(' ').next().unwrap().to_owned()))
            .expect("the node prints its address");
        DevNode { child, url, keys: data.join("keys").display().to_string() }
    }

    /// Runs a client command against the node.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let mut all = args.to_vec();
        all.extend(["--rpc", &self.url]);
        if ["send", "deploy", "account"].contains(&args[0]) && args.get(1) != Some(&"show") {
            all.extend(["--keys", &self.keys]);
        }
        v8vm(&all)
    }
}

impl Drop for DevNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_dev_node_takes_deploys_and_transactions_from_the_command_line() {
    let data = temp_dir("node");
    let node = DevNode::start(&data);
    let (code, stdout, stderr) = node.run(&["deploy", &repo("examples/token.js"), "--as", "alice", "--json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let deployed: Value = serde_json::from_str(&stdout).unwrap();
    let token = deployed["return"].as_str().unwrap().to_owned();
    assert!(token.starts_with("Contract"), "{deployed}");

    let (code, stdout, _) = node.run(&["send", &token, "transfer", r#"["alice","bob","250"]"#, "--as", "alice"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("status: success"), "{stdout}");
    assert!(stdout.contains(r#"event "#), "{stdout}");
    let (code, stdout, _) = node.run(&["call", &token, "balanceOf", r#"["bob"]"#]);
    assert_eq!((code, stdout.contains("return: 250")), (0, true), "{stdout}");

    // A failed transaction exits 1 with its receipt; its hash finds it again.
    let (code, stdout, stderr) = node.run(&["send", &token, "transfer", r#"["alice","bob","1"]"#, "--as", "bob"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("message: Error: transfer: alice did not sign this transaction at token.js:30:13"),
        "{stdout}"
    );
    let hash = stderr.trim().strip_prefix("sent ").unwrap().to_owned();
    let (code, stdout, _) = node.run(&["receipt", &hash, "--json"]);
    assert_eq!(code, 1);
    let receipt: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((receipt["status"].as_str(), receipt["tx_hash"].as_str()), (Some("runtime_error"), Some(hash.as_str())));

    // A new account, its key file, and a transaction it signs.
    let (code, stdout, stderr) = node.run(&["account", "new", "dave", "--as", "alice"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(data.join("keys/dave.json").exists());
    // Without an amount limit, a transaction moves none of its signer's tokens.
    let (code, stdout, _) =
        node.run(&["send", "token.iost", "transfer", r#"["iost","alice","dave","10",""]"#, "--as", "alice"]);
    assert_ne!(code, 0, "{stdout}");
    assert!(stdout.contains("moves 10 iost out of alice's account, and its amount limit lists no iost"), "{stdout}");
    let iost = ["--amount-limit", "iost:10"];
    node.run(
        &[&["send", "token.iost", "transfer", r#"["iost","alice","dave","10",""]"#, "--as", "alice"], &iost[..]]
            .concat(),
    );
    let (code, stdout, _) = node.run(
        &[&["send", "token.iost", "transfer", r#"["iost","dave","bob","1",""]"#, "--as", "dave"], &iost[..]].concat(),
    );
    assert_eq!(code, 0, "{stdout}");
    let (_, stdout, _) = node.run(&["account", "show", "dave", "--json"]);
    let dave: Value = serde_json::from_str(&stdout).unwrap();
    assert!(dave["balance"].as_str().unwrap().starts_with("8.99"), "{dave}");

    // Bad usage: a clear message, exit 2.
    let (code, _, stderr) = node.run(&["send", &token, "transfer", "[]"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("name the account you act as: --as <account>"), "{stderr}");
    let (code, _, stderr) = node.run(&["send", &token, "transfer", "[]", "--as", "nobody"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read key file"), "{stderr}");
    drop(node);
    let _ = std::fs::remove_dir_all(&data);
}
