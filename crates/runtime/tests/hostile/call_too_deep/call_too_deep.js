// Threat: a chain of contract calls 9 deep (the limit is 8): attack -> d1 -> ... -> d8
class CallTooDeep {
  init() {}

  attack() {
    return blockchain.call(blockchain.contractName(), 'd1', [])[0];
  }

  d1() {
    return blockchain.call(blockchain.contractName(), 'd2', [])[0];
  }

  d2() {
    return blockchain.call(blockchain.contractName(), 'd3', [])[0];
  }

  d3() {
    return blockchain.call(blockchain.contractName(), 'd4', [])[0];
  }

  d4() {
    return blockchain.call(blockchain.contractName(), 'd5', [])[0];
  }

  d5() {
    return blockchain.call(blockchain.contractName(), 'd6', [])[0];
  }

  d6() {
    return blockchain.call(blockchain.contractName(), 'd7', [])[0];
  }

  d7() {
    return blockchain.call(blockchain.contractName(), 'd8', [])[0];
  }

  d8() {
    return blockchain.call(blockchain.contractName(), 'd9', [])[0];
  }

  d9() {
    return 'too deep';
  }
}

module.exports = CallTooDeep;
