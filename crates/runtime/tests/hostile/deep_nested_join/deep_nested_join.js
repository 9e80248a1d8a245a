// Threat: String() of arrays nested 100,000 deep: nested joins recurse natively (issue 14, 6)
class DeepNestedJoin {
  init() {}

  attack() {
    let a = [];
    for (let i = 0; i < 100000; i++) a = [a];
    return String(a).length;
  }
}

module.exports = DeepNestedJoin;
