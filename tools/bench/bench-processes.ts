// What the benchmarks that run the product's own processes share: a catalogue made from the CSL
// paper records, and starting, waiting on and stopping the API (as `npm start` runs it), the worker
// and baseline servers, each a node process of its own with its output in a log file.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ITEM_LIMITS, prng } from '@ztt/contracts';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { AppConfig } from '@ztt/platform';
import { AchievementRow, Paper, serviceEnv } from './bench-common';
import { chainOf } from './chains';

export const ROOT = path.resolve(__dirname, '..', '..');

const clip = (s: string, max: number): string => Array.from(s).slice(0, max).join('');

const TITLES: ((p: Paper, kw: string[]) => string)[] = [
  (p) => p.title,
  (p) => p.title,
  (p, kw) => (kw.length > 1 ? `${kw[0]}及${kw[1]}关键技术` : p.title),
  (p, kw) => (kw.length ? `基于${kw[0]}的${clip(p.title, 30)}` : p.title),
];

/**
 * `n` achievements from the papers: a paper's title (or a title made of its keywords), most of its
 * abstract's sentences with one of another paper of the same chain, its keywords with now and then
 * one of the other's. Deterministic for a seed.
 */
export function generateAchievements(papers: Paper[], n: number, seed: number): AchievementRow[] {
  const rnd = prng(seed);
  const below = (k: number): number => Math.floor(rnd() * k);
  const chains = papers.map(chainOf);
  const peers = new Map<string, number[]>();
  chains.forEach((c, i) => peers.set(c, [...(peers.get(c) ?? []), i]));
  const parts = papers.map((p) => (p.abstract.match(/[^。；！？!?]+[。；！？!?]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 4));
  return Array.from({ length: n }, () => {
    const i = below(papers.length);
    const chain = chains[i] as string;
    const same = peers.get(chain) as number[];
    const j = same[below(same.length)] as number;
    const [p, other] = [papers[i] as Paper, papers[j] as Paper];
    const borrowed = rnd() < 0.3 && other.keywords.length ? [other.keywords[below(other.keywords.length)] as string] : [];
    const keywords = [...new Set([...p.keywords.filter(() => rnd() < 0.75), ...borrowed].map((k) => clip(k.trim(), ITEM_LIMITS.keywordMax)).filter(Boolean))];
    const own = (parts[i] as string[]).filter(() => rnd() < 0.85);
    const theirs = parts[j] as string[];
    const text = [...own, ...(theirs.length ? [theirs[below(theirs.length)] as string] : [])].join('') || p.abstract;
    const title = (TITLES[below(TITLES.length)] as (p: Paper, kw: string[]) => string)(p, keywords);
    return { title: clip(title, ITEM_LIMITS.titleMax), summary: clip(text, ITEM_LIMITS.summaryMax), keywords: keywords.slice(0, ITEM_LIMITS.keywordsMax), chain };
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const lastLines = (file: string, n = 20): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n') : '');

/** A node process from the repository root, its output appended to `logFile`; killed when this process exits. */
export function launch(args: string[], env: Record<string, string>, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  // Ctrl-C ends the benchmark with process.exit (see benchMain): the child goes with it.
  process.once('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  return child;
}

/** Resolves once `url` answers 200; rejects with the log's end if the process exits or is not up in time. */
export async function whenUp(name: string, child: ChildProcess, url: string, logFile: string, timeoutMs = 120_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start (code ${child.exitCode}):\n${lastLines(logFile)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${name} not up after ${timeoutMs / 1000} s:\n${lastLines(logFile)}`);
}

/** SIGTERM, and SIGKILL for a process still there 10 s later. */
export async function halt(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit', { signal: AbortSignal.timeout(10_000) }).catch(() => (child.kill('SIGKILL'), once(child, 'exit')));
}

/** The API's environment: the benchmark's services, this port, and limits that keep the run's answers 2xx. */
export function apiEnv(config: AppConfig, port: number): Record<string, string> {
  return {
    ...serviceEnv(config),
    NODE_ENV: 'development', // as `npm start` runs it by default
    // As `npm start` runs it: one API process per core (at most 4), behind one port.
    API_PROCESSES: String(Math.min(os.availableParallelism(), 4)),
    HOST: '127.0.0.1',
    PORT: String(port),
    // One login for the whole run, and a token that outlives it.
    AUTH_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
    AUTH_ACCESS_TTL_SECONDS: '3600',
    WEB_DIST_DIR: '',
    LOG_LEVEL: 'info', // the product's default: one access-log line a request, to a file
  };
}

/** A caller of the API, signed in when given a token: JSON in, JSON out, any non-2xx an error naming the request. */
export function apiClient(origin: string, token?: string) {
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(origin + url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** An access token of a demo user (tools/seed/demo-data.ts), by a login through the API. */
export async function demoToken(origin: string, email: string): Promise<string> {
  return (await apiClient(origin)<{ accessToken: string }>('POST', '/api/auth/login', { email, password: DEMO_PASSWORD })).accessToken;
}
