// Threat: Error.captureStackTrace on Object.prototype, to plant a `stack` property on every object
class MeterCaptureStackTrace {
  init() {}

  attack() {
    Error.captureStackTrace(Object.prototype);
    return ({}).stack;
  }
}

module.exports = MeterCaptureStackTrace;
