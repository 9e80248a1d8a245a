// Threat: JSON.stringify charges each value it shows, but V8 scans every
// own key of an object it serializes: an object of 50,000 symbol keys
// (none shown) referenced 2,000 times in one array is 10^8 keys scanned for
// 2,000 visits.
class JsonHiddenKeysShared {
  init() {}

  attack() {
    const hidden = {};
    for (let i = 0; i < 50000; i++) hidden[Symbol(i)] = i;
    const many = new Array(2000).fill(hidden);
    return JSON.stringify(many).length;
  }
}

module.exports = JsonHiddenKeysShared;
