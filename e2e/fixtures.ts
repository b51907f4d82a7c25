/**
 * The e2e folder's own tests import from here; the one implementation is the kit
 * (e2e/kit/index.ts). `person(browser, server, name)` opens a signed-in page the test closes
 * itself (or with its browser); the kit's `person` fixture does the closing for a test.
 */
export {
  APP_TOKEN,
  DEMO_PASSWORD,
  expect,
  openPerson as person,
  signIn,
  startServer,
  test,
  type RunningServer,
} from './kit/index.js';
