// Threat (red team round 23): V8's test, match, search and matchAll call
// the regex's `exec`, or, when it has none that is callable, V8's own
// exec: no charge for the text scanned and no backtrack limit.
class RegexExecWithoutPrototype {
  init() {}

  attack() {
    const regex = /(?:a|a)*(?:b|b)*c/i;
    Object.setPrototypeOf(regex, null);
    return RegExp.prototype.test.call(regex, 'a'.repeat(5000));
  }
}

module.exports = RegexExecWithoutPrototype;
