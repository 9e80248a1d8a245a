//! The worker pool: threads that each own a sandbox, as many as the load
//! needs between a minimum and a maximum.
//!
//! Requests wait in one queue. A supervisor thread starts a worker when the
//! oldest request has waited longer than `grow_after` (and the pool is below
//! its maximum); a worker that finds no work for `idle_timeout` stops (while
//! the pool is above its minimum). A sandbox that can no longer be trusted
//! is replaced after the job that revealed it, transparently.

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::error::RuntimeError;
use crate::sandbox::{Sandbox, SandboxOptions, THREAD_STACK_BYTES};

/// How long a waiting thread polls before it sleeps: most calls take a few
/// microseconds, and waking a sleeping thread costs tens of them.
const POLL_BEFORE_SLEEP: Duration = Duration::from_micros(50);

/// Settings of the worker pool.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// Workers kept even when idle (at least 1).
    pub min_workers: usize,
    /// Most workers at once.
    pub max_workers: usize,
    /// A request waiting longer than this starts another worker.
    pub grow_after: Duration,
    /// A worker idle this long stops, down to `min_workers`.
    pub idle_timeout: Duration,
    /// Most workers running read-only work at once (queries, estimates, the
    /// door's dry runs, which wait behind block work); `0` means all but one
    /// when there are two workers or more, so that blocks always find one.
    pub max_read_only: usize,
    /// Settings of each worker's sandbox.
    pub sandbox: SandboxOptions,
}

impl PoolConfig {
    /// Most workers running long read-only work at once: all read-only
    /// workers but one, at least one.
    fn max_long_read_only(&self) -> usize {
        self.max_read_only.saturating_sub(1).max(1)
    }
}

impl Default for PoolConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PoolConfig {
            min_workers: 1,
            max_workers: cores,
            grow_after: Duration::from_millis(2),
            idle_timeout: Duration::from_secs(30),
            max_read_only: 0,
            sandbox: SandboxOptions::default(),
        }
    }
}

/// What the pool is doing and has done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PoolMetrics {
    /// Workers running now.
    pub workers: usize,
    /// Workers running a job now.
    pub busy_workers: usize,
    /// Jobs waiting for a worker.
    pub queue_depth: usize,
    /// Jobs run.
    pub jobs: u64,
    /// Contract bundles compiled into a sandbox (a contract new to a worker).
    pub cold_loads: u64,
    /// Of those, compiled from source (no code cache on this node yet).
    pub compiled_from_source: u64,
    /// Sandboxes disposed and replaced (out of memory, terminated, untrusted).
    pub recycled_isolates: u64,
    /// Workers started since the pool began, the first ones included.
    pub workers_started: u64,
    /// Workers stopped for being idle.
    pub workers_retired: u64,
}

/// Which queue a job waits in. Block work (producing and validating blocks)
/// goes first: a worker takes read-only work only when no block work
/// waits, and at most [`PoolConfig::max_read_only`] workers do it at once,
/// so clients asking questions never hold up blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    Block,
    /// Read-only work for a requester, that may use up to so much gas.
    ReadOnly(Requester, u64),
}

/// How many clients' time the pool keeps counting before it forgets those
/// with no work waiting or running.
const MAX_CLIENTS_COUNTED: usize = 10_000;

/// Read-only work that may use more gas than this (a query's cap, about
/// 30 ms at the calibrated ~3 ns a gas) is long: it runs on at most all
/// read-only workers but one, so that short work (a transfer checked at the
/// door, a balance asked) always finds a worker within tens of
/// milliseconds, however many clients keep the others busy with long work.
pub const LONG_READ_ONLY_GAS: u64 = 10_000_000;

/// Who asked for read-only work. The pool runs at most one job of each
/// client at a time, and shares the read-only workers' time fairly: of the
/// clients with work waiting and none running, it serves the one whose
/// jobs have taken the least time so far (oldest job first on a tie). A
/// client that asks for long work (a dry run up to the deadline, a query at
/// the gas cap) holds one read-only worker, never all of them, and a client
/// with many short jobs is not held to one job per long job of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requester {
    /// The node itself, or a program embedding the VM: not limited.
    Local,
    /// A remote client, by an identifier of its own (e.g. its IP address).
    Client(u64),
}

/// A unit of work for one worker's sandbox. It returns the delivery of its
/// result, which the worker makes once its own bookkeeping is done (so a
/// caller that has its answer sees metrics that count it).
type Job = Box<dyn FnOnce(&mut Sandbox) -> Delivery + Send>;
type Delivery = Box<dyn FnOnce() + Send>;

/// A pool of workers, each a thread owning one [`Sandbox`].
#[derive(Debug)]
pub(crate) struct Pool {
    shared: Arc<Shared>,
    supervisor: Option<JoinHandle<()>>,
}

struct Shared {
    config: PoolConfig,
    queue: Mutex<Queue>,
    /// Workers wait here for jobs.
    work: Condvar,
    /// The supervisor waits here for jobs that no idle worker took.
    supervise: Condvar,
    /// Jobs in the queue, readable without the lock (workers poll it).
    queued: AtomicUsize,
    counters: Counters,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared").field("config", &self.config).finish_non_exhaustive()
    }
}

/// The read-only time of one client.
///
/// `used` is what its jobs have taken. A client that starts asking again
/// after a pause starts no lower than `virtual_time`: it is not owed the
/// time it was away. A newcomer starts behind every client waiting or
/// running, one typical job further: a stream of new addresses, each asking
/// once, cannot cut in ahead of the clients being served in turn.
///
/// `typical` is about what its jobs take (halfway between this and its
/// last job's time, after each; a newcomer starts at `typical_job`).
/// Clients waiting are served by the time they will have used once their
/// next job is done (`used + typical`), so at the same level a client of
/// short jobs goes before clients of long ones.
#[derive(Debug, Clone, Copy)]
struct ClientTime {
    used: Duration,
    typical: Duration,
}

#[derive(Default)]
struct Queue {
    /// Block work, then read-only work, each oldest first.
    jobs: VecDeque<(Instant, Job)>,
    read_only: VecDeque<(Instant, Requester, u64, Job)>,
    /// Workers running read-only work now.
    read_only_running: usize,
    /// The clients whose read-only work is running now, and since when.
    clients_running: HashMap<u64, Instant>,
    /// Per client: the time its read-only jobs have taken, and what they
    /// typically take.
    clients: HashMap<u64, ClientTime>,
    /// The most time used by a client when its job was started: it only
    /// grows, so a client that comes back is never put lower than the
    /// clients already served.
    virtual_time: Duration,
    /// About what a read-only job takes (a moving average): what a
    /// newcomer is counted as having taken already.
    typical_job: Duration,
    /// Workers running long read-only work now ([`LONG_READ_ONLY_GAS`]).
    long_running: usize,
    /// Workers alive or starting.
    workers: usize,
    /// Workers waiting for a job.
    idle: usize,
    /// Workers started but not ready yet.
    starting: usize,
    threads: Vec<JoinHandle<()>>,
    shutdown: bool,
}

#[derive(Default)]
struct Counters {
    jobs: AtomicU64,
    cold_loads: AtomicU64,
    compiled_from_source: AtomicU64,
    recycled: AtomicU64,
    started: AtomicU64,
    retired: AtomicU64,
}

impl Pool {
    /// Starts `min_workers` workers (waiting until their sandboxes are
    /// loaded) and the supervisor.
    pub(crate) fn new(mut config: PoolConfig) -> Result<Pool, RuntimeError> {
        config.min_workers = config.min_workers.max(1);
        config.max_workers = config.max_workers.max(config.min_workers);
        if config.max_read_only == 0 {
            config.max_read_only = (config.max_workers - 1).max(1);
        }
        let min_workers = config.min_workers;
        let shared = Arc::new(Shared {
            config,
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            supervise: Condvar::new(),
            queued: AtomicUsize::new(0),
            counters: Counters::default(),
        });
        let mut pool = Pool { shared: Arc::clone(&shared), supervisor: None };
        let mut ready = Vec::new();
        for _ in 0..min_workers {
            let (tx, rx) = mpsc::channel();
            let mut queue = shared.lock();
            start_worker(&shared, &mut queue, Some(tx));
            ready.push(rx);
        }
        for rx in ready {
            rx.recv().map_err(|_| RuntimeError::WorkerStopped)??;
        }
        let supervisor = std::thread::Builder::new()
            .name("v8vm-pool".into())
            .spawn(move || supervise(&shared))
            .expect("spawn the pool supervisor");
        pool.supervisor = Some(supervisor);
        Ok(pool)
    }

    /// Runs `f` on some worker's sandbox and waits for its result.
    ///
    /// # Errors
    /// The pool is shutting down, or the job panicked (a bug in v8vm; the
    /// worker's sandbox is then replaced).
    pub(crate) fn run<T: Send + 'static>(
        &self,
        lane: Lane,
        f: impl FnOnce(&mut Sandbox) -> T + Send + 'static,
    ) -> Result<T, RuntimeError> {
        let (reply, answer) = mpsc::channel();
        let job: Job = Box::new(move |sandbox| {
            let value = f(sandbox);
            Box::new(move || drop(reply.send(value)))
        });
        let started_at_once = self.submit(lane, job)?;
        // Polling pays off only when the answer may come within the poll;
        // a job queued behind others would just burn a core others need.
        let answer = if started_at_once { receive(&answer) } else { answer.recv().ok() };
        answer.ok_or(RuntimeError::WorkerStopped)
    }

    /// Queues `job`; returns whether a worker was free to take it at once.
    fn submit(&self, lane: Lane, job: Job) -> Result<bool, RuntimeError> {
        let mut queue = self.shared.lock();
        if queue.shutdown {
            return Err(RuntimeError::WorkerStopped);
        }
        let free = match lane {
            Lane::Block => {
                queue.jobs.push_back((Instant::now(), job));
                queue.idle >= queue.jobs.len()
            }
            Lane::ReadOnly(requester, gas) => {
                if let Requester::Client(client) = requester {
                    queue.count_client(client);
                }
                let client_free = !queue.client_running(requester);
                queue.read_only.push_back((Instant::now(), requester, gas, job));
                client_free
                    && (gas <= LONG_READ_ONLY_GAS || queue.long_running < self.shared.config.max_long_read_only())
                    && queue.idle >= queue.jobs.len() + queue.read_only.len()
                    && queue.read_only_running + queue.read_only.len() <= self.shared.config.max_read_only
            }
        };
        self.shared.queued.fetch_add(1, Ordering::Release);
        if queue.idle > 0 {
            self.shared.work.notify_one();
        } else {
            self.shared.supervise.notify_one();
        }
        Ok(free)
    }

    pub(crate) fn metrics(&self) -> PoolMetrics {
        let queue = self.shared.lock();
        let counters = &self.shared.counters;
        let running = queue.workers - queue.starting;
        PoolMetrics {
            workers: running,
            busy_workers: running - queue.idle.min(running),
            queue_depth: queue.jobs.len() + queue.read_only.len(),
            jobs: counters.jobs.load(Ordering::Relaxed),
            cold_loads: counters.cold_loads.load(Ordering::Relaxed),
            compiled_from_source: counters.compiled_from_source.load(Ordering::Relaxed),
            recycled_isolates: counters.recycled.load(Ordering::Relaxed),
            workers_started: counters.started.load(Ordering::Relaxed),
            workers_retired: counters.retired.load(Ordering::Relaxed),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let threads = {
            let mut queue = self.shared.lock();
            queue.shutdown = true;
            std::mem::take(&mut queue.threads)
        };
        self.shared.work.notify_all();
        self.shared.supervise.notify_all();
        if let Some(supervisor) = self.supervisor.take() {
            let _ = supervisor.join();
        }
        // Workers started by the supervisor after the take above are in
        // `threads` again.
        let late = std::mem::take(&mut self.shared.lock().threads);
        for thread in threads.into_iter().chain(late) {
            let _ = thread.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Queue {
    /// Whether `requester` is a client with read-only work running.
    fn client_running(&self, requester: Requester) -> bool {
        matches!(requester, Requester::Client(client) if self.clients_running.contains_key(&client))
    }

    /// Counts `client` as asking from now on, if it had nothing waiting or
    /// running. Clients with no work waiting or running are forgotten when
    /// there are many.
    fn count_client(&mut self, client: u64) {
        let waiting = self.read_only.iter().any(|(_, requester, ..)| *requester == Requester::Client(client));
        if waiting || self.clients_running.contains_key(&client) {
            return;
        }
        if self.clients.len() >= MAX_CLIENTS_COUNTED {
            let active: HashSet<u64> = self.waiting_clients().chain(self.clients_running.keys().copied()).collect();
            self.clients.retain(|client, _| active.contains(client));
        }
        let virtual_time = self.virtual_time;
        match self.clients.get_mut(&client) {
            Some(time) => time.used = time.used.max(virtual_time),
            None => {
                let typical = self.typical_job;
                self.clients.insert(client, ClientTime { used: self.back_of_the_round() + typical, typical });
            }
        }
    }

    /// The clients with read-only work waiting.
    fn waiting_clients(&self) -> impl Iterator<Item = u64> + '_ {
        self.read_only.iter().filter_map(|(_, requester, ..)| match requester {
            Requester::Client(client) => Some(*client),
            Requester::Local => None,
        })
    }

    /// The most time any client waiting or running has taken (a running
    /// job counting what it has taken so far), and at least `virtual_time`:
    /// a newcomer starts one typical job behind that, so that newcomers
    /// queue behind each other too, and a client being served in turn
    /// (short jobs, a level close to `virtual_time`) comes before them.
    fn back_of_the_round(&self) -> Duration {
        let used = |client: &u64| self.clients.get(client).map_or(Duration::ZERO, |time| time.used);
        let waiting = self.waiting_clients().map(|client| used(&client));
        let running = self.clients_running.iter().map(|(client, since)| used(client) + since.elapsed());
        waiting.chain(running).fold(self.virtual_time, Duration::max)
    }

    /// The read-only job to run next: of those whose client has none
    /// running (and that are short, if long work has all the workers it may
    /// have), the oldest of the client that will have used the least time
    /// once it is done.
    fn next_read_only(&self, config: &PoolConfig) -> Option<usize> {
        let long_allowed = self.long_running < config.max_long_read_only();
        let done_at = |requester: &Requester| match requester {
            Requester::Local => Duration::ZERO,
            Requester::Client(client) => {
                self.clients.get(client).map_or(self.typical_job, |time| time.used + time.typical)
            }
        };
        self.read_only
            .iter()
            .enumerate()
            .filter(|(_, (_, requester, gas, _))| {
                !self.client_running(*requester) && (long_allowed || *gas <= LONG_READ_ONLY_GAS)
            })
            // The first (oldest) of those that will have used the least.
            .min_by_key(|(place, (_, requester, ..))| (done_at(requester), *place))
            .map(|(place, _)| place)
    }

    /// Counts a read-only job of `requester`, that could use `gas`, as ended
    /// after `took`.
    fn finish_read_only(&mut self, requester: Requester, gas: u64, took: Duration) {
        self.read_only_running -= 1;
        self.long_running -= usize::from(gas > LONG_READ_ONLY_GAS);
        if let Requester::Client(client) = requester {
            self.clients_running.remove(&client);
            let time = self.clients.entry(client).or_insert(ClientTime { used: Duration::ZERO, typical: took });
            time.used += took;
            time.typical = (time.typical + took) / 2;
            self.typical_job = self.typical_job * 7 / 8 + took / 8;
        }
    }
}

/// Starts a worker thread; `ready` hears whether its sandbox loaded.
fn start_worker(shared: &Arc<Shared>, queue: &mut Queue, ready: Option<mpsc::Sender<Result<(), RuntimeError>>>) {
    queue.workers += 1;
    queue.starting += 1;
    shared.counters.started.fetch_add(1, Ordering::Relaxed);
    let thread_shared = Arc::clone(shared);
    let thread = std::thread::Builder::new()
        .name("v8vm-worker".into())
        .stack_size(THREAD_STACK_BYTES)
        .spawn(move || work(&thread_shared, ready))
        .expect("spawn a worker thread");
    queue.threads.retain(|thread| !thread.is_finished());
    queue.threads.push(thread);
}

/// A worker's life: load a sandbox, then run jobs until idle for too long
/// (above the minimum) or the pool shuts down.
fn work(shared: &Shared, ready: Option<mpsc::Sender<Result<(), RuntimeError>>>) {
    let options = &shared.config.sandbox;
    let started = Instant::now();
    let mut sandbox = match Sandbox::new(options) {
        Ok(sandbox) => sandbox,
        Err(error) => {
            tracing::error!(%error, "a worker's sandbox failed to load");
            let mut queue = shared.lock();
            queue.workers -= 1;
            queue.starting -= 1;
            drop(queue);
            if let Some(ready) = ready {
                let _ = ready.send(Err(error));
            }
            return;
        }
    };
    tracing::debug!(load_us = started.elapsed().as_micros() as u64, "worker ready");
    {
        let mut queue = shared.lock();
        queue.starting -= 1;
        queue.idle += 1;
    }
    if let Some(ready) = ready {
        let _ = ready.send(Ok(()));
    }
    while let Some((lane, job)) = next_job(shared) {
        let before = sandbox.stats();
        let started = Instant::now();
        let delivery = catch_unwind(AssertUnwindSafe(|| job(&mut sandbox)));
        let took = started.elapsed();
        let panicked = delivery.is_err();
        let after = sandbox.stats();
        let counters = &shared.counters;
        counters.jobs.fetch_add(1, Ordering::Relaxed);
        counters.cold_loads.fetch_add(after.cold_loads - before.cold_loads, Ordering::Relaxed);
        counters
            .compiled_from_source
            .fetch_add(after.compiled_from_source - before.compiled_from_source, Ordering::Relaxed);
        if panicked || sandbox.needs_replacing() {
            // Drop the old isolate first so both are never alive at once.
            drop(sandbox);
            sandbox = match Sandbox::new(options) {
                Ok(sandbox) => sandbox,
                Err(error) => {
                    tracing::error!(%error, "a worker's replacement sandbox failed to load; the worker stops");
                    let mut queue = shared.lock();
                    queue.workers -= 1;
                    if let Lane::ReadOnly(requester, gas) = lane {
                        queue.finish_read_only(requester, gas, took);
                    }
                    drop(queue);
                    if let Ok(deliver) = delivery {
                        deliver();
                    }
                    return;
                }
            };
            counters.recycled.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(panicked, "sandbox recycled");
        }
        {
            let mut queue = shared.lock();
            queue.idle += 1;
            if let Lane::ReadOnly(requester, gas) = lane {
                queue.finish_read_only(requester, gas, took);
                // Read-only work may have waited for this slot, or for its
                // client's job to end.
                if !queue.read_only.is_empty() {
                    shared.work.notify_one();
                }
            }
        }
        // A panicked job dropped its reply: its caller hears the worker stopped.
        if let Ok(deliver) = delivery {
            deliver();
        }
    }
}

/// The next job for an idle worker, and its lane, or `None` when the worker
/// should stop. Polls briefly before sleeping, so back-to-back requests
/// skip a wake-up.
fn next_job(shared: &Shared) -> Option<(Lane, Job)> {
    let poll_until = Instant::now() + POLL_BEFORE_SLEEP;
    while Instant::now() < poll_until && shared.queued.load(Ordering::Acquire) == 0 {
        // Yield rather than spin: on a busy machine the thread that will
        // submit the next job may need this core.
        std::thread::yield_now();
    }
    let config = &shared.config;
    let mut queue = shared.lock();
    loop {
        if let Some((_, job)) = queue.jobs.pop_front() {
            shared.queued.fetch_sub(1, Ordering::Release);
            queue.idle -= 1;
            return Some((Lane::Block, job));
        }
        if queue.read_only_running < config.max_read_only {
            if let Some(index) = queue.next_read_only(config) {
                let (_, requester, gas, job) = queue.read_only.remove(index).expect("a queued job");
                shared.queued.fetch_sub(1, Ordering::Release);
                queue.idle -= 1;
                queue.read_only_running += 1;
                queue.long_running += usize::from(gas > LONG_READ_ONLY_GAS);
                if let Requester::Client(client) = requester {
                    queue.clients_running.insert(client, Instant::now());
                    let level = queue.clients.get(&client).map_or(Duration::ZERO, |time| time.used);
                    queue.virtual_time = queue.virtual_time.max(level);
                }
                return Some((Lane::ReadOnly(requester, gas), job));
            }
        }
        if queue.shutdown {
            queue.idle -= 1;
            queue.workers -= 1;
            return None;
        }
        let (next, wait) = shared.work.wait_timeout(queue, config.idle_timeout).unwrap_or_else(PoisonError::into_inner);
        queue = next;
        if wait.timed_out() && queue.jobs.is_empty() && queue.read_only.is_empty() && queue.workers > config.min_workers
        {
            queue.idle -= 1;
            queue.workers -= 1;
            shared.counters.retired.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(workers = queue.workers, "idle worker retired");
            return None;
        }
    }
}

/// The supervisor: starts a worker when the oldest queued job has waited
/// `grow_after` and no worker is free or starting.
fn supervise(shared: &Arc<Shared>) {
    let config = &shared.config;
    let mut queue = shared.lock();
    loop {
        if queue.shutdown {
            return;
        }
        // Read-only work that waits for a read-only slot, not for a worker,
        // is no reason to grow.
        let read_only = queue
            .next_read_only(config)
            .filter(|_| queue.read_only_running < config.max_read_only)
            .map(|index| &queue.read_only[index].0);
        let waited = queue.jobs.front().map(|(queued_at, _)| queued_at).or(read_only).map(Instant::elapsed);
        queue = match waited {
            None => shared.supervise.wait(queue).unwrap_or_else(PoisonError::into_inner),
            Some(waited) if waited >= config.grow_after => {
                if queue.workers < config.max_workers && queue.starting == 0 && queue.idle == 0 {
                    start_worker(shared, &mut queue, None);
                    tracing::debug!(workers = queue.workers, waited_us = waited.as_micros() as u64, "pool grows");
                }
                shared.supervise.wait_timeout(queue, config.grow_after).unwrap_or_else(PoisonError::into_inner).0
            }
            Some(waited) => {
                shared
                    .supervise
                    .wait_timeout(queue, config.grow_after - waited)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

/// Receives from `channel`, polling briefly before blocking. `None` if the
/// sender is gone.
fn receive<T>(channel: &mpsc::Receiver<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < POLL_BEFORE_SLEEP {
        match channel.try_recv() {
            Ok(value) => return Some(value),
            Err(mpsc::TryRecvError::Empty) => std::thread::yield_now(),
            Err(mpsc::TryRecvError::Disconnected) => return None,
        }
    }
    channel.recv().ok()
}
