// Threat: the library rewrites the helper calls V8 words into a TypeError's
// message (`o[__v8vm_key(...)]` as `o[(...)]`), and it read every TypeError
// a contract threw, however long its message: 2 MiB of `__v8vm_(...)`
// rewritten uncharged, ~52 ms a throw (red team round 26). Only a short
// message is rewritten.
class ErrorMessageRewrittenAtLength {
  init() {}

  attack() {
    const message = '__v8vm_(...)'.repeat(174762);
    let caught = 0;
    for (let i = 0; i < 100000; i++) {
      try {
        throw new TypeError(message);
      } catch (e) {
        if (e.message === message) caught++;
      }
    }
    return caught;
  }
}

module.exports = ErrorMessageRewrittenAtLength;
