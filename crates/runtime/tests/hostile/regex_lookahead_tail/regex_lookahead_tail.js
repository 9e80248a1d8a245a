// Threat: a global regex whose lookahead reads to the end of the text at every match (charged to the match end only)
class RegexLookaheadTail {
  init() {}

  attack() {
    return 'a'.repeat(20000).replace(/a(?=a*$)/g, 'b').length;
  }
}

module.exports = RegexLookaheadTail;
