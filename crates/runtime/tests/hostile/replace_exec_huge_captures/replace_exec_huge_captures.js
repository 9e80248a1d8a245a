// Threat: String.prototype.replace with a regex whose own exec returns
// {length: 2 ** 30}: V8 reads that many captures in a native loop that no
// deadline interrupts.
class HugeMatch extends RegExp {
  exec() {
    if (this.done) return null;
    this.done = true;
    return { length: 2 ** 30, index: 0, 0: 'a' };
  }
}

class ReplaceExecHugeCaptures {
  init() {}

  attack() {
    return 'xa'.replace(new HugeMatch('a'), 'b');
  }
}

module.exports = ReplaceExecHugeCaptures;
