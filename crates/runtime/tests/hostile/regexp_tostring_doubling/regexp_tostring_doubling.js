// Threat: RegExp.prototype.toString is generic ("/" + source + "/" + flags):
// fed its own result as both, it doubles each call.
class RegexpTostringDoubling {
  init() {}

  attack() {
    let text = 'a';
    for (let i = 0; i < 25; i++) text = RegExp.prototype.toString.call({ source: text, flags: text });
    return text.length;
  }
}

module.exports = RegexpTostringDoubling;
