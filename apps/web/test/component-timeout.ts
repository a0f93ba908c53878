// A component test drives one page through several dialogs; in jsdom each Ant Design render is CPU
// work, and on a machine running the other tiers beside it one test took over a minute. This bound
// only stops a hung test; no test asserts on time. (Jest reads testTimeout from the global
// configuration only, so this tier sets its own here, as the browser tier does.)
import { jest } from '@jest/globals';

jest.setTimeout(180_000);
