// Threat: `$<name>` makes the library find the closing `>` in the template
// for every match: a 2 MiB name scanned 10,000 times for a few gas each.
class ReplaceTemplateLongGroupName {
  init() {}

  attack() {
    const template = `$<${'a'.repeat(2000000)}>`;
    return 'x'.repeat(10000).replace(/(?<g>x)/g, template).length;
  }
}

module.exports = ReplaceTemplateLongGroupName;
