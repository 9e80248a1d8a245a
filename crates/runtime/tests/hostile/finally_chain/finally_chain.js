// Threat: the functions Promise.prototype.finally makes call onFinally
// themselves, natively. Captured (a thenable hands them over) and each made
// the next one's onFinally, they chain 300,000 native levels with no
// counted frame, the contract's function at the bottom running at depth 2;
// whether the chain fits depends on V8's stack, so on the worker.
function wrap(onFinally) {
  let captured;
  Promise.prototype.finally.call({ then(onFulfilled) { captured = onFulfilled; return 0; } }, onFinally);
  return captured;
}
class FinallyChain {
  init() {}

  attack() {
    let reached = 0;
    let f = () => {
      reached++;
      return 0;
    };
    for (let i = 0; i < 300000; i++) f = wrap(f);
    try {
      f();
      return `${reached} reached the bottom`;
    } catch (e) {
      return `${reached}: ${e.message}`;
    }
  }
}

module.exports = FinallyChain;
