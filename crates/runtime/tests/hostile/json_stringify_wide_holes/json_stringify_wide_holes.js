// Threat: JSON.stringify of an array of 2**20 holes: charged by its output after the work
class JsonStringifyWideHoles {
  init() {}

  attack() {
    return JSON.stringify(new Array(2 ** 20)).length;
  }
}

module.exports = JsonStringifyWideHoles;
