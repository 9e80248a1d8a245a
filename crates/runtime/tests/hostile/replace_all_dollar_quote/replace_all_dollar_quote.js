// Threat: the string-pattern path of replaceAll with `$'` (the text after
// each match): quadratic output from a linear search.
class ReplaceAllDollarQuote {
  init() {}

  attack() {
    return ' '.repeat(14000).replaceAll(' ', "$'").length;
  }
}

module.exports = ReplaceAllDollarQuote;
