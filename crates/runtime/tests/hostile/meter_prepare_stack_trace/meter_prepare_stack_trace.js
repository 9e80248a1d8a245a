// Threat: replaces Error.prepareStackTrace to get the raw stack frames (and their functions)
class MeterPrepareStackTrace {
  init() {}

  attack() {
    Error.prepareStackTrace = (error, frames) => frames.map((frame) => frame.getFunction());
    return new Error('frames').stack.length;
  }
}

module.exports = MeterPrepareStackTrace;
