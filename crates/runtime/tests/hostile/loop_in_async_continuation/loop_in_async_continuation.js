// Threat: an async function that loops after its first await, once the method returned
class LoopInAsyncContinuation {
  init() {}

  attack() {
    (async () => {
      await null;
      for (;;) {}
    })();
    return 'returned';
  }
}

module.exports = LoopInAsyncContinuation;
