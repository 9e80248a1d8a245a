// Every way to spin forever; the watchdog must end each one at its deadline.
class Loops {
  init() {}

  plain() {
    storage.put('touched', 'yes');
    while (true) {}
  }

  // The deadline is not an exception: catch and finally cannot keep running.
  caught() {
    for (;;) {
      try {
        while (true) {}
      } catch (e) {
        storage.put('caught', 'yes');
      } finally {
        storage.put('finally', 'yes');
      }
    }
  }

  inGetter() {
    console.log({ get spin() { for (;;) {} } });
  }

  inComparator() {
    [3, 1, 2].sort(() => { while (true) {} });
  }

  inPromiseJob() {
    Promise.resolve().then(() => { while (true) {} });
    return 'returned before the job ran';
  }

  // Describing an unhandled rejection calls the value's toString.
  rejectionToString() {
    Promise.reject({ toString() { for (;;) {} } });
  }

  // Formatting the result calls toJSON.
  inToJSON() {
    return { toJSON() { for (;;) {} } };
  }

  // A backreference keeps the pattern in V8's backtracking engine (the
  // linear-time one takes over only patterns without them).
  regexBacktracking() {
    return /^(a+)+\1$/.test('a'.repeat(40) + 'b');
  }

  ok() {
    return 'fine';
  }
}

module.exports = Loops;
