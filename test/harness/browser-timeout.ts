// A browser journey is dozens of page steps: on a machine busy with a build beside the suite, one
// took over a minute. This bound only stops a hung journey; no test asserts on time. (Jest reads
// testTimeout from the global configuration only, so the browser tier sets its own here.)
jest.setTimeout(180_000);
