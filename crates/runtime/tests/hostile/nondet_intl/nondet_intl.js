// Threat: Intl, whose output follows the host's ICU data and locale
class NondetIntl {
  init() {}

  attack() {
    return new Intl.NumberFormat('de-DE').format(1234.5);
  }
}

module.exports = NondetIntl;
