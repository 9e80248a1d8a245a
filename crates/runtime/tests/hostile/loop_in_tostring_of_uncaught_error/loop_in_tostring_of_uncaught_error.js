// Threat: an endless toString on a thrown error, run when the runtime formats the uncaught error's stack
class LoopInTostringOfUncaughtError {
  init() {}

  attack() {
    class Sticky extends Error {
      toString() {
        for (;;) {}
      }
    }
    throw new Sticky('formatted by the runtime');
  }
}

module.exports = LoopInTostringOfUncaughtError;
