// Threat: emits more than 1 MiB of events
class EventsOver1mib {
  init() {}

  attack() {
    const chunk = 'e'.repeat(64 * 1024);
    for (;;) blockchain.event(chunk);
  }
}

module.exports = EventsOver1mib;
