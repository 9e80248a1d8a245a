// Threat: join of a short array of long strings by a long separator: output charged by input
class JoinOutputBiggerThanInput {
  init() {}

  attack() {
    const s = 'x'.repeat(1 << 20);
    return [s, s, s].join(s).length;
  }
}

module.exports = JoinOutputBiggerThanInput;
