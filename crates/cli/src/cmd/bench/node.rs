//! The node: a `v8vm node --dev` started as a child process on a temporary
//! folder, loaded from this process over loopback JSON-RPC (bench/rpc.rs).

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};

use anyhow::Context as _;

use super::{rpc, Row};

/// The child node, killed when dropped.
struct ChildNode(Child);

impl Drop for ChildNode {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(super) fn rows(scale: usize) -> anyhow::Result<Vec<Row>> {
    let data = std::env::temp_dir().join(format!("v8vm-bench-node-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut child = Command::new(std::env::current_exe()?)
        .args(["node", "--dev", "--rpc", "127.0.0.1:0", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start a node")?;
    let stdout = child.stdout.take().context("the node's output")?;
    let node = ChildNode(child);
    let url = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.split("JSON-RPC on ").nth(1).and_then(|rest| rest.split(' ').next()).map(str::to_owned))
        .context("the node did not say where it listens")?;
    let rows = rpc::rows(&url, (3000 / scale).max(200), 4);
    drop(node);
    let _ = std::fs::remove_dir_all(&data);
    rows
}
