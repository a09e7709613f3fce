/* global require, process */
// Runs a TypeScript entry in a child process (tests that kill a real process). Compiles .ts on require with
// @swc/core, the same transform jest uses, so the child runs the sources under test rather than a stale build.
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

require(process.argv[2]);
