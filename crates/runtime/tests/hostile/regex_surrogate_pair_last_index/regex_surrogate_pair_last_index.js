// Threat: a bounded search (`u` flag) whose lastIndex stands inside a surrogate pair: a twin's end-of-text group made of a lookahead matched there, mid-text, and the search reported no match (as node: a match at 2, lastIndex 3)
class RegexSurrogatePairLastIndex {
  init() {}

  attack() {
    const r = /\udc00/gu;
    r.lastIndex = 1;
    const m = r.exec('\ud800\udc00\udc00');
    return JSON.stringify([m && m.index, r.lastIndex, /\udc00/u.test('\ud800\udc00')]);
  }
}

module.exports = RegexSurrogatePairLastIndex;
