// Threat: spreading thousands of values into one call: the stack V8 needs for them depends on where the call is
class SpreadHugeCall {
  init() {}

  attack() {
    const a = [];
    for (let i = 0; i < 5000; i++) a.push(i);
    return Math.max(...a);
  }
}

module.exports = SpreadHugeCall;
