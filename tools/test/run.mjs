#!/usr/bin/env node
// `npm test`: type check, lint (zero warnings, module boundaries), build the web app, then every
// Jest tier against real services. Ends with one summary line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.CI ? '0' : '1' };
const jestArgs = process.argv.slice(2);

function step(label, cmd, args) {
  const started = Date.now();
  process.stdout.write(`\n── ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  process.stdout.write(`── ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  return r.status === 0;
}

const npx = 'npx';
const steps = jestArgs.length
  ? []
  : [
      ['type check (server)', npx, ['tsc', '-p', 'tsconfig.json']],
      ['type check (web)', npx, ['tsc', '-p', 'apps/web/tsconfig.json']],
      ['project graph', npx, ['nx', 'show', 'projects']],
      ['lint', npx, ['eslint', '.', '--max-warnings', '0']],
      ['build web', npx, ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']],
    ];
for (const [label, cmd, args] of steps) {
  if (!step(label, cmd, args)) {
    process.stdout.write('tests: 0 passed, 1 failed\n');
    process.exit(1);
  }
}

const report = path.join(root, 'test-artifacts', 'jest-results.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const ok = step('jest', npx, ['jest', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...jestArgs]);
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
