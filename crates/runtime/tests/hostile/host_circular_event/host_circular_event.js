// Threat: a circular object given to blockchain.event
class HostCircularEvent {
  init() {}

  attack() {
    const loop = {};
    loop.self = loop;
    blockchain.event(loop);
  }
}

module.exports = HostCircularEvent;
