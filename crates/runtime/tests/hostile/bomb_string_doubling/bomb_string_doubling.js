// Threat: doubles a string forever, keeping every copy
class BombStringDoubling {
  init() {}

  attack() {
    const keep = [];
    let s = 'x';
    for (;;) {
      s = s + s;
      keep.push(s, s.split(''));
    }
  }
}

module.exports = BombStringDoubling;
