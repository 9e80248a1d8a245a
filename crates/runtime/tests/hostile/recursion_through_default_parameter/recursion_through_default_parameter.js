// Threat: recursion through a parameter default, which runs before the function's body counts the call: only V8's stack limit, whose depth depends on the JIT, would stop it (red team F2)
function dive(n, deeper = dive(n + 1)) {
  return deeper;
}

class RecursionThroughDefaultParameter {
  init() {}

  attack() {
    return dive(0);
  }
}

module.exports = RecursionThroughDefaultParameter;
