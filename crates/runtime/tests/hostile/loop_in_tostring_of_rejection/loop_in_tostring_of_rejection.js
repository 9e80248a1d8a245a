// Threat: an endless toString on the value of an unhandled rejection, run when the runtime describes it
class LoopInTostringOfRejection {
  init() {}

  attack() {
    Promise.reject({ toString() { for (;;) {} } });
    return 'returned';
  }
}

module.exports = LoopInTostringOfRejection;
