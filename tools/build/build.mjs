#!/usr/bin/env node
// `npm run build`: the production build that docker/Dockerfile ships.
//   dist/server  the API, the worker and the ops scripts compiled by swc to CommonJS (the options
//                of tools/swc-options.cjs), the @ztt/* aliases rewritten to relative requires,
//                plus the non-TypeScript files the sources load (JSON).
//   dist/web     the web app, built by Vite.
// Everything is built into dist/.next-<pid> and swapped in, so nothing of an older build stays.
// The web build is reused when neither its inputs nor its output changed (`--clean` forces it).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const swcOptions = require('../swc-options.cjs');

/** What the server runs: these folders' .ts files (specs excluded) and these scripts. */
const SERVER_DIRS = ['apps/api/src', 'apps/worker/src', ...srcDirs('libs')];
const SERVER_SCRIPTS = ['tools/stack/migrate.ts', 'tools/search/rebuild.ts'];
/** What the web build reads besides node_modules (package-lock.json stands for those). */
const WEB_INPUTS = ['apps/web', 'libs/contracts/src', 'package-lock.json', 'tools/build/build.mjs'];

const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.web-build.json');

/** Every library's src folder under `dir` (libs/contracts/src, libs/server/<domain>/src, …). */
function srcDirs(dir) {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => (d.name === 'src' ? [`${dir}/src`] : srcDirs(`${dir}/${d.name}`)));
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** One hash over the paths and contents of `entries` (files or folders), in a stable order. */
function hashTree(base, entries) {
  const h = createHash('sha256');
  const files = entries.flatMap((e) => {
    const p = path.join(base, e);
    return fs.statSync(p).isDirectory() ? walk(p) : [p];
  });
  for (const f of files.sort()) h.update(path.relative(base, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** Compiles one file to `out`, aliases resolved by swc against tsconfig.base.json's paths. */
async function compile(file, out, paths) {
  const { code } = await swc.transformFile(file, {
    ...swcOptions,
    jsc: { ...swcOptions.jsc, baseUrl: root, paths },
    filename: file,
    swcrc: false,
    configFile: false,
    sourceMaps: false,
  });
  // An alias left unresolved would only fail at run time, in production: fail the build instead.
  const left = /require\("(@ztt\/[^"]+)"\)/.exec(code);
  if (left) throw new Error(`${path.relative(root, file)}: ${left[1]} was not rewritten`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
}

async function buildServer(outDir) {
  const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  const sources = [...SERVER_DIRS.flatMap((d) => walk(path.join(root, d))), ...SERVER_SCRIPTS.map((s) => path.join(root, s))];
  const jobs = [];
  for (const file of sources) {
    const rel = path.relative(root, file);
    if (rel.endsWith('.spec.ts') || rel.endsWith('.d.ts')) continue;
    if (rel.endsWith('.ts')) jobs.push([file, path.join(outDir, rel.replace(/\.ts$/, '.js'))]);
    else fs.cpSync(file, path.join(outDir, rel)); // JSON and other files read at run time
  }
  // swc works on its own threads; a bounded number in flight keeps memory flat.
  const width = Math.max(2, os.availableParallelism());
  for (let i = 0; i < jobs.length; i += width * 4) {
    await Promise.all(jobs.slice(i, i + width * 4).map(([file, out]) => compile(file, out, paths)));
  }
  return jobs.length;
}

/** Reuses dist/web when its inputs and its files are those of the stamp; else builds it with Vite. */
async function buildWeb(outDir, clean) {
  const inputs = hashTree(root, WEB_INPUTS);
  const previous = path.join(dist, 'web');
  let stamp = null;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    /* no earlier build */
  }
  if (!clean && stamp?.inputs === inputs && fs.existsSync(previous) && hashTree(previous, ['.']) === stamp.output) {
    fs.renameSync(previous, outDir);
    return { inputs, output: stamp.output, reused: true };
  }
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'apps/web/vite.config.mts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return { inputs, output: hashTree(outDir, ['.']), reused: false };
}

async function main() {
  const started = Date.now();
  const clean = process.argv.includes('--clean');
  fs.mkdirSync(dist, { recursive: true });
  // Leftovers of a build that was killed half-way.
  for (const e of fs.readdirSync(dist)) if (e.startsWith('.next-')) fs.rmSync(path.join(dist, e), { recursive: true, force: true });
  const next = path.join(dist, `.next-${process.pid}`);
  try {
    const files = await buildServer(path.join(next, 'server'));
    const serverDone = Date.now();
    const web = await buildWeb(path.join(next, 'web'), clean);
    // Swap: everything else in dist goes, then the new tree moves in.
    for (const e of fs.readdirSync(dist)) if (path.join(dist, e) !== next) fs.rmSync(path.join(dist, e), { recursive: true, force: true });
    for (const e of fs.readdirSync(next)) fs.renameSync(path.join(next, e), path.join(dist, e));
    fs.writeFileSync(stampFile, JSON.stringify({ inputs: web.inputs, output: web.output }) + '\n');
    const s = (ms) => `${(ms / 1000).toFixed(1)}s`;
    process.stdout.write(
      `build: dist/server (${files} files, ${s(serverDone - started)}), dist/web (${web.reused ? 'unchanged, reused' : 'built'}, ${s(Date.now() - serverDone)}); ${s(Date.now() - started)} in all\n`,
    );
  } finally {
    fs.rmSync(next, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`build failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
