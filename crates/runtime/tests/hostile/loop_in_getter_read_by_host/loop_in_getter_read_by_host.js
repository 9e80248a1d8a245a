// Threat: an endless loop in a getter that host code reads (blockchain.receipt serializes the object)
class LoopInGetterReadByHost {
  init() {}

  attack() {
    blockchain.receipt({ get spin() { for (;;) {} } });
  }
}

module.exports = LoopInGetterReadByHost;
