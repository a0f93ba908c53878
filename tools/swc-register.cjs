// Runs the TypeScript sources directly: compiles .ts with swc (decorator metadata kept) and
// resolves the workspace's @ztt/* path aliases from tsconfig.base.json.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.fromEntries(Object.entries(compilerOptions.paths).map(([k, [v]]) => [k, path.join(root, v)]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

const swcOptions = { ...require('./swc-options.cjs'), sourceMaps: 'inline' };

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename });
  module._compile(code, filename);
};
