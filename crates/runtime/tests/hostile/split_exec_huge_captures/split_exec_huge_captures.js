// Threat: String.prototype.split with a regex whose own exec returns
// {length: 2 ** 30}: V8 pushes that many captures into the result natively.
let calls = 0;
class HugeMatch extends RegExp {
  exec() {
    if (calls++) return null;
    this.lastIndex = 1;
    return { length: 2 ** 30, index: 0, 0: 'a' };
  }
}

class SplitExecHugeCaptures {
  init() {}

  attack() {
    return 'xa'.split(new HugeMatch('a')).length;
  }
}

module.exports = SplitExecHugeCaptures;
