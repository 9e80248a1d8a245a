//! What every call returns: a receipt, successful or not.

use serde::{Deserialize, Serialize};

/// How a call ended. Spelled in snake_case on the wire (`runtime_error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The method returned; its writes are applied.
    Success,
    /// The contract threw, failed to compile, broke a contract rule, or
    /// misused a host API.
    RuntimeError,
    /// The call used its whole gas limit and was terminated.
    OutOfGas,
    /// The call ran past its deadline and was terminated.
    Timeout,
    /// The call reached the isolate's heap limit and was terminated.
    OutOfMemory,
    /// The arguments do not match the method's ABI.
    InvalidArgs,
    /// The method is not public (not in the ABI, private, or `init`).
    NotFound,
}

impl Status {
    /// The wire spelling, e.g. `runtime_error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Success => "success",
            Status::RuntimeError => "runtime_error",
            Status::OutOfGas => "out_of_gas",
            Status::Timeout => "timeout",
            Status::OutOfMemory => "out_of_memory",
            Status::InvalidArgs => "invalid_args",
            Status::NotFound => "not_found",
        }
    }

    /// Whether the call was stopped by a limit of the machine that ran it
    /// (its deadline, its heap) rather than by its inputs: such an outcome
    /// may differ between nodes, so it never goes into a block.
    pub fn is_resource_failure(self) -> bool {
        matches!(self, Status::Timeout | Status::OutOfMemory)
    }
}

/// Severity of a console line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogLevel {
    /// `console.debug`.
    Debug,
    /// `console.log` and `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error`.
    Error,
}

/// One console line written by the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Log {
    /// Its level.
    pub level: LogLevel,
    /// The formatted text.
    pub message: String,
}

/// An entry appended by `blockchain.receipt(content)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptEntry {
    /// `<contract>/<method>` that wrote it.
    pub func_name: String,
    /// What the contract wrote.
    pub content: String,
}

/// An event emitted by `blockchain.event(content)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The contract that emitted it.
    pub contract: String,
    /// What the contract emitted.
    pub content: String,
}

/// The outcome of a call.
///
/// Receipts and events are kept only on success; logs are kept always, so a
/// failed call can be debugged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// How the call ended.
    pub status: Status,
    /// The method's result as text (empty unless successful).
    #[serde(rename = "return")]
    pub ret: String,
    /// What went wrong, with the contract's file:line:col where known;
    /// empty on success.
    pub message: String,
    /// Console output.
    pub logs: Vec<Log>,
    /// Entries from `blockchain.receipt`.
    pub receipts: Vec<ReceiptEntry>,
    /// Events from `blockchain.event`.
    pub events: Vec<Event>,
    /// Gas used; the whole limit when the call was terminated.
    pub gas_used: u64,
}

/// Longest failure message a receipt keeps, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 2048;

fn clip_message(message: String) -> String {
    if message.len() <= MAX_MESSAGE_BYTES {
        return message;
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &message[..end], message.len())
}

impl Receipt {
    /// A successful receipt returning `ret`, with no output.
    pub fn succeeded(ret: String) -> Receipt {
        Receipt { ret, ..Receipt::failed(Status::Success, String::new()) }
    }

    /// A failed receipt with `message` and no output.
    /// A message longer than [`MAX_MESSAGE_BYTES`] is cut (at a character
    /// boundary) and ends with `…` and its full length: a contract cannot
    /// store megabytes in a receipt by throwing them.
    pub fn failed(status: Status, message: impl Into<String>) -> Receipt {
        Receipt {
            status,
            ret: String::new(),
            message: clip_message(message.into()),
            logs: Vec::new(),
            receipts: Vec::new(),
            events: Vec::new(),
            gas_used: 0,
        }
    }

    /// Whether the call succeeded.
    pub fn is_success(&self) -> bool {
        self.status == Status::Success
    }
}
