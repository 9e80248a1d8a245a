// Threat: a symbol given to IOSTCrypto.sha3
class HostCryptoSymbol {
  init() {}

  attack() {
    return IOSTCrypto.sha3(Symbol('text'));
  }
}

module.exports = HostCryptoSymbol;
