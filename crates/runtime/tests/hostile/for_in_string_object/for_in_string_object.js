// Threat: for...in collects all keys before the first iteration; over a
// String object that is a key per character, uncharged unless counted.
class ForInStringObject {
  init() {}

  attack() {
    const wrapper = new String(' '.repeat(2 ** 18));
    let n = 0;
    for (let i = 0; i < 200; i++) {
      for (const key in wrapper) {
        n++;
        break;
      }
    }
    return String(n);
  }
}

module.exports = ForInStringObject;
