// Threat: String.raw over a raw array-like of length 1e7: a built-in loop no deadline stops (issue 14, 6)
class UninterruptibleStringRaw {
  init() {}

  attack() {
    return String.raw({ raw: { length: 1e7 } }).length;
  }
}

module.exports = UninterruptibleStringRaw;
