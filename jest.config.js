/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  // jose and marked ship ES modules only; jest (CommonJS here) needs them compiled like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(jose|marked)/)'],
  // Integration tests start real servers; keep the two cores for them.
  maxWorkers: 2,
  testTimeout: 30000,
};
