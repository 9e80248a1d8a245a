// Threat: JSON.parse was charged a gas a character, whatever the text
// makes: 100,000 copies of `[[[[[[[[]]]]]]]]` (~250 ns an array) or 50,000
// objects each with a key no other has (~570 ns each) ran at 71-116 ns a
// gas (red team round 47).
class JsonParseOfManySmallValues {
  init() {}

  attack() {
    const nested = '[' + new Array(20000).fill('[[[[[[[[]]]]]]]]').join(',') + ']';
    const keyed = '[' + Array.from({ length: 20000 }, (_, i) => `{"k${i}":0}`).join(',') + ']';
    let n = 0;
    for (let i = 0; i < 1000; i++) n += JSON.parse(nested).length + JSON.parse(keyed).length;
    return n;
  }
}

module.exports = JsonParseOfManySmallValues;
