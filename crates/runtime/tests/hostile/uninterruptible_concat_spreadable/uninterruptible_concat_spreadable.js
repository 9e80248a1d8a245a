// Threat: concat of an array-like of length 2**31 marked spreadable: a built-in loop no deadline stops (issue 14, 6)
class UninterruptibleConcatSpreadable {
  init() {}

  attack() {
    return [].concat({ length: 2 ** 31, [Symbol.isConcatSpreadable]: true }).length;
  }
}

module.exports = UninterruptibleConcatSpreadable;
