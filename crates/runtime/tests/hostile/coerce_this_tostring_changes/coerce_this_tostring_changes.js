// Threat: a String method called on an object whose toString is short when measured and huge when the built-in reads it (issue 14, 5)
class CoerceThisTostringChanges {
  init() {}

  attack() {
    let k = 0;
    const big = 'y'.repeat(1 << 20);
    const o = { toString() { return k++ === 0 ? 'y' : big + big; } };
    return String.prototype.toUpperCase.call(o).length;
  }
}

module.exports = CoerceThisTostringChanges;
