//! Contracts run end to end through a worker: the examples, and hostile
//! contracts that must fail cleanly without harming state or the worker.

mod caching;
mod calls;
mod crypto;
mod depth;
mod determinism;
mod errors;
mod examples;
mod hostile;
mod isolation;
mod manager;
mod metering;
mod numbers;
mod payer;
mod projects;
mod realm;
mod tester;
mod wrappers;
