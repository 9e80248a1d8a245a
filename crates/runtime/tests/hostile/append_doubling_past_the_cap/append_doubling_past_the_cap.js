// Threat: `+=` charged only for what it adds and never checked against the
// string limit: doubling a property's string with `o.x.s += o.x.s` passes
// the cap (2^21 characters) for a linear price.
class AppendDoublingPastTheCap {
  init() {}

  attack() {
    const o = { x: { s: ' '.repeat(2 ** 16) } };
    for (let i = 0; i < 12; i++) o.x.s += o.x.s;
    return o.x.s.length;
  }
}

module.exports = AppendDoublingPastTheCap;
