// Threat: the library rewrites the helper calls V8 words into a TypeError's
// message, and wrote a frozen error's message from strict library code: a
// TypeError at the start of the contract's own catch, which it could not
// catch (red team round 26). A message that is not writable is left as is.
class ErrorMessageOfAFrozenTypeError {
  init() {}

  frozen() {
    const error = Object.freeze(new TypeError('a __v8vm_x(...) b'));
    try {
      throw error;
    } catch (e) {
      return e.message;
    }
  }
}

module.exports = ErrorMessageOfAFrozenTypeError;
