// Threat: an endless valueOf that console.log('%d') calls while formatting
class LoopInValueofCalledByConsole {
  init() {}

  attack() {
    console.log('%d items', { valueOf() { for (;;) {} } });
  }
}

module.exports = LoopInValueofCalledByConsole;
