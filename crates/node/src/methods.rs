//! The node's JSON-RPC methods (docs/rpc.md): parameters in, JSON out.

use std::net::IpAddr;
use std::sync::Arc;

use serde_json::{json, Map, Value};
use tokio::sync::broadcast;
use v8vm_chain::{ChainError, Requester, Transaction, TxError, TxReceipt};
use v8vm_state::Backend;

use crate::node::{requester, Node, SubmitError};
use crate::rpc::{Api, ApiError, Notification};

/// A transaction refused at the door.
pub const TX_REFUSED: i64 = -32001;
/// The transaction pool cannot take it, or this node takes none.
pub const POOL_REFUSED: i64 = -32002;
/// The node failed (its database or its VM).
pub const NODE_ERROR: i64 = -32003;

/// The methods over a [`Node`].
#[derive(Debug)]
pub struct NodeApi<B: Backend + 'static> {
    node: Arc<Node<B>>,
}

impl<B: Backend + 'static> NodeApi<B> {
    /// The methods of `node`.
    pub fn new(node: Arc<Node<B>>) -> NodeApi<B> {
        NodeApi { node }
    }
}

/// The parameters, an object (or nothing).
struct Params(Map<String, Value>);

impl Params {
    fn new(params: Value) -> Result<Params, ApiError> {
        match params {
            Value::Object(map) => Ok(Params(map)),
            Value::Null => Ok(Params(Map::new())),
            _ => Err(ApiError::invalid_params("params must be an object of named parameters")),
        }
    }

    fn string(&self, name: &str) -> Result<&str, ApiError> {
        match self.0.get(name) {
            Some(Value::String(text)) => Ok(text),
            Some(_) => Err(ApiError::invalid_params(format!("parameter '{name}' must be a string"))),
            None => Err(ApiError::invalid_params(format!("missing parameter '{name}'"))),
        }
    }

    fn optional_string(&self, name: &str) -> Result<Option<&str>, ApiError> {
        if self.0.get(name).is_none_or(Value::is_null) {
            return Ok(None);
        }
        self.string(name).map(Some)
    }

    /// A raw transaction: `raw`, its canonical encoding in hex.
    fn transaction(&self) -> Result<Transaction, ApiError> {
        let raw = self.string("raw")?;
        let bytes =
            hex::decode(raw).map_err(|e| ApiError::invalid_params(format!("parameter 'raw' is not hex: {e}")))?;
        Transaction::decode(&bytes).map_err(|e| ApiError::new(TX_REFUSED, e.to_string()))
    }
}

fn node_error(error: ChainError) -> ApiError {
    ApiError::internal(error.to_string())
}

fn to_value(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("node records serialize")
}

/// A receipt as the methods show it.
fn receipt_json(receipt: &TxReceipt, block_number: Option<u64>) -> Value {
    let mut value = to_value(receipt);
    if let Some(number) = block_number {
        value["block_number"] = json!(number);
    }
    value
}

fn refused(error: TxError) -> ApiError {
    let kind = match &error {
        TxError::Malformed(_) => "malformed",
        TxError::TooLarge(_) => "too_large",
        TxError::WrongChain { .. } => "wrong_chain",
        TxError::Expired { .. } => "expired",
        TxError::Invalid(_) => "invalid",
        TxError::Unauthorized { .. } => "unauthorized",
        TxError::Duplicate(_) => "duplicate",
        TxError::Underfunded { .. } => "underfunded",
        TxError::BadSignature { .. } => "bad_signature",
        TxError::ResourceLimit { .. } => "resource_limit",
        TxError::SetAside(_) => "set_aside",
    };
    ApiError { code: TX_REFUSED, message: error.to_string(), data: Some(json!({ "reason": kind })) }
}

impl<B: Backend + 'static> NodeApi<B> {
    fn send_tx(&self, params: &Params, client: Option<IpAddr>) -> Result<Value, ApiError> {
        let tx = params.transaction()?;
        let hash = tx.hash_hex();
        match self.node.submit(tx, client) {
            Ok(dry_run) => Ok(json!({ "hash": hash, "dry_run": receipt_json(&dry_run, None) })),
            Err(SubmitError::Refused(error)) => Err(refused(error)),
            Err(other) => Err(ApiError::new(POOL_REFUSED, other.to_string())),
        }
    }

    fn get_tx_receipt(&self, params: &Params) -> Result<Value, ApiError> {
        let hash = params.string("hash")?;
        match self.node.chain().receipt(hash).map_err(node_error)? {
            Some((number, receipt)) => Ok(receipt_json(&receipt, Some(number))),
            None if self.node.is_pending(hash) => Ok(json!({ "tx_hash": hash, "status": "pending" })),
            None => Ok(Value::Null),
        }
    }

    fn get_block(&self, params: &Params) -> Result<Value, ApiError> {
        let chain = self.node.chain();
        let block = match (params.0.get("number"), params.optional_string("hash")?) {
            (Some(number), None) => {
                let number = number
                    .as_u64()
                    .ok_or_else(|| ApiError::invalid_params("parameter 'number' must be a non-negative integer"))?;
                chain.block(number).map_err(node_error)?
            }
            (None, Some(hash)) => chain.block_by_hash(hash).map_err(node_error)?,
            _ => return Err(ApiError::invalid_params("give one of 'number' or 'hash'")),
        };
        let Some(block) = block else { return Ok(Value::Null) };
        let mut value = to_value(&block);
        if params.0.get("receipts").and_then(Value::as_bool) == Some(true) {
            let receipts = chain.receipts(block.header.number).map_err(node_error)?;
            value["receipts"] = to_value(&receipts);
        }
        Ok(value)
    }

    fn get_chain_info(&self) -> Value {
        let chain = self.node.chain();
        let head = chain.head();
        json!({
            "chainId": chain.chain_id(),
            "number": head.header.number,
            "hash": head.hash,
            "time": head.header.time,
            "witness": head.header.witness,
            "stateDigest": head.header.state_digest,
            "pendingTxs": self.node.pending(),
            "halted": self.node.halted(),
        })
    }

    fn get_account(&self, params: &Params) -> Result<Value, ApiError> {
        let name = params.string("name")?;
        let Some((account, balance)) = self.node.chain().account(name).map_err(node_error)? else {
            return Ok(Value::Null);
        };
        let mut value = to_value(&account);
        value["balance"] = json!(balance);
        Ok(value)
    }

    fn get_contract(&self, params: &Params) -> Result<Value, ApiError> {
        let id = params.string("id")?;
        let Some(info) = self.node.chain().contract(id).map_err(node_error)? else { return Ok(Value::Null) };
        Ok(json!({ "id": id, "codeHash": info.code_hash, "owner": info.owner, "abi": info.abi }))
    }

    fn get_storage(&self, params: &Params) -> Result<Value, ApiError> {
        let (contract, key) = (params.string("contract")?, params.string("key")?);
        let field = params.optional_string("field")?;
        Ok(json!(self.node.chain().storage(contract, key, field).map_err(node_error)?))
    }

    fn call(&self, params: &Params, requester: Requester) -> Result<Value, ApiError> {
        let (contract, method) = (params.string("contract")?, params.string("method")?);
        let args = match params.0.get("args") {
            None | Some(Value::Null) => "[]".to_owned(),
            Some(Value::String(json)) => json.clone(),
            Some(args @ Value::Array(_)) => args.to_string(),
            Some(_) => return Err(ApiError::invalid_params("parameter 'args' must be an array or its JSON text")),
        };
        let receipt = self.node.chain().query(contract, method, &args, requester).map_err(node_error)?;
        Ok(to_value(&receipt))
    }

    fn estimate_gas(&self, params: &Params, requester: Requester) -> Result<Value, ApiError> {
        let tx = params.transaction()?;
        let receipt = self.node.chain().estimate(&tx, requester).map_err(node_error)?;
        Ok(json!({ "gas_used": receipt.receipt.gas_used, "fee": receipt.fee, "receipt": receipt_json(&receipt, None) }))
    }
}

impl<B: Backend + 'static> Api for NodeApi<B> {
    fn handle(&self, client: Option<IpAddr>, method: &str, params: Value) -> Result<Value, ApiError> {
        let params = Params::new(params)?;
        let requester = requester(client);
        match method {
            "sendTx" => self.send_tx(&params, client),
            "getTxReceipt" => self.get_tx_receipt(&params),
            "getBlock" => self.get_block(&params),
            "getChainInfo" => Ok(self.get_chain_info()),
            "getAccount" => self.get_account(&params),
            "getContract" => self.get_contract(&params),
            "getStorage" => self.get_storage(&params),
            "call" => self.call(&params, requester),
            "estimateGas" => self.estimate_gas(&params, requester),
            other => Err(ApiError::method_not_found(other)),
        }
    }

    fn runs_contracts(&self, method: &str) -> bool {
        matches!(method, "sendTx" | "call" | "estimateGas")
    }

    fn notifications(&self) -> broadcast::Receiver<Notification> {
        self.node.subscribe()
    }
}
