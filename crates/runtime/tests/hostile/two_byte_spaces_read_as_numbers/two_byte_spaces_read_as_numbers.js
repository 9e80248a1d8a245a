// Threat: a string of two-byte spaces (U+3000) is scanned ~12 times slower
// than one of ASCII digits when read as a number, trimmed or parsed by
// parseFloat, and the charges assumed the digits: `-r` of 2 MiB, 11.6 ms
// for 262,000 gas; trim ~26 times the median per gas (red team round 26).
class TwoByteSpacesReadAsNumbers {
  init() {}

  attack() {
    const r = '\u3000'.repeat((1 << 21) - 4) + '1';
    let sum = 0;
    for (let i = 0; i < 100000; i++) sum += -r + r.trim().length + parseFloat(r) + r.trimStart().length;
    return sum;
  }
}

module.exports = TwoByteSpacesReadAsNumbers;
