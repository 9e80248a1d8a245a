// Threat: Error.prototype.toString joins name and message; fed back into
// both, the text doubles each round.
class ErrorToStringDoubling {
  init() {}

  attack() {
    const e = new Error(' ');
    e.name = ' ';
    let text = '';
    for (let i = 0; i < 25; i++) {
      text = e.toString();
      e.name = text;
      e.message = text;
    }
    return text.length;
  }
}

module.exports = ErrorToStringDoubling;
