// Shared jest preset. @swc/jest strips types only (fast on 2 cores); `turbo run typecheck` runs tsc for types.
const path = require('node:path');

/** @param {string} dir package directory (pass __dirname) */
module.exports = function preset(dir) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    setupFiles: [path.join(__dirname, 'tools', 'jest-local-mode.js')],
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
          module: { type: 'commonjs' },
        },
      ],
    },
    // jose ships ESM only; let swc turn it into CommonJS for jest's module system.
    transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
    reporters: ['default', path.join(__dirname, 'tools', 'jest-summary-reporter.js')],
    testTimeout: 30000,
  };
};
