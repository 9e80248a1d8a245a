// Threat: JSON.stringify turns a Number object into a number after the
// replacer, calling the contract's valueOf and scanning what it returns;
// a String object's text was charged as 8 characters (red team round 33).
class JsonNumberObjectOfLongText {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 21 - 1) + '1';
    const n = new Number(1);
    n.valueOf = () => s;
    const text = new String('\u0001'.repeat(2 ** 20));
    let written = 0;
    for (let i = 0; i < 300; i++) {
      written += JSON.stringify([n]).length;
      try {
        written += JSON.stringify(text).length;
      } catch (e) {
        written++;
      }
    }
    return written;
  }
}

module.exports = JsonNumberObjectOfLongText;
