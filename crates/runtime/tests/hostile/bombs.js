// Memory bombs: each must end as out_of_memory or a RangeError of a size
// limit, never kill the process.
class Bombs {
  init() {}

  arrays() {
    const keep = [];
    for (;;) keep.push(new Array(100000).fill(keep.length));
  }

  stringDoubling() {
    const keep = [];
    let s = 'x';
    for (;;) {
      s = s + s;
      keep.push(s, s.split(''));
    }
  }

  hugeRepeat() {
    return 'x'.repeat(2 ** 30).length;
  }

  buffers() {
    const keep = [];
    for (;;) keep.push(new ArrayBuffer(16 << 20));
  }

  ok() {
    return 'fine';
  }
}

module.exports = Bombs;
