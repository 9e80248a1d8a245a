// Threat: the DataView constructor reads its offset and length as numbers
// (ToIndex), scanning a long string uncharged (red team round 33: 11 ms a
// view for 14 gas).
class DataViewOffsetOfLongText {
  init() {}

  attack() {
    const s = '\u3000'.repeat(2 ** 21 - 1) + '0';
    const buffer = new ArrayBuffer(8);
    let made = 0;
    for (let i = 0; i < 300; i++) {
      made += new DataView(buffer, s).byteLength;
      made += new DataView(buffer, 0, s).byteLength;
    }
    return made;
  }
}

module.exports = DataViewOffsetOfLongText;
