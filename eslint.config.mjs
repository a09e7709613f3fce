import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Use the clock port (service-kit) instead of Date.now().',
        },
      ],
    },
  },
  {
    // The portal's web app (React): the rules of hooks, and effects that name what they depend on.
    files: ['services/portal/src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The build type-checks a workspace with its tests (tools/tsc-build.mjs), so jest's globals are in scope
    // for the code that ships too: using one there fails here instead of at run time.
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/test-support/**', 'packages/testkit/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'describe',
          'it',
          'test',
          'expect',
          'jest',
          'beforeAll',
          'afterAll',
          'beforeEach',
          'afterEach',
        ].map((name) => ({
          name,
          message: 'A jest global outside a test: the service would fail at run time.',
        })),
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/bench/**', '**/*.js', '**/*.mjs', 'infra/**'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
