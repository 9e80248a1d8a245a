// Threat: catching the call-depth RangeError and recursing again from the catch (exponential work)
class OogDepthErrorCaughtForever {
  init() {}

  attack() {
    const down = () => {
      try {
        down();
      } catch (e) {
        down();
      }
    };
    down();
  }
}

module.exports = OogDepthErrorCaughtForever;
