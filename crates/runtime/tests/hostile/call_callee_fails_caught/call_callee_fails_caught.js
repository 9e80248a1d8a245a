// Threat: a callee writes, emits and fails; the caller catches and carries on
class CallCalleeFailsCaught {
  init() {}

  attack() {
    try {
      blockchain.call('flaky', 'fail', []);
    } catch (e) {
      return `caught: ${e.message}`;
    }
    return 'not caught';
  }
}

module.exports = CallCalleeFailsCaught;
