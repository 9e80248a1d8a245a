//! The compiler end to end: packaging, validation, instrumentation, positions.

mod bundle;
mod cacheable;
mod errors;
mod instrument;
mod memory;
mod tester;
