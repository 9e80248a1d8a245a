//! A JSON-RPC client of a node: what the command line and a following node
//! use.

use std::time::Duration;

use serde_json::{json, Value};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The node could not be reached, or did not answer JSON-RPC.
    #[error("cannot reach the node at {url}: {message}")]
    Transport {
        /// The node's address.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The node answered with an error.
    #[error("{message} (error {code})")]
    Rpc {
        /// The JSON-RPC error code.
        code: i64,
        /// The node's message.
        message: String,
        /// Details, if any.
        data: Option<Value>,
    },
}

/// A node's JSON-RPC endpoint.
#[derive(Debug, Clone)]
pub struct Client {
    url: String,
    agent: ureq::Agent,
}

impl Client {
    /// A client of the node at `url` (`http://127.0.0.1:7300`).
    pub fn new(url: &str) -> Client {
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
        Client { url: url.trim_end_matches('/').to_owned(), agent }
    }

    /// The node's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Calls `method` with `params`; returns the result.
    ///
    /// # Errors
    /// The node is unreachable, or answered with an error.
    pub fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        let transport = |message: String| ClientError::Transport { url: self.url.clone(), message };
        let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let response = match self.agent.post(&format!("{}/", self.url)).send_json(request) {
            Ok(response) => response,
            // The body of an HTTP error status may still be a JSON-RPC error.
            Err(ureq::Error::Status(_, response)) => response,
            Err(error) => return Err(transport(error.to_string())),
        };
        let mut body: Value = response.into_json().map_err(|e| transport(format!("not JSON-RPC: {e}")))?;
        if let Some(error) = body.get_mut("error") {
            return Err(ClientError::Rpc {
                code: error["code"].as_i64().unwrap_or_default(),
                message: error["message"].as_str().unwrap_or_default().to_owned(),
                data: error.get_mut("data").map(Value::take),
            });
        }
        body.get_mut("result").map(Value::take).ok_or_else(|| transport("an answer with no result".into()))
    }
}
