// Threat: forEach over 2**30 holes: V8 walks them with no callback and no interrupt check (issue 14, 6)
class UninterruptibleHolesForeach {
  init() {}

  attack() {
    let n = 0;
    new Array(2 ** 30).forEach(() => n++);
    return n;
  }
}

module.exports = UninterruptibleHolesForeach;
