// Threat: locale-dependent methods asked for a German locale
class NondetLocaleMethods {
  init() {}

  attack() {
    return JSON.stringify([(1234567.5).toLocaleString('de-DE'), 'a'.localeCompare('B', 'de'), 'i'.toLocaleUpperCase('tr')]);
  }
}

module.exports = NondetLocaleMethods;
