// Threat: a repeat count whose valueOf says 0 when the wrapper measures it and 2**27 when the built-in reads it again (issue 14, 5)
class CoerceRepeatCountChanges {
  init() {}

  attack() {
    let k = 0;
    const n = { valueOf() { return k++ === 0 ? 0 : 1 << 27; } };
    return 'x'.repeat(n).length;
  }
}

module.exports = CoerceRepeatCountChanges;
