//! Integration tests of the state database: a model-based property test,
//! digest order independence, and block commits on both backends.

mod commit;
mod digest;
mod maps;
mod model;
mod tester;
mod threads;
