// Threat: a transaction with 70,000 bytes of arguments
class ArgsOver64kib {
  init() {}

  attack(text) {
    return text.length;
  }
}

module.exports = ArgsOver64kib;
