// Threat: a BigNumber power with millions of digits
class HostBignumberHugePow {
  init() {}

  attack() {
    return new BigNumber(10).pow(5000000).toString().length;
  }
}

module.exports = HostBignumberHugePow;
