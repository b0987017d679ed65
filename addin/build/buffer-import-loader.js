// Gives lib/read/sheetjs.ts the browser Buffer shim as a module-local import. A global
// (ProvidePlugin) would also reach SheetJS, which then takes its Node code paths and breaks.
const path = require('path');

const SHIM = path.join(__dirname, '..', 'shared', 'buffer-shim.ts').replace(/\\/g, '/');

module.exports = function bufferImportLoader(source) {
  if (!/\bBuffer\./.test(source)) return source;
  return `import { Buffer } from ${JSON.stringify(SHIM)};\n${source}`;
};
