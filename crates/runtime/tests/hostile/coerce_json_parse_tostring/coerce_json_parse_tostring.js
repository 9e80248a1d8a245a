// Threat: JSON.parse of an object whose toString answers differently each time it is asked (issue 14, 5)
class CoerceJsonParseTostring {
  init() {}

  attack() {
    let k = 0;
    const o = { toString() { return k++ === 0 ? '1' : '[' + '1,'.repeat(400000) + '1]'; } };
    return JSON.parse(o).length;
  }
}

module.exports = CoerceJsonParseTostring;
