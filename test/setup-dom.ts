/**
 * Component tests wait for Fluent UI's dialogs and lazy panels. Testing Library's default wait of 1 s is too short
 * on a loaded 2-core CI machine (a dialog once took longer), so DOM tests wait up to 5 s; a passing test is no slower.
 */
if (typeof document !== 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configure } = require('@testing-library/dom') as typeof import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5000 });
}
