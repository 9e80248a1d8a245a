// Threat: keeps pushing 100,000-element arrays until the heap is full
class BombArrayPush {
  init() {}

  attack() {
    const keep = [];
    for (;;) keep.push(new Array(100000).fill(keep.length));
  }
}

module.exports = BombArrayPush;
