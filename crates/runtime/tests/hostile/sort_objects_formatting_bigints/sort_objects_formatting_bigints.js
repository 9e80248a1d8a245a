// Threat (red team round 25): the default sort turns items into strings at
// every comparison; an object whose toString returns a 2,451-digit BigInt
// has V8 format it each time, out of the library's sight: one sort of
// 1,000 such objects took 1.7 s for 136,000 gas.
class SortObjectsFormattingBigints {
  init() {}

  attack() {
    const big = 7n ** 2900n;
    const items = [];
    for (let i = 0; i < 1000; i++) items.push({ toString() { return big; } });
    let sorted = 0;
    for (let round = 0; round < 100; round++) sorted += items.sort().length;
    return sorted;
  }
}

module.exports = SortObjectsFormattingBigints;
