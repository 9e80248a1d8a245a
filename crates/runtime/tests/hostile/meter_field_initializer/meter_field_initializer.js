// Threat: a class whose instance field initializer does work at every construction, charged only once where the class is defined (issue 14, 6)
class Heavy {
  x = ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16)) + ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16)) + ((1 + 2) * (3 + 4) - (5 + 6) * (7 - 8)) + ((9 + 10) * (11 + 12) - (13 + 14) * (15 - 16));
}

class MeterFieldInitializer {
  init() {}

  attack() {
    let n = 0;
    for (let i = 0; i < 20000; i++) n += new Heavy().x;
    return n;
  }
}

module.exports = MeterFieldInitializer;
