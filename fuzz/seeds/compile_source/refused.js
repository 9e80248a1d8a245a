class Bad {
  init() {}
  m() { with (Math) { return max(1, 2); } }
}
module.exports = Bad;
