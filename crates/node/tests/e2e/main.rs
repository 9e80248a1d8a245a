//! End to end through the real HTTP and WebSocket server on loopback: a
//! dev node, the token example deployed and used, failures with their
//! receipts, events pushed to subscribers, `call` and `estimateGas`, a
//! restart on the same data, and a second node validating the first's
//! blocks.

mod harness;

mod node;
