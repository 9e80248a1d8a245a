//! The sandbox: LoadVM (isolate, context, class libraries, frozen realm)
//! and the execution of one contract call.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use v8vm_compiler::{Abi, Artifact, ClassShape, BUNDLE_PARAMS};
use v8vm_engine::{
    Arg, Context, EngineError, Function, Isolate, IsolateOptions, JsException, JsValue, TerminateHandle,
    TerminationReason,
};
use v8vm_state::{Changes, Journal, StateView};

use crate::contract::{deployment, Contract, Deployment};
use crate::env::{CallEnv, TxInfo};
use crate::error::RuntimeError;
use crate::host::{self, Frame, FrameCell};
use crate::receipt::{Log, Receipt, Status};
use crate::watchdog::Watchdog;

/// The class libraries, run once per context.
const LIBRARY: &str = include_str!("../js/sandbox.js");
const LIBRARY_NAME: &str = "v8vm:sandbox.js";
/// Largest result a call may return, in bytes.
pub const MAX_RESULT_BYTES: usize = 64 * 1024;
/// Largest argument array a call may pass, in bytes of JSON.
pub const MAX_ARGS_BYTES: usize = 64 * 1024;
/// The gas limit of a call when the caller names none.
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000;
/// The budget for evaluating a contract's modules to learn its class
/// (once per sandbox and code hash; not charged to any call).
const REFLECTION_GAS_LIMIT: u64 = DEFAULT_GAS_LIMIT;
/// Compiled bundles kept per sandbox before the cache is emptied.
const MAX_CACHED_BUNDLES: usize = 256;

/// Settings of a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Heap limit of the isolate, in bytes.
    pub heap_limit_bytes: usize,
    /// Run artifacts compiled without gas metering (benchmarks only).
    pub allow_unmetered: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions { heap_limit_bytes: 128 << 20, allow_unmetered: false }
    }
}

/// What a request asks the contract to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Deploy it: run `init()` once.
    Deploy,
    /// Call a public method with a JSON array of arguments.
    Call {
        /// The method.
        method: String,
        /// The arguments, a JSON array.
        args: String,
    },
}

/// One contract call to execute.
#[derive(Clone)]
pub struct CallRequest {
    /// The contract.
    pub contract: Arc<Contract>,
    /// Deploy or call.
    pub action: Action,
    /// The block and transaction.
    pub env: CallEnv,
    /// The state the call reads (committed state and the block's earlier
    /// transactions); the call never changes it, it returns its changes.
    pub state: Arc<dyn StateView>,
    /// Most gas the call may use ([`DEFAULT_GAS_LIMIT`] is a sensible default).
    pub gas_limit: u64,
    /// Wall-clock deadline of the call: a backstop, not consensus.
    pub timeout: Duration,
}

impl std::fmt::Debug for CallRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallRequest")
            .field("contract", &self.contract.name)
            .field("action", &self.action)
            .field("env", &self.env)
            .field("gas_limit", &self.gas_limit)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The result of a call: its receipt, and the changes to apply to state
/// (empty unless the call succeeded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Execution {
    /// The receipt.
    pub receipt: Receipt,
    /// The changes of a successful call.
    pub writes: Changes,
}

impl Execution {
    fn failed(receipt: Receipt) -> Execution {
        Execution { receipt, writes: Changes::default() }
    }
}

/// Why a call failed, before it becomes a receipt.
#[derive(Debug)]
struct Failure {
    status: Status,
    message: String,
    gas_used: u64,
}

impl Failure {
    fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into(), gas_used: 0 }
    }

    /// The state could not be read: the node's problem, reported as such.
    fn state(error: v8vm_state::StateError) -> Failure {
        Failure::new(Status::RuntimeError, format!("state error: {error}"))
    }

    /// The failed receipt, with the console output the call made.
    fn into_receipt(self, logs: Vec<Log>) -> Receipt {
        Receipt { logs, gas_used: self.gas_used, ..Receipt::failed(self.status, self.message) }
    }
}

/// A compiled bundle and what is known of its class.
#[derive(Debug)]
struct Bundle {
    function: Function,
    /// The class's methods and the ABI in force, once reflected.
    interface: Option<Rc<Interface>>,
}

#[derive(Debug)]
struct Interface {
    class: ClassShape,
    abi: Abi,
}

/// An isolate with the class libraries loaded, ready to run contract calls
/// one after another on the current thread, each under a gas limit and a
/// deadline.
///
/// The realm is frozen after the libraries load and each call evaluates
/// fresh instances of the contract's modules, so a call cannot see anything
/// an earlier call left behind.
#[derive(Debug)]
pub struct Sandbox {
    // Fields drop in order: functions and the context before the isolate.
    bundles: HashMap<String, Bundle>,
    entry: Function,
    frame: FrameCell,
    context: Context,
    terminate: TerminateHandle,
    isolate: Isolate,
    watchdog: Watchdog,
    heap_limit_bytes: usize,
    allow_unmetered: bool,
}

impl Sandbox {
    /// LoadVM: creates the isolate and context, installs the host functions,
    /// runs the class libraries and freezes the realm.
    ///
    /// # Errors
    /// The class libraries failed to load (a bug in v8vm, not in a contract).
    pub fn new(options: &SandboxOptions) -> Result<Sandbox, RuntimeError> {
        let isolate = Isolate::new(&IsolateOptions { heap_limit_bytes: options.heap_limit_bytes });
        let terminate = isolate.terminate_handle();
        let context = isolate.new_context();
        let frame: FrameCell = Rc::new(RefCell::new(None));
        context.set_host_object("__v8vm_ops", host::functions(&frame, &terminate));
        let library = context.compile_function(LIBRARY, LIBRARY_NAME, &[], None).map_err(RuntimeError::Library)?;
        let entry = library.function.call_for_function(&[]).map_err(RuntimeError::Library)?;
        Ok(Sandbox {
            bundles: HashMap::new(),
            entry,
            frame,
            context,
            terminate,
            isolate,
            watchdog: Watchdog::new(),
            heap_limit_bytes: options.heap_limit_bytes,
            allow_unmetered: options.allow_unmetered,
        })
    }

    /// Whether the isolate should be replaced (it reached its heap limit).
    pub fn needs_replacing(&self) -> bool {
        self.isolate.heap_limit_reached()
    }

    /// The ABI a contract would have once deployed: its ABI file checked
    /// against the class, or the one derived from the class. Evaluates its
    /// modules once, on empty state.
    ///
    /// # Errors
    /// Why evaluating the contract's modules failed (a receipt's message).
    pub fn abi_of(&mut self, contract: &Arc<Contract>) -> Result<Abi, String> {
        let block = crate::BlockInfo { number: 0, parent_hash: String::new(), witness: String::new(), time: 0 };
        let request = CallRequest {
            contract: Arc::clone(contract),
            action: Action::Deploy,
            env: CallEnv::signed_by("", block, String::new()),
            state: Arc::new(EmptyState),
            gas_limit: DEFAULT_GAS_LIMIT,
            timeout: Duration::from_secs(5),
        };
        self.interface(&request, "").map(|interface| interface.abi.clone()).map_err(|failure| failure.message)
    }

    /// Executes one request. Never fails: every failure is a receipt.
    pub fn execute(&mut self, request: &CallRequest) -> Execution {
        match self.try_execute(request) {
            Ok(execution) => execution,
            Err(failure) => Execution::failed(failure.into_receipt(Vec::new())),
        }
    }

    fn try_execute(&mut self, request: &CallRequest) -> Result<Execution, Failure> {
        let contract = &request.contract;
        if !contract.artifact.metered && !self.allow_unmetered {
            return Err(Failure::new(
                Status::RuntimeError,
                "this artifact was compiled without gas metering: it runs only in benchmarks",
            ));
        }
        let (method, args, owner) = match &request.action {
            Action::Deploy => {
                if deployment(request.state.as_ref(), &contract.name).map_err(Failure::state)?.is_some() {
                    return Err(Failure::new(
                        Status::RuntimeError,
                        format!("contract '{}' is already deployed", contract.name),
                    ));
                }
                ("init", "[]".to_owned(), request.env.tx.publisher.clone())
            }
            Action::Call { method, args } => {
                let Some(Deployment { owner, .. }) =
                    deployment(request.state.as_ref(), &contract.name).map_err(Failure::state)?
                else {
                    return Err(Failure::new(
                        Status::NotFound,
                        format!("contract '{}' is not deployed", contract.name),
                    ));
                };
                (method.as_str(), args.clone(), owner)
            }
        };
        let interface = self.interface(request, &owner)?;
        let args = match &request.action {
            Action::Deploy => {
                if interface.class.method("init").is_none() {
                    return Err(Failure::new(
                        Status::RuntimeError,
                        format!(
                            "{}: the contract class has no init() method (it runs once, at deploy)",
                            contract.artifact.entry
                        ),
                    ));
                }
                args
            }
            Action::Call { .. } => check_call(contract, &interface, method, &args)?,
        };

        let (outcome, frame, gas_used) = self.run(request, &owner, method, "call", &args, request.gas_limit);
        let failure = match outcome {
            Ok(JsValue::String(ret)) if ret.len() > MAX_RESULT_BYTES => Failure {
                gas_used,
                ..Failure::new(
                    Status::RuntimeError,
                    format!("the result is {} bytes, over the {MAX_RESULT_BYTES}-byte limit", ret.len()),
                )
            },
            Ok(value) => {
                let ret = value.as_str().unwrap_or_default().to_owned();
                let mut journal = frame.journal;
                if request.action == Action::Deploy {
                    let record = Deployment { code_hash: contract.code_hash().to_owned(), owner: owner.clone() };
                    journal.put(&Deployment::key(&contract.name), record.to_bytes());
                }
                let writes = journal.into_changes();
                let receipt = Receipt {
                    status: Status::Success,
                    ret,
                    message: String::new(),
                    logs: frame.logs,
                    receipts: frame.receipts,
                    events: frame.events,
                    gas_used,
                };
                return Ok(Execution { receipt, writes });
            }
            Err(error) => Failure { gas_used, ..self.failure(error, request) },
        };
        Ok(Execution::failed(failure.into_receipt(frame.logs)))
    }

    /// The class and ABI of the request's contract, compiling and reflecting
    /// it the first time this sandbox sees its code.
    fn interface(&mut self, request: &CallRequest, owner: &str) -> Result<Rc<Interface>, Failure> {
        let artifact = &request.contract.artifact;
        if let Some(interface) = self.bundles.get(&artifact.code_hash).and_then(|b| b.interface.clone()) {
            return Ok(interface);
        }
        if !self.bundles.contains_key(&artifact.code_hash) {
            if self.bundles.len() >= MAX_CACHED_BUNDLES {
                self.bundles.clear();
            }
            let compiled = self
                .context
                .compile_function(&artifact.bundle, &bundle_resource(artifact), &BUNDLE_PARAMS, None)
                .map_err(|error| self.failure(error, request))?;
            self.bundles.insert(artifact.code_hash.clone(), Bundle { function: compiled.function, interface: None });
        }
        // Reflecting the class is the sandbox's business, not the call's: it
        // runs under its own fixed budget, so whether a worker had to do it
        // (a cold cache) never changes a receipt.
        let (outcome, _frame, _gas) = self.run(request, owner, "", "abi", "[]", REFLECTION_GAS_LIMIT);
        let shape = match outcome {
            Ok(JsValue::String(json)) => json,
            Ok(other) => unreachable!("describe() returns a string, got {other:?}"),
            Err(error) => return Err(self.failure(error, request)),
        };
        let class: ClassShape = serde_json::from_str(&shape).expect("describe() output parses");
        let abi = match &artifact.abi {
            Some(abi) => {
                abi.check_class(&class).map_err(|e| {
                    Failure::new(Status::RuntimeError, format!("the ABI does not match {}: {e}", artifact.entry))
                })?;
                abi.clone()
            }
            None => Abi::derive(&class, &artifact.jsdoc),
        };
        let interface = Rc::new(Interface { class, abi });
        if let Some(bundle) = self.bundles.get_mut(&artifact.code_hash) {
            bundle.interface = Some(Rc::clone(&interface));
        }
        Ok(interface)
    }

    /// Runs the library's entry point for the request's bundle under the
    /// gas limit and the deadline, with a fresh frame; returns the outcome,
    /// the frame and the gas used.
    fn run(
        &mut self,
        request: &CallRequest,
        owner: &str,
        method: &str,
        kind: &str,
        args: &str,
        gas_limit: u64,
    ) -> (Result<JsValue, EngineError>, Frame, u64) {
        let contract = &request.contract;
        *self.frame.borrow_mut() = Some(Frame {
            contract: contract.name.clone(),
            method: method.to_owned(),
            owner: owner.to_owned(),
            artifact: Arc::clone(&contract.artifact),
            env: CallEnv { tx: TxInfo { gas_limit, ..request.env.tx.clone() }, ..request.env.clone() },
            journal: Journal::new(Arc::clone(&request.state)),
            logs: Vec::new(),
            log_bytes: 0,
            receipts: Vec::new(),
            events: Vec::new(),
            output_bytes: 0,
            written_bytes: 0,
        });
        let bundle = &self.bundles[contract.code_hash()].function;
        let [kind, entry, method, args] =
            [kind, &contract.artifact.entry, method, args].map(|s| JsValue::String(s.to_owned()));
        let gas_limit_value = JsValue::Number(gas_limit as f64);
        let outcome = {
            let _armed = self.watchdog.arm(&self.terminate, request.timeout);
            self.entry.call_with(&[
                Arg::Value(&kind),
                Arg::Function(bundle),
                Arg::Value(&entry),
                Arg::Value(&method),
                Arg::Value(&args),
                Arg::Value(&gas_limit_value),
            ])
        };
        let frame = self.frame.borrow_mut().take().expect("the frame is set for the call");
        let gas_used = match outcome {
            // A terminated call is charged its whole limit.
            Err(EngineError::Terminated(_)) => gas_limit,
            _ => match self.entry.call(&[JsValue::String("gas".into())]) {
                Ok(JsValue::Number(used)) => (used.max(0.0) as u64).min(gas_limit),
                other => unreachable!("entry('gas') returns a number, got {other:?}"),
            },
        };
        (outcome, frame, gas_used)
    }

    fn failure(&self, error: EngineError, request: &CallRequest) -> Failure {
        match error {
            EngineError::Exception(exception) => {
                Failure::new(Status::RuntimeError, describe_exception(&exception, &request.contract.artifact))
            }
            EngineError::Terminated(TerminationReason::OutOfGas) => Failure::new(
                Status::OutOfGas,
                format!("out of gas: the call used its whole gas limit of {}", request.gas_limit),
            ),
            EngineError::Terminated(TerminationReason::Timeout) => Failure::new(
                Status::Timeout,
                format!("execution timed out: the call ran past its {} ms deadline", request.timeout.as_millis()),
            ),
            EngineError::Terminated(TerminationReason::OutOfMemory) => Failure::new(
                Status::OutOfMemory,
                format!("out of memory: the call reached the {} MiB heap limit", self.heap_limit_bytes >> 20),
            ),
            EngineError::Conversion => {
                Failure::new(Status::RuntimeError, "the call produced a value that cannot be converted")
            }
        }
    }
}

/// The script name of a bundle in stack traces (mapped back before anyone sees it).
fn bundle_resource(artifact: &Artifact) -> String {
    format!("v8vm:bundle/{}", &artifact.code_hash[..16.min(artifact.code_hash.len())])
}

/// Checks that `method` is public and `args` fit its ABI; returns the
/// normalised arguments.
fn check_call(contract: &Contract, interface: &Interface, method: &str, args: &str) -> Result<String, Failure> {
    if method == "init" {
        return Err(Failure::new(Status::NotFound, "init() runs only once, at deploy, and cannot be called"));
    }
    if args.len() > MAX_ARGS_BYTES {
        return Err(Failure::new(
            Status::InvalidArgs,
            format!("the arguments are {} bytes, over the {MAX_ARGS_BYTES}-byte limit", args.len()),
        ));
    }
    let Some(abi_method) = interface.abi.method(method) else {
        let public: Vec<&str> = interface.abi.abi.iter().map(|m| m.name.as_str()).collect();
        return Err(Failure::new(
            Status::NotFound,
            format!("method '{method}' is not public in contract '{}' (public: {})", contract.name, public.join(", ")),
        ));
    };
    let params = interface.class.method(method).and_then(|m| m.params.as_deref());
    abi_method.check_args(args, params).map_err(|message| Failure::new(Status::InvalidArgs, message))
}

/// `Error: boom at src/token.js:12:5`: the error's header (the start of its
/// stack, else V8's message without "Uncaught"), located at the innermost
/// frame in the contract's own files. Stacks come already mapped to those
/// files (the class libraries format them); other exceptions are located
/// through the artifact.
fn describe_exception(exception: &JsException, artifact: &Artifact) -> String {
    let header = exception.stack.as_deref().map(|stack| stack.split("\n    at ").next().unwrap_or(stack));
    let message = header.unwrap_or_else(|| exception.message.strip_prefix("Uncaught ").unwrap_or(&exception.message));
    let in_stack = exception.stack.as_deref().and_then(|stack| {
        stack.split("\n    at ").skip(1).find_map(|frame| {
            let location = frame.rsplit_once(" (").map_or(frame, |(_, inside)| inside.trim_end_matches(')'));
            (!location.starts_with("v8vm:") && location.matches(':').count() >= 2).then(|| location.to_owned())
        })
    });
    let located = in_stack.or_else(|| {
        let bundle = exception.resource == bundle_resource(artifact) && exception.line > 0;
        let at = artifact.locate(exception.line, exception.column).filter(|_| bundle)?;
        Some(format!("{}:{}:{}", at.file, at.line, at.column))
    });
    match located {
        Some(at) => format!("{message} at {at}"),
        None => message.to_owned(),
    }
}

/// State with nothing in it, for learning a contract's ABI.
struct EmptyState;

impl StateView for EmptyState {
    fn get(&self, _key: &[u8]) -> Result<Option<v8vm_state::Value>, v8vm_state::StateError> {
        Ok(None)
    }

    fn scan(&self, _prefix: &[u8], _visit: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), v8vm_state::StateError> {
        Ok(())
    }
}
