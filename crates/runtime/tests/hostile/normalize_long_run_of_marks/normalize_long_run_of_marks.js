// Threat: ICU puts a run of combining marks in canonical order one
// insertion at a time, in one step nothing interrupts: `normalize` of a
// run of 116,000 marks out of order ran 5.3 s past any deadline for
// 473,000 gas; runs of 1,000, 43x the median a gas (red team round 48).
class NormalizeLongRunOfMarks {
  init() {}

  attack() {
    const runs = ('a' + '\u0301'.repeat(500) + '\u0316'.repeat(500)).repeat(100);
    let n = 0;
    for (let i = 0; i < 20; i++) n += runs.normalize('NFD').length;
    const long = 'a' + '\u0301'.repeat(58000) + '\u0316'.repeat(58000);
    return n + long.normalize('NFC').length;
  }
}

module.exports = NormalizeLongRunOfMarks;
