// Threat: run out of gas at the call-depth limit, inside a try: the meter
// formats where the contract ran out through the library's counted calls,
// which the depth limit refuses with a RangeError the contract's catch
// could take, going on with the meter lifted until the deadline (found in
// round 31's aftermath: oog_depth_error_caught_forever ran 30 s).
class OogAtTheDepthLimit {
  init() {}

  attack() {
    let deepest = 0;
    const dive = (n) => {
      deepest = n;
      try {
        dive(n + 1);
      } catch (e) {
        if (n === deepest) {
          for (;;) {
            try {
              'x'.repeat(10);
            } catch (inner) {
              // the depth limit, again and again
            }
          }
        }
      }
    };
    dive(0);
    return 'never';
  }
}

module.exports = OogAtTheDepthLimit;
