// Threat (red team round 23): matchAll makes a new regex from the old one
// with the regex's species, or, when its constructor is undefined, V8's own
// RegExp: the library's check and charge never saw the flags it is
// compiled with here.
class RegexMatchAllWithNoConstructor {
  init() {}

  attack() {
    const regex = new RegExp('\\p{L}'.repeat(400), 'gu');
    Object.defineProperty(regex, 'constructor', { value: undefined });
    Object.defineProperty(regex, 'flags', { value: 'giu' });
    return [...regex[Symbol.matchAll]('ab')].length;
  }
}

module.exports = RegexMatchAllWithNoConstructor;
