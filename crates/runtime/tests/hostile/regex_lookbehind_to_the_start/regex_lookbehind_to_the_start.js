// Threat: a lookbehind reads the text before where a search starts, and a
// lookaround's up-front charge covered only the text after it: /(?<=a*)$/
// from the end of 1 MiB, ~2 ms a search for 52 gas (red team round 27).
// A pattern with a lookbehind is charged for the whole text.
class RegexLookbehindToTheStart {
  init() {}

  attack() {
    const text = 'a'.repeat(1 << 20);
    const behind = /(?<=a*)$/g;
    let found = 0;
    for (let i = 0; i < 100000; i++) {
      behind.lastIndex = text.length;
      if (behind.test(text)) found++;
    }
    return found;
  }
}

module.exports = RegexLookbehindToTheStart;
