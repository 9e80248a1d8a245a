// Threat: an array-like whose length getter is 0 when charged and 2**31 when the built-in walks it (issue 14, 5)
class CoerceLengthGetterJoin {
  init() {}

  attack() {
    let k = 0;
    const like = { get length() { return k++ === 0 ? 0 : 2 ** 31; } };
    return Array.prototype.join.call(like, ',').length;
  }
}

module.exports = CoerceLengthGetterJoin;
