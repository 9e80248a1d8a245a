// Threat: split by a case-insensitive regex (bounded: V8's linear-time engine cannot run `i`) tries every position with a sticky search: each failure is probed at one position, not to the end of the text
class RegexStickySplitCaseInsensitive {
  init() {}

  attack() {
    return 'a,B,'.repeat(20000).split(/b/i).length;
  }
}

module.exports = RegexStickySplitCaseInsensitive;
