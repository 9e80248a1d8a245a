// Threat: JSON.stringify writes a control character as six (`\u0001`): a
// library charging the characters it counted before V8 ran pays for a
// sixth of the text V8 writes (red team round 33: 45 ms a call).
class JsonEscapesOfLongText {
  init() {}

  attack() {
    const s = '\u0001'.repeat(2 ** 21 - 10);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      try {
        JSON.stringify(s);
      } catch (e) {
        refused++;
      }
    }
    return refused;
  }
}

module.exports = JsonEscapesOfLongText;
