// First step of `npm start`, `npm test` and `npm run mock`: on an older Node, one clear line
// instead of a type-stripping error deep inside the mock server. Kept to syntax any Node parses.
var wanted = require('../package.json').engines.node; // ">=22.22"
var need = wanted
  .replace(/[^0-9.]/g, '')
  .split('.')
  .map(Number);
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < (need[1] || 0))) {
  console.error(
    'Paradarum Panel needs Node.js ' +
      wanted.replace('>=', '') +
      ' or newer (this is ' +
      process.version +
      '): run `nvm install` (reads .nvmrc) or `bash scripts/setup-machine.sh`.',
  );
  process.exit(1);
}
