//! The sandbox: LoadVM (isolate, context, class libraries, frozen realm)
//! and the execution of one contract call.

use std::cell::{Cell, RefCell};
use std::num::NonZeroUsize;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lru::LruCache;
use v8vm_compiler::{Abi, AmountLimit, Artifact, ClassShape, BUNDLE_PARAMS};
use v8vm_engine::{
    Arg, CodeCache, Context, EngineError, Function, Isolate, IsolateOptions, JsException, JsValue, Snapshot,
    TerminateHandle, TerminationReason,
};
use v8vm_state::{Changes, Journal, StateView};

use crate::amount::Spend;
use crate::code::{Code, CodeStore};
use crate::contract::{deployment, Contract, Deployment};
use crate::env::CallEnv;
use crate::error::RuntimeError;
use crate::host::{self, Activation, Frame, FrameCell};
use crate::native::{NativeContract, Natives};
use crate::receipt::{Log, Receipt, Status};
use crate::watchdog::Watchdog;

/// The class libraries, run once per context.
pub(crate) const LIBRARY: &str = concat!(
    include_str!("../js/numbers.js"),
    include_str!("../js/sandbox.js"),
    include_str!("../js/builtins.js"),
    include_str!("../js/inventory.js"),
    include_str!("../js/realm.js"),
);
pub(crate) const LIBRARY_NAME: &str = "v8vm:sandbox.js";
/// Largest result a call may return, in bytes.
pub const MAX_RESULT_BYTES: usize = 64 * 1024;
/// Largest argument array a call may pass, in bytes of JSON.
pub const MAX_ARGS_BYTES: usize = 64 * 1024;
/// Most contract calls on the stack at once (`blockchain.call` and
/// `callWithAuth`), the transaction's own call included.
pub const MAX_CALL_DEPTH: usize = 8;
/// Stack a sandbox's thread must leave to JS. A contract's deepest possible
/// stack needs less: 256 nested calls, each a frame the compiler bounds
/// (1,024 values), at most 8,192 arguments (4,096 spread or applied, 4,096
/// bound), and the class libraries' and built-ins' frames between them,
/// about 80 KiB a level, 20 MiB in all (tests/contracts/depth.rs). So every
/// node stops a recursion at the same depth with the same error, whatever
/// its JIT did.
pub const MIN_JS_STACK_BYTES: usize = 32 << 20;
/// Stack of the threads that run sandboxes (the pool's workers, the CLI):
/// [`MIN_JS_STACK_BYTES`] for JS and room for native code. Only what is
/// used is backed by memory.
pub const THREAD_STACK_BYTES: usize = MIN_JS_STACK_BYTES + (8 << 20);
/// The gas limit of a call when the caller names none.
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000;
/// The budget for evaluating a contract's modules to learn its class
/// (when it is deployed; not charged to any call).
const REFLECTION_GAS_LIMIT: u64 = DEFAULT_GAS_LIMIT;
/// Compiled contract bundles a sandbox keeps by default.
pub const DEFAULT_CACHED_BUNDLES: usize = 256;

/// Settings of a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Heap limit of the isolate, in bytes.
    pub heap_limit_bytes: usize,
    /// Run artifacts compiled without gas metering (benchmarks only).
    pub allow_unmetered: bool,
    /// Contract bundles kept compiled in the sandbox, least recently used
    /// evicted first.
    pub cached_bundles: usize,
    /// The node's deployed code, shared by all its sandboxes.
    pub code_store: Arc<CodeStore>,
    /// The node's native contracts.
    pub natives: Natives,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            heap_limit_bytes: 128 << 20,
            allow_unmetered: false,
            cached_bundles: DEFAULT_CACHED_BUNDLES,
            code_store: Arc::new(CodeStore::default()),
            natives: Natives::new(),
        }
    }
}

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Deploy a contract: store its code and run its `init()` once.
    Deploy(Arc<Contract>),
    /// Replace the code of a deployed contract; `init()` does not run
    /// again and its storage stays. If the running code has a
    /// `can_update(data)` method, it decides (it must return `true`);
    /// without one, only the owner may update.
    Update {
        /// The contract with its new code.
        contract: Arc<Contract>,
        /// Passed to `can_update`.
        data: String,
    },
    /// Call a public method of a deployed contract.
    Call {
        /// The contract's name.
        contract: String,
        /// The method.
        method: String,
        /// The arguments, a JSON array.
        args: String,
    },
}

impl Action {
    /// A call of `contract.method` with `args` (a JSON array).
    pub fn call(contract: &str, method: &str, args: &str) -> Action {
        Action::Call { contract: contract.to_owned(), method: method.to_owned(), args: args.to_owned() }
    }

    /// `contract.method`, or `deploy contract` / `update contract`, for
    /// messages.
    pub fn describe(&self) -> String {
        match self {
            Action::Deploy(contract) => format!("deploy {}", contract.name),
            Action::Update { contract, .. } => format!("update {}", contract.name),
            Action::Call { contract, method, .. } => format!("{contract}.{method}"),
        }
    }

    /// The name of the contract the action is about.
    pub fn contract_name(&self) -> &str {
        match self {
            Action::Deploy(contract) | Action::Update { contract, .. } => &contract.name,
            Action::Call { contract, .. } => contract,
        }
    }
}

/// One request to execute.
#[derive(Clone)]
pub struct CallRequest {
    /// Deploy, update or call.
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
    /// A query: any storage write throws in the contract.
    pub read_only: bool,
    /// Bytes of receipts and events earlier actions of the same transaction
    /// emitted (each entry counts its content, its name and 32 bytes): the
    /// cap is per transaction (0 for a transaction's first action).
    pub output_used: usize,
    /// Bytes of console output earlier actions of the transaction wrote.
    pub logs_used: usize,
}

impl std::fmt::Debug for CallRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallRequest")
            .field("action", &self.action)
            .field("env", &self.env)
            .field("gas_limit", &self.gas_limit)
            .field("timeout", &self.timeout)
            .field("read_only", &self.read_only)
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
    /// Tokens the successful call moved out of accounts.
    pub spends: Vec<Spend>,
}

impl Execution {
    fn failed(receipt: Receipt) -> Execution {
        Execution { receipt, writes: Changes::default(), spends: Vec::new() }
    }
}

/// Why a call failed, before it becomes a receipt.
#[derive(Debug)]
struct Failure {
    status: Status,
    message: String,
    gas_used: u64,
    logs: Vec<Log>,
}

impl Failure {
    fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into(), gas_used: 0, logs: Vec::new() }
    }

    /// The state could not be read: the node's problem, reported as such.
    fn state(error: v8vm_state::StateError) -> Failure {
        Failure::new(Status::RuntimeError, format!("state error: {error}"))
    }

    fn into_receipt(self) -> Receipt {
        Receipt { logs: self.logs, gas_used: self.gas_used, ..Receipt::failed(self.status, self.message) }
    }
}

impl From<(Status, String)> for Failure {
    fn from((status, message): (Status, String)) -> Failure {
        Failure::new(status, message)
    }
}

/// How a run went, apart from its outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SandboxStats {
    /// Bundles compiled into this sandbox (a contract seen for the first
    /// time here, or evicted since).
    pub cold_loads: u64,
    /// Of those, compiled from source because this node had no code cache
    /// for them yet.
    pub compiled_from_source: u64,
}

/// Compiles contract bundles into the sandbox's context and hands them to
/// the class libraries. Shared with the host function that starts nested
/// calls, which may need to load a callee in the middle of a call.
pub(crate) struct Loader {
    context: Context,
    entry: Function,
    store: Arc<CodeStore>,
    /// Bundles loaded in this context, least recently used first, by code
    /// hash: the function and the number the class libraries know it by.
    bundles: RefCell<LruCache<String, (Function, u32)>>,
    /// The number the next loaded bundle gets (a number, not the 64-character
    /// hash, crosses into V8 on every call).
    next_id: Cell<u32>,
    /// The node's native contracts.
    natives: Natives,
    /// Loaded bundles whose code has no code cache in the store yet: one is
    /// made after the next successful call, when V8 has compiled the
    /// functions that ran.
    uncached: RefCell<Vec<String>>,
    stats: Cell<SandboxStats>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader").field("bundles", &self.bundles.borrow().len()).finish_non_exhaustive()
    }
}

impl Loader {
    /// The node's code store.
    pub(crate) fn store(&self) -> &CodeStore {
        &self.store
    }

    /// The node's native contracts.
    pub(crate) fn natives(&self) -> &Natives {
        &self.natives
    }

    /// Makes `artifact`'s bundle available to the class libraries, compiling
    /// it (from `code_cache` if given) the first time this sandbox sees it;
    /// returns the number the libraries know it by. `cacheable`: its modules
    /// may be evaluated once and reused.
    pub(crate) fn load(
        &self,
        artifact: &Artifact,
        code_cache: Option<&CodeCache>,
        cacheable: bool,
    ) -> Result<u32, EngineError> {
        let hash = &artifact.code_hash;
        if let Some((_, id)) = self.bundles.borrow_mut().get(hash) {
            return Ok(*id);
        }
        let compiled =
            self.context.compile_function(&artifact.bundle, &bundle_resource(artifact), &BUNDLE_PARAMS, code_cache)?;
        let mut stats = self.stats.get();
        stats.cold_loads += 1;
        if code_cache.is_none() || compiled.cache_rejected {
            stats.compiled_from_source += 1;
            self.uncached.borrow_mut().push(hash.clone());
        }
        self.stats.set(stats);
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let (register, number, cacheable) =
            (JsValue::String("register".into()), JsValue::Number(f64::from(id)), JsValue::Bool(cacheable));
        self.entry.call_with(&[
            Arg::Value(&register),
            Arg::Value(&number),
            Arg::Function(&compiled.function),
            Arg::Value(&cacheable),
        ])?;
        let evicted = self.bundles.borrow_mut().push(hash.clone(), (compiled.function, id));
        if let Some((_, (_, evicted))) = evicted.filter(|(evicted, _)| evicted != hash) {
            self.entry.call(&[JsValue::String("forget".into()), JsValue::Number(f64::from(evicted))])?;
        }
        Ok(id)
    }

    /// After a successful call: gives the store a code cache for each bundle
    /// this sandbox compiled from source, so other workers need not.
    fn share_code_caches(&self) {
        for hash in self.uncached.borrow_mut().drain(..) {
            let Some(loaded) = self.store.cached(&hash) else { continue };
            if loaded.code_cache.get().is_some() {
                continue;
            }
            if let Some(cache) = self.bundles.borrow().peek(&hash).and_then(|(function, _)| function.code_cache()) {
                let _ = loaded.code_cache.set(cache);
            }
        }
    }
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
    loader: Rc<Loader>,
    frame: FrameCell,
    terminate: TerminateHandle,
    isolate: Isolate,
    watchdog: Watchdog,
    heap_limit_bytes: usize,
    allow_unmetered: bool,
    /// A run was terminated or the libraries misbehaved: the isolate is
    /// not to be trusted with another call.
    tainted: bool,
}

impl Sandbox {
    /// LoadVM: creates the isolate and context from the startup snapshot of
    /// the class libraries (hardened, frozen realm included) and connects
    /// the host functions.
    ///
    /// # Errors
    /// The class libraries failed to load (a bug in v8vm, not in a contract).
    pub fn new(options: &SandboxOptions) -> Result<Sandbox, RuntimeError> {
        let snapshot = library_snapshot()?;
        let isolate =
            // Promise jobs run only inside the frame that queued them (js/sandbox.js, "Frames").
            Isolate::new(&IsolateOptions {
                heap_limit_bytes: options.heap_limit_bytes,
                snapshot: Some(snapshot),
                explicit_jobs: true,
            });
        if isolate.js_stack_bytes() < MIN_JS_STACK_BYTES {
            return Err(RuntimeError::StackTooSmall {
                available: isolate.js_stack_bytes(),
                needed: MIN_JS_STACK_BYTES,
            });
        }
        let terminate = isolate.terminate_handle();
        let context = isolate.new_context();
        let frame: FrameCell = Rc::new(RefCell::new(None));
        let bind = context.take_snapshot_function().expect("the library snapshot holds its bind function");
        let host = context.new_host_object(host::functions(&frame, &terminate));
        let engine = context.new_engine_object();
        let entry =
            bind.call_for_function(&[Arg::Object(&host), Arg::Object(&engine)]).map_err(RuntimeError::Library)?;
        let bundles = LruCache::new(NonZeroUsize::new(options.cached_bundles.max(1)).expect("non-zero"));
        let loader = Loader {
            context,
            entry,
            store: Arc::clone(&options.code_store),
            bundles: RefCell::new(bundles),
            next_id: Cell::new(0),
            natives: options.natives.clone(),
            uncached: RefCell::new(Vec::new()),
            stats: Cell::new(SandboxStats::default()),
        };
        Ok(Sandbox {
            loader: Rc::new(loader),
            frame,
            terminate,
            isolate,
            watchdog: Watchdog::new(),
            heap_limit_bytes: options.heap_limit_bytes,
            allow_unmetered: options.allow_unmetered,
            tainted: false,
        })
    }

    /// Whether the isolate should be replaced: it reached its heap limit, a
    /// run was terminated, the class libraries misbehaved, or its heap holds
    /// more than half the limit after the call.
    ///
    /// The last happens after a call that allocated large objects and let
    /// them go (V8 notices only at its next full collection, which an idle
    /// isolate may not run for a long while), or that left memory behind on
    /// objects that outlive calls (a private field added to a frozen
    /// built-in by a class whose `super()` returns it, red team F1c): a later
    /// call on this worker must not start with less room than on a fresh one.
    pub fn needs_replacing(&self) -> bool {
        self.tainted || self.isolate.heap_limit_reached() || self.isolate.used_heap_bytes() > self.heap_limit_bytes / 2
    }

    /// The realm inventory report, as JSON: `unclassified` (built-ins the
    /// inventory does not know, removed), `unreplaced` (`charged` built-ins
    /// still reachable unwrapped), `stale` (inventory entries naming nothing)
    /// and `present` (`removed` entries still there) must all be empty;
    /// `classified` counts the functions found, `charged` lists the paths of
    /// the replaced ones (js/realm.js).
    ///
    /// # Errors
    /// The class libraries failed to answer.
    pub fn realm_inventory(&self) -> Result<String, RuntimeError> {
        match self.loader.entry.call(&[JsValue::String("inventory".into())]) {
            Ok(JsValue::String(report)) => Ok(report),
            Ok(other) => Err(RuntimeError::Library(EngineError::Exception(JsException {
                message: format!("the inventory report is {other:?}"),
                stack: None,
                resource: String::new(),
                line: 0,
                column: 0,
            }))),
            Err(error) => Err(RuntimeError::Library(error)),
        }
    }

    /// What this sandbox has loaded.
    pub fn stats(&self) -> SandboxStats {
        self.loader.stats.get()
    }

    /// The ABI a contract would have once deployed: its ABI file checked
    /// against the class, or the one derived from the class. Evaluates its
    /// modules once, on empty state.
    ///
    /// # Errors
    /// Why evaluating the contract's modules failed (a receipt's message).
    pub fn abi_of(&mut self, contract: &Arc<Contract>) -> Result<Abi, String> {
        let request = CallRequest {
            action: Action::Deploy(Arc::clone(contract)),
            env: neutral_env(),
            state: Arc::new(EmptyState),
            gas_limit: DEFAULT_GAS_LIMIT,
            timeout: Duration::from_secs(5),
            read_only: true,
            output_used: 0,
            logs_used: 0,
        };
        self.reflect(&request, contract, 0).map(|(code, _)| code.abi).map_err(|failure| failure.message)
    }

    /// Executes one request. Never fails: every failure is a receipt.
    pub fn execute(&mut self, request: &CallRequest) -> Execution {
        match self.try_execute(request) {
            Ok(execution) => execution,
            Err(failure) => Execution::failed(failure.into_receipt()),
        }
    }

    fn try_execute(&mut self, request: &CallRequest) -> Result<Execution, Failure> {
        let state = request.state.as_ref();
        let name = request.action.contract_name();
        if let Some(native) = self.loader.natives.get(name).cloned() {
            let Action::Call { method, args, .. } = &request.action else {
                return Err(Failure::new(
                    Status::RuntimeError,
                    format!("'{name}' is a native contract: it cannot be deployed or updated"),
                ));
            };
            return execute_native(request, self.frame(request, method, "", None, Vec::new()), &*native, method, args);
        }
        let deployed = deployment(state, name).map_err(Failure::state)?;
        let publisher = &request.env.tx.publisher;
        let (loaded, owner, method, args, reflected) = match (&request.action, deployed) {
            (Action::Deploy(_), Some(_)) => {
                return Err(Failure::new(Status::RuntimeError, format!("contract '{name}' is already deployed")));
            }
            (Action::Update { .. } | Action::Call { .. }, None) => {
                return Err(Failure::new(Status::NotFound, format!("contract '{name}' is not deployed")));
            }
            (Action::Update { contract, data }, Some(deployed)) => {
                return self.update(request, contract, data, deployed);
            }
            (Action::Deploy(contract), None) => {
                self.check_metered(&contract.artifact)?;
                let (code, used) = self.reflect(request, contract, 0)?;
                if code.class.method("init").is_none() {
                    let message = format!(
                        "{}: the contract class has no init() method (it runs once, at deploy)",
                        contract.artifact.entry
                    );
                    return Err(charge_reflection(
                        Failure::new(Status::RuntimeError, message),
                        used,
                        request.gas_limit,
                    ));
                }
                (self.loader.store.insert(code), publisher.clone(), "init", "[]", used)
            }
            (Action::Call { method, args, .. }, Some(Deployment { code_hash, owner })) => {
                let loaded = self
                    .loader
                    .store
                    .get(&code_hash, |key| state.get(&key.encode()))
                    .map_err(Failure::state)?
                    .ok_or_else(|| Failure::new(Status::RuntimeError, format!("the code of '{name}' is missing")))?;
                self.check_metered(&loaded.code.artifact)?;
                loaded.code.check_call(name, method, args)?;
                (loaded, owner, method.as_str(), args.as_str(), 0)
            }
        };
        let artifact = &loaded.code.artifact;
        let code_cache = loaded.code_cache.get();
        let bundle = self
            .loader
            .load(artifact, code_cache, loaded.cacheable)
            .map_err(|error| self.failure(error, request, &[]))?;
        let amount_limit = loaded.code.abi.method(method).map(|m| m.amount_limit.clone()).unwrap_or_default();
        let frame = self.frame(request, method, &owner, Some(amount_limit), vec![Arc::clone(artifact)]);
        let run = self.run(request, frame, bundle, "call", args, request.gas_limit, reflected);
        let frame = run.frame;
        let failure = match run.outcome {
            Ok(JsValue::String(ret)) if ret.len() > MAX_RESULT_BYTES => Failure::new(
                Status::RuntimeError,
                format!("the result is {} bytes, over the {MAX_RESULT_BYTES}-byte limit", ret.len()),
            ),
            Ok(value) => match frame.check_amount_limit() {
                Err(over) => Failure::new(Status::RuntimeError, over),
                Ok(()) => {
                    self.loader.share_code_caches();
                    let ret = value.as_str().unwrap_or_default().to_owned();
                    let mut journal = frame.journal;
                    host::flush_usage(&mut journal, frame.usage).map_err(Failure::state)?;
                    if let Action::Deploy(_) = request.action {
                        install(&mut journal, name, &loaded.code, &owner);
                    }
                    let receipt = Receipt {
                        logs: frame.logs,
                        receipts: frame.receipts,
                        events: frame.events,
                        gas_used: run.gas_used,
                        ..Receipt::succeeded(ret)
                    };
                    let writes = if request.read_only { Changes::default() } else { journal.into_changes() };
                    return Ok(Execution { receipt, writes, spends: frame.spends });
                }
            },
            Err(error) => self.run_failure(error, request, &frame),
        };
        Err(Failure { gas_used: run.gas_used, logs: frame.logs, ..failure })
    }

    /// Replaces the code of contract `contract.name`, deployed as
    /// `deployed`, if its running code's `can_update(data)` returns true
    /// (or, without one, if the publisher is its owner).
    fn update(
        &mut self,
        request: &CallRequest,
        contract: &Contract,
        data: &str,
        deployed: Deployment,
    ) -> Result<Execution, Failure> {
        let name = &contract.name;
        let publisher = &request.env.tx.publisher;
        self.check_metered(&contract.artifact)?;
        let running = self
            .loader
            .store
            .get(&deployed.code_hash, |key| request.state.get(&key.encode()))
            .map_err(Failure::state)?
            .ok_or_else(|| Failure::new(Status::RuntimeError, format!("the code of '{name}' is missing")))?;
        let mut receipt = Receipt::succeeded(String::new());
        if running.code.class.method("can_update").is_some() {
            let artifact = &running.code.artifact;
            let bundle = self
                .loader
                .load(artifact, running.code_cache.get(), running.cacheable)
                .map_err(|error| self.failure(error, request, &[]))?;
            let frame =
                self.frame(request, "can_update", &deployed.owner, Some(Vec::new()), vec![Arc::clone(artifact)]);
            let args = serde_json::to_string(&[data]).expect("a string serializes");
            let run = self.run(request, frame, bundle, "call", &args, request.gas_limit, 0);
            let failure = match run.outcome {
                Ok(JsValue::String(verdict)) if verdict == "true" => None,
                Ok(other) => Some(Failure::new(
                    Status::RuntimeError,
                    format!(
                        "contract '{name}' refused the update: can_update returned {}",
                        other.as_str().unwrap_or("nothing")
                    ),
                )),
                Err(error) => Some(self.run_failure(error, request, &run.frame)),
            };
            if let Some(failure) = failure {
                return Err(Failure { gas_used: run.gas_used, logs: run.frame.logs, ..failure });
            }
            receipt = Receipt { gas_used: run.gas_used, logs: run.frame.logs, ..receipt };
        } else if deployed.owner != *publisher {
            return Err(Failure::new(
                Status::RuntimeError,
                format!(
                    "only the owner of contract '{name}' ({}) may update it, not {publisher} \
                     (a contract with a can_update(data) method decides for itself)",
                    deployed.owner
                ),
            ));
        }
        // Reading the new code's class is charged on top of can_update's
        // gas, whether it succeeds or not.
        let (code, used) = self.reflect(request, contract, receipt.gas_used).map_err(|failure| Failure {
            gas_used: (failure.gas_used + receipt.gas_used).min(request.gas_limit),
            ..failure
        })?;
        receipt.gas_used += used;
        let mut writes = Journal::new(Arc::clone(&request.state));
        install(&mut writes, name, &code, &deployed.owner);
        self.loader.store.insert(code);
        Ok(Execution { receipt, writes: writes.into_changes(), spends: Vec::new() })
    }

    fn check_metered(&self, artifact: &Artifact) -> Result<(), Failure> {
        if artifact.metered || self.allow_unmetered {
            return Ok(());
        }
        Err(Failure::new(
            Status::RuntimeError,
            "this artifact was compiled without gas metering: it runs only in benchmarks",
        ))
    }

    /// Learns the class of `contract` by evaluating its modules, and the ABI
    /// in force; also returns the gas that evaluation used, which the
    /// deploy or update is charged. It runs under its own fixed budget,
    /// whatever the transaction's limit (see [`charge_reflection`]).
    fn reflect(&mut self, request: &CallRequest, contract: &Contract, spent: u64) -> Result<(Code, u64), Failure> {
        // The modules run on empty state in a neutral environment, and
        // afresh every time (never from the code store): the class must be a
        // function of the code alone. Otherwise a top level that reads the
        // block or state, or a node that saw the code before, could make
        // nodes disagree on a contract's methods or on a failed deploy's gas.
        let request =
            &CallRequest { env: neutral_env(), state: Arc::new(EmptyState), read_only: true, ..request.clone() };
        let artifact = &contract.artifact;
        let cacheable = v8vm_compiler::check_cacheable(artifact).is_ok();
        let bundle = self.loader.load(artifact, None, cacheable).map_err(|error| self.failure(error, request, &[]))?;
        let frame = self.frame(request, "", "", None, vec![Arc::clone(artifact)]);
        // Metered within what the transaction has left (after `spent`), so
        // no node works for gas nobody pays; the environment still shows
        // the fixed budget, so the class cannot depend on the limit.
        let budget = request.gas_limit.saturating_sub(spent).min(REFLECTION_GAS_LIMIT);
        let run = self.run(request, frame, bundle, "abi", "[]", REFLECTION_GAS_LIMIT, REFLECTION_GAS_LIMIT - budget);
        let used = run.gas_used - (REFLECTION_GAS_LIMIT - budget);
        let shape = match run.outcome {
            Ok(JsValue::String(json)) => json,
            Ok(other) => return Err(self.library_fault(format!("describe() returned {other:?}"))),
            Err(error) => {
                let failure = self.run_failure(error, request, &run.frame);
                return Err(charge_reflection(failure, used, request.gas_limit - spent));
            }
        };
        let class: ClassShape = serde_json::from_str(&shape)
            .map_err(|e| self.library_fault(format!("describe() returned a class shape that does not parse: {e}")))?;
        let abi = match &artifact.abi {
            Some(abi) => {
                abi.check_class(&class).map_err(|e| {
                    let message = format!("the ABI does not match {}: {e}", artifact.entry);
                    charge_reflection(Failure::new(Status::RuntimeError, message), used, request.gas_limit - spent)
                })?;
                abi.clone()
            }
            None => Abi::derive(&class, &artifact.jsdoc),
        };
        Ok((Code { artifact: Arc::clone(artifact), class, abi }, used))
    }

    /// A fresh frame for `method` of the request's contract, deployed by
    /// `owner`, running `artifacts` (its own code first).
    fn frame(
        &self,
        request: &CallRequest,
        method: &str,
        owner: &str,
        amount_limit: Option<Vec<AmountLimit>>,
        artifacts: Vec<Arc<Artifact>>,
    ) -> Frame {
        Frame {
            env: request.env.clone(),
            journal: Journal::new(Arc::clone(&request.state)),
            read_only: request.read_only,
            stack: vec![Activation {
                contract: request.action.contract_name().to_owned(),
                method: method.to_owned(),
                owner: owner.to_owned(),
                caller: request.env.caller.clone(),
                authorities: Vec::new(),
                undo: None,
                amount_limit,
                spends_from: 0,
            }],
            artifacts,
            loader: Rc::clone(&self.loader),
            logs: Vec::new(),
            log_bytes: request.logs_used,
            receipts: Vec::new(),
            events: Vec::new(),
            output_bytes: request.output_used,
            written_bytes: 0,
            gas_reported: None,
            out_of_gas_at: None,
            usage: std::collections::BTreeMap::new(),
            spends: Vec::new(),
        }
    }

    /// Runs the libraries' entry point in `frame`, for the method of its
    /// top activation in its first artifact (loaded as bundle number
    /// `bundle`), under the gas limit and the deadline.
    /// Runs `kind` of the class libraries' entry under `gas_limit`, of
    /// which `spent` was used already (reading the class at deploy): the
    /// run's gas includes it.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        request: &CallRequest,
        mut frame: Frame,
        bundle: u32,
        kind: &str,
        args: &str,
        gas_limit: u64,
        spent: u64,
    ) -> Run {
        frame.env.tx.gas_limit = gas_limit;
        let artifact = Arc::clone(&frame.artifacts[0]);
        let method = frame.top().method.clone();
        *self.frame.borrow_mut() = Some(frame);
        let [kind, entry, method, args] = [kind, &artifact.entry, &method, args].map(|s| JsValue::String(s.to_owned()));
        let meter = gas_limit.saturating_sub(spent);
        let (bundle, meter_value) = (JsValue::Number(f64::from(bundle)), JsValue::Number(meter as f64));
        let outcome = {
            let _armed = self.watchdog.arm(&self.terminate, request.timeout);
            self.loader.entry.call(&[kind, bundle, entry, method, args, meter_value])
        };
        let frame = self.frame.borrow_mut().take().expect("the frame is set for the call");
        let gas_used = match (&outcome, frame.gas_reported) {
            // A terminated call is charged its whole limit.
            (Err(EngineError::Terminated(_)), _) => {
                self.tainted = true;
                gas_limit
            }
            // Reported as the run ended, whether it returned or threw.
            (_, Some(reported)) => (spent + reported).min(gas_limit),
            _ => match self.loader.entry.call(&[JsValue::String("gas".into())]) {
                Ok(JsValue::Number(used)) => (spent + used.max(0.0) as u64).min(gas_limit),
                _ => {
                    self.tainted = true;
                    gas_limit
                }
            },
        };
        Run { outcome, frame, gas_used }
    }

    /// The class libraries broke their own contract: a bug in v8vm. The
    /// call fails and the isolate is replaced.
    fn library_fault(&mut self, what: String) -> Failure {
        self.tainted = true;
        Failure::new(Status::RuntimeError, format!("internal error in the sandbox: {what}"))
    }

    /// Why a run in `frame` failed; running out of gas says where.
    fn run_failure(&self, error: EngineError, request: &CallRequest, frame: &Frame) -> Failure {
        let mut failure = self.failure(error, request, &frame.artifacts);
        if let (Status::OutOfGas, Some(at)) = (failure.status, &frame.out_of_gas_at) {
            failure.message = format!("{} at {at}", failure.message);
        }
        failure
    }

    fn failure(&self, error: EngineError, request: &CallRequest, artifacts: &[Arc<Artifact>]) -> Failure {
        match error {
            EngineError::Exception(exception) => {
                Failure::new(Status::RuntimeError, describe_exception(&exception, artifacts))
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

/// What one run of the entry point gave.
struct Run {
    outcome: Result<JsValue, EngineError>,
    frame: Frame,
    gas_used: u64,
}

/// Runs a transaction's call of a native contract in `frame`.
fn execute_native(
    request: &CallRequest,
    mut frame: Frame,
    native: &dyn NativeContract,
    method: &str,
    args: &str,
) -> Result<Execution, Failure> {
    let name = request.action.contract_name();
    let outcome = host::call_native(&mut frame, native, name, method, args);
    if outcome.gas > request.gas_limit {
        let message = format!("out of gas: the call used its whole gas limit of {}", request.gas_limit);
        return Err(Failure { gas_used: request.gas_limit, ..Failure::new(Status::OutOfGas, message) });
    }
    let ret = outcome.result.map_err(|refused| Failure { gas_used: outcome.gas, ..Failure::from(refused) })?;
    let mut journal = frame.journal;
    host::flush_usage(&mut journal, frame.usage).map_err(Failure::state)?;
    let receipt =
        Receipt { receipts: frame.receipts, events: frame.events, gas_used: outcome.gas, ..Receipt::succeeded(ret) };
    let writes = if request.read_only { Changes::default() } else { journal.into_changes() };
    Ok(Execution { receipt, writes, spends: frame.spends })
}

/// Charges a deploy or update that failed after its modules were evaluated
/// to read its class, `used` gas into that evaluation, under `gas_limit`,
/// what the transaction had left for it.
///
/// Every deploy or update evaluates the modules afresh, on every node, so
/// the evaluation is charged, like a call that failed the same way when it
/// fails (docs/gas.md): otherwise a module that loops, fills the heap or
/// throws at load would make every node do up to `REFLECTION_GAS_LIMIT` of
/// work per transaction, for free.
fn charge_reflection(failure: Failure, used: u64, gas_limit: u64) -> Failure {
    match failure.status {
        // Terminated: charged in full.
        Status::OutOfGas if gas_limit > REFLECTION_GAS_LIMIT => {
            let message = format!(
                "out of gas: evaluating the contract's modules used the whole {REFLECTION_GAS_LIMIT} gas a deploy \
                 allows them"
            );
            Failure { gas_used: gas_limit, ..Failure::new(Status::OutOfGas, message) }
        }
        Status::OutOfGas | Status::Timeout | Status::OutOfMemory => Failure { gas_used: gas_limit, ..failure },
        // The evaluation alone cost more than the transaction may spend.
        _ if used > gas_limit => Failure {
            gas_used: gas_limit,
            ..Failure::new(Status::OutOfGas, format!("out of gas: the call used its whole gas limit of {gas_limit}"))
        },
        _ => Failure { gas_used: used, ..failure },
    }
}

/// Records contract `name` as running `code`, deployed by `owner`; stores
/// the code itself unless it is there already (under its hash).
fn install(journal: &mut Journal, name: &str, code: &Code, owner: &str) {
    let hash = &code.artifact.code_hash;
    if !matches!(journal.get(&Code::key(hash)), Ok(Some(_))) {
        journal.put(&Code::key(hash), code.to_bytes());
    }
    let record = Deployment { code_hash: hash.clone(), owner: owner.to_owned() };
    journal.put(&Deployment::key(name), record.to_bytes());
}

/// The startup snapshot of the class libraries, made once per process.
fn library_snapshot() -> Result<Snapshot, RuntimeError> {
    static SNAPSHOT: OnceLock<Result<Snapshot, EngineError>> = OnceLock::new();
    SNAPSHOT.get_or_init(|| Snapshot::create(LIBRARY, LIBRARY_NAME)).clone().map_err(RuntimeError::Library)
}

/// The script name of a bundle in stack traces (mapped back before anyone sees it).
pub(crate) fn bundle_resource(artifact: &Artifact) -> String {
    format!("v8vm:bundle/{}", artifact.code_hash)
}

/// `Error: boom at src/token.js:12:5`: the error's header (the start of its
/// stack, else V8's message without "Uncaught"), located at the innermost
/// frame in the contract's own files. Stacks come already mapped to those
/// files (the class libraries format them); other exceptions are located
/// through the artifact.
fn describe_exception(exception: &JsException, artifacts: &[Arc<Artifact>]) -> String {
    let header = exception.stack.as_deref().map(|stack| stack.split("\n    at ").next().unwrap_or(stack));
    let message = header.unwrap_or_else(|| exception.message.strip_prefix("Uncaught ").unwrap_or(&exception.message));
    let in_stack = exception.stack.as_deref().and_then(contract_location);
    let located = in_stack.or_else(|| {
        let artifact = artifacts.iter().find(|artifact| exception.resource == bundle_resource(artifact))?;
        let at = artifact.locate(exception.line, exception.column)?;
        Some(format!("{}:{}:{}", at.file, at.line, at.column))
    });
    match located {
        Some(at) => format!("{message} at {at}"),
        None => message.to_owned(),
    }
}

/// The innermost frame of `stack` (as the class libraries format stacks)
/// in the contract's own files: `file:line:col`.
pub(crate) fn contract_location(stack: &str) -> Option<String> {
    stack.split("\n    at ").skip(1).find_map(|frame| {
        let location = frame.rsplit_once(" (").map_or(frame, |(_, inside)| inside.trim_end_matches(')'));
        (!location.starts_with("v8vm:") && location.matches(':').count() >= 2).then(|| location.to_owned())
    })
}

/// Where a contract's class is read: block 0 at time 0, signed by nobody.
fn neutral_env() -> CallEnv {
    let block = crate::BlockInfo { number: 0, parent_hash: String::new(), witness: String::new(), time: 0 };
    CallEnv::signed_by("", block, String::new())
}

/// State with nothing in it, for reading a contract's class.
struct EmptyState;

impl StateView for EmptyState {
    fn get(&self, _key: &[u8]) -> Result<Option<v8vm_state::Value>, v8vm_state::StateError> {
        Ok(None)
    }

    fn scan(&self, _prefix: &[u8], _visit: &mut v8vm_state::Visitor<'_>) -> Result<(), v8vm_state::StateError> {
        Ok(())
    }
}
