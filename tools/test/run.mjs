#!/usr/bin/env node
// `npm test`: type check, lint (zero warnings, module boundaries), formatting, build the web app, then every
// Jest tier against real services. Ends with one summary line: "tests: N passed, N failed".
// On a fresh clone it first installs what the tests need (tools/stack/prerequisites.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages, ensureNodeModules, MissingPrerequisite, root } from '../stack/prerequisites.mjs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.CI ? '0' : '1' };
const jestArgs = process.argv.slice(2);

function step(label, cmd, args) {
  const started = Date.now();
  process.stdout.write(`\n── ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  process.stdout.write(`── ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  return r.status === 0;
}

/** Runs one check with its output held back, so checks run side by side still print one after the other. */
function quietStep([label, cmd, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code) => resolve({ label, ok: code === 0, output: Buffer.concat(out).toString(), seconds: (Date.now() - started) / 1000 }));
  });
}

/**
 * The checks before Jest, side by side: each is one single-threaded process (tsc, eslint, prettier)
 * and the machine this runs on has two cores, so a group takes about as long as its longest check.
 */
async function checksSideBySide(pairs) {
  for (const pair of pairs) {
    const results = await Promise.all(pair.map(quietStep));
    for (const r of results) {
      process.stdout.write(`\n── ${r.label}\n${r.output}── ${r.label}: ${r.ok ? 'ok' : 'FAILED'} in ${r.seconds.toFixed(1)}s\n`);
    }
    if (results.some((r) => !r.ok)) return false;
  }
  return true;
}

try {
  ensureNodeModules();
  ensureDebianPackages(['redis-server', 'fonts-noto-cjk', 'chromium', 'poppler-utils']);
} catch (e) {
  if (!(e instanceof MissingPrerequisite)) throw e;
  process.stderr.write(`✖ ${e.message}\n`);
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}

// The project's own binaries, never npx's download of a same-named package.
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const checks = [
  [
    ['type check (server)', bin('tsc'), ['-p', 'tsconfig.json']],
    ['type check (web)', bin('tsc'), ['-p', 'apps/web/tsconfig.json']],
    // The graph the lint's module-boundary rule reads, built (and every project.json checked) before it.
    ['project graph', bin('nx'), ['show', 'projects']],
  ],
  [
    ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
    // One layout for the whole tree (.prettierrc.json; prose and generated files in .prettierignore): `npm run format` fixes it.
    ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ],
];
const ready =
  jestArgs.length > 0 ||
  ((await checksSideBySide(checks)) &&
    // What the Docker image runs: the server compiled to dist/server, the web app to dist/web (test/production runs it).
    step('production build', process.execPath, ['tools/build/build.mjs']));
if (!ready) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}

const report = path.join(root, 'test-artifacts', 'jest-results.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const ok = step('jest', bin('jest'), ['--maxWorkers=2', '--json', `--outputFile=${report}`, ...jestArgs]);
let passed = 0;
let failed = ok ? 0 : 1;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites + (ok || r.numFailedTests ? 0 : 1);
  skipped = r.numPendingTests + r.numTodoTests;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(ok && failed === 0 ? 0 : 1);
