// Threat: flat(Infinity) over arrays nested 100,000 deep: V8 flattens by native recursion (issue 14, 6)
class DeepFlatInfinity {
  init() {}

  attack() {
    let a = [];
    for (let i = 0; i < 100000; i++) a = [a];
    return a.flat(Infinity).length;
  }
}

module.exports = DeepFlatInfinity;
