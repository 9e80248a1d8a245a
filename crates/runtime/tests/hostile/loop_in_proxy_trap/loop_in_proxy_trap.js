// Threat: an endless ownKeys trap of a Proxy given to blockchain.event, run when it is serialized
class LoopInProxyTrap {
  init() {}

  attack() {
    blockchain.event(new Proxy({}, { ownKeys() { for (;;) {} } }));
  }
}

module.exports = LoopInProxyTrap;
