// Threat: reads RegExp.$1 / lastMatch, which would hold the previous call's last match
class PolluteRegexpStatics {
  init() {}

  attack() {
    return JSON.stringify([typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.input]);
  }
}

module.exports = PolluteRegexpStatics;
