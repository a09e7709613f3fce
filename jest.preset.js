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

/**
 * A package's tests in two runs of one jest invocation: all of them on kafka-lite, then the end-to-end tests
 * again on real Apache Kafka (PEIYU_TEST_KAFKA=real, read by @peiyu/local's startStack). Where real Kafka
 * cannot run (no Java, no Maven, jars unresolved) the second run is one skipped test naming the reason, so
 * the closing summary shows it — never a silent pass.
 * @param {string} dir package directory (pass __dirname)
 * @param {string[]} [testMatch] the tests to run again on real Kafka
 */
module.exports.withRealKafkaE2e = function withRealKafkaE2e(
  dir,
  testMatch = ['<rootDir>/src/**/*.e2e.test.ts'],
) {
  const { reporters, testTimeout, ...project } = module.exports(dir);
  let availability;
  try {
    availability = require('@peiyu/kafka-real').realKafkaAvailability();
  } catch (err) {
    availability = { available: false, reason: `@peiyu/kafka-real is not built (${err.message})` };
  }
  const real = availability.available
    ? {
        ...project,
        testMatch,
        setupFiles: [...project.setupFiles, path.join(__dirname, 'tools', 'jest-real-kafka-env.js')],
      }
    : {
        ...project,
        roots: [path.join(__dirname, 'tools')],
        testMatch: ['**/real-kafka-unavailable.test.js'],
        globals: { realKafkaUnavailable: availability.reason },
      };
  return {
    rootDir: dir, // where the summary reporter writes .test-results.json
    reporters,
    testTimeout,
    projects: [
      { ...project, displayName: 'kafka-lite' },
      { ...real, displayName: 'real Kafka' },
    ],
  };
};
