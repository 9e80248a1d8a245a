// Threat: JSON.stringify of a 2-million-element array, over and over, keeping the texts
class BombJsonStringify {
  init() {}

  attack() {
    const list = new Array(2000000).fill('abcdefgh');
    const keep = [];
    for (;;) keep.push(JSON.stringify(list));
  }
}

module.exports = BombJsonStringify;
