// Threat: two functions calling each other without end
class RecursionMutual {
  init() {}

  attack() {
    const ping = (n) => pong(n + 1);
    const pong = (n) => ping(n + 1);
    return ping(0);
  }
}

module.exports = RecursionMutual;
