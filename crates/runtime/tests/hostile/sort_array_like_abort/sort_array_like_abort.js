// Threat: Array.prototype.sort on an array-like of length 2**27, which made V8 abort the process (invalid array length)
class SortArrayLikeAbort {
  init() {}

  attack() {
    return Array.prototype.sort.call({ length: 2 ** 27 }).length;
  }
}

module.exports = SortArrayLikeAbort;
