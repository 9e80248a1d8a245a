// Threat: `$\`` in a replacement stands for all the text before the match:
// replacing every character of n makes n^2 / 2 characters.
class ReplaceDollarBacktick {
  init() {}

  attack() {
    return ' '.repeat(14000).replace(/ /g, '$`').length;
  }
}

module.exports = ReplaceDollarBacktick;
