//! Running calls through [`Api::handle`](crate::Api::handle): the worker cap,
//! the deadline, panics, and one log line per call.

use std::sync::Arc;

use futures_util::future::join_all;
use serde_json::Value;
use tokio::time::{timeout_at, Instant};

use super::envelope::{self, Call, Entry, Incoming, Response};
use super::error::RpcError;
use super::{client_key, Caller, Shared};

/// One entry of a body or frame, on its way to a response.
#[derive(Debug)]
pub(crate) enum Job {
    /// Answered already; `None` for a notification (no response).
    Done(Option<Response>),
    /// To run through `Api::handle`.
    Call(Call),
}

impl Job {
    /// An entry's job, when the transport has nothing special to do with it.
    pub(crate) fn from_entry(entry: Entry) -> Job {
        match entry {
            Entry::Call(call) => Job::Call(call),
            Entry::Invalid { id, error } => {
                let object = error.to_object(None);
                tracing::debug!(code = object.code(), "rpc invalid request");
                Job::Done(Some(Response::error(id, object)))
            }
        }
    }

    /// A call answered by the transport itself; `None` for a notification.
    pub(crate) fn answered(call: &Call, outcome: Result<Value, RpcError>) -> Job {
        let outcome = outcome.map_err(|e| e.to_object(Some(&call.method)));
        match &outcome {
            Ok(_) => tracing::debug!(method = %call.method, "rpc ok"),
            Err(e) => tracing::debug!(method = %call.method, code = e.code(), "rpc error"),
        }
        Job::Done(call.id.clone().map(|id| match outcome {
            Ok(result) => Response::result(id, result),
            Err(error) => Response::error(id, error),
        }))
    }
}

/// Runs the jobs concurrently (each call bounded by the worker cap and the
/// deadline) and returns the responses in input order, notifications left out.
pub(crate) async fn run(shared: &Arc<Shared>, caller: &Caller, jobs: Vec<Job>, deadline: Instant) -> Vec<Response> {
    let answers = join_all(jobs.into_iter().map(|job| async move {
        match job {
            Job::Done(response) => response,
            Job::Call(call) => run_call(shared, caller, call, deadline).await,
        }
    }))
    .await;
    answers.into_iter().flatten().collect()
}

/// The text to send back for the responses to one body or frame: `None`
/// when there is nothing to send (only notifications).
pub(crate) fn reply(incoming_was_batch: bool, mut responses: Vec<Response>) -> Option<String> {
    if incoming_was_batch {
        (!responses.is_empty()).then(|| envelope::to_json(&responses))
    } else {
        responses.pop().map(|r| envelope::to_json(&r))
    }
}

/// Splits parsed input into jobs with `f`, remembering whether it was a batch.
pub(crate) fn jobs(incoming: Incoming, mut f: impl FnMut(Entry) -> Job) -> (bool, Vec<Job>) {
    match incoming {
        Incoming::Single(entry) => (false, vec![f(entry)]),
        Incoming::Batch(entries) => (true, entries.into_iter().map(f).collect()),
    }
}

/// Runs one call and logs it.
async fn run_call(shared: &Arc<Shared>, caller: &Caller, call: Call, deadline: Instant) -> Option<Response> {
    let started = Instant::now();
    let Call { id, method, params } = call;
    let outcome = call_api(shared, caller, &method, params, deadline).await;
    let elapsed = started.elapsed();
    match outcome {
        Ok(result) => {
            tracing::debug!(method = %method, ?elapsed, "rpc ok");
            id.map(|id| Response::result(id, result))
        }
        Err(e) => {
            let error = e.to_object(Some(&method));
            tracing::debug!(method = %method, ?elapsed, code = error.code(), "rpc error");
            id.map(|id| Response::error(id, error))
        }
    }
}

/// `Api::handle` on a blocking thread, once the client's turn for one of
/// the server's worker permits comes, within the deadline; a panic becomes
/// an error.
async fn call_api(
    shared: &Arc<Shared>,
    caller: &Caller,
    method: &str,
    params: Value,
    deadline: Instant,
) -> Result<Value, RpcError> {
    let limit = shared.limits.request_timeout;
    // The client's own permit first: its calls wait among themselves, not
    // for the server's workers.
    let client_permit = match &caller.calls {
        Some(calls) => match timeout_at(deadline, Arc::clone(calls).acquire_owned()).await {
            Ok(Ok(permit)) => Some(permit),
            Ok(Err(_)) | Err(_) => return Err(RpcError::Busy(limit)),
        },
        None => None,
    };
    let workers = if shared.api.runs_contracts(method) { &shared.contract_calls } else { &shared.reads };
    let Ok(permit) = timeout_at(deadline, workers.acquire(caller.address.map(client_key))).await else {
        return Err(RpcError::Busy(limit));
    };
    let api = Arc::clone(&shared.api);
    let method = method.to_owned();
    // The permit moves into the blocking task: it is held for as long as the
    // thread runs, even after the deadline has answered the client.
    let client = caller.address;
    let task = tokio::task::spawn_blocking(move || {
        let _permits = (permit, client_permit);
        api.handle(client, &method, params)
    });
    match timeout_at(deadline, task).await {
        Err(_) => Err(RpcError::TimedOut(limit)),
        Ok(Err(join)) if join.is_panic() => Err(RpcError::WorkerFailed(format!("panic: {}", panic_text(join)))),
        Ok(Err(join)) => Err(RpcError::WorkerFailed(join.to_string())),
        Ok(Ok(result)) => result.map_err(RpcError::Api),
    }
}

/// The text of a panic's payload, when it has one.
fn panic_text(join: tokio::task::JoinError) -> String {
    let payload = join.into_panic();
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}
