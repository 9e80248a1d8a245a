// Threat: a function whose parameter default does work at every call, charged only once where the function is defined (issue 14, 6)
class MeterParameterDefault {
  init() {}

  attack() {
    const f = (a = ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16)) + ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16)) + ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16))) => a;
    let n = 0;
    for (let i = 0; i < 20000; i++) n += f();
    return n;
  }
}

module.exports = MeterParameterDefault;
