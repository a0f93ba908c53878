// What `npm start` and `npm test` need before anything else runs, checked with Node's built-ins
// only (this file runs before node_modules exists): the project's packages, installed from the
// lockfile when missing or older than it, and the Debian packages the product and its tests use,
// installed with apt-get when this process may, or named in one line when it may not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const say = (zh, en) => process.stdout.write(`▸ ${zh}  (${en})\n`);

export class MissingPrerequisite extends Error {}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * `npm ci` when node_modules is missing, or older than package-lock.json (npm writes
 * node_modules/.package-lock.json at the end of every install, so its time is the install's).
 */
export function ensureNodeModules() {
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  const locked = mtime(path.join(root, 'package-lock.json'));
  if (installed && installed >= locked) return;
  say(installed ? 'package-lock.json 已更新，重新安装依赖 npm ci …' : '首次运行：安装依赖 npm ci …', 'installing the project’s packages from the lockfile');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new MissingPrerequisite('npm ci 失败，请检查网络与 npm 配置 (npm ci failed: check the network and the npm registry settings)');
}

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/bin', '/usr/sbin', '/usr/local/bin'])) {
    if (dir && fs.existsSync(path.join(dir, cmd))) return true;
  }
  return false;
}

/** Debian packages by what shows they are there; `why` says what needs each, for the one-line hint. */
export const DEBIAN = {
  'redis-server': { present: () => onPath('redis-server'), why: '队列 queues' },
  'fonts-noto-cjk': {
    present: () => fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') || fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'),
    why: '报告 PDF 中文字体 Chinese glyphs in PDF reports',
  },
  chromium: { present: () => fs.existsSync('/usr/bin/chromium'), why: '浏览器测试 browser tests' },
  'poppler-utils': { present: () => onPath('pdftotext'), why: '测试读取 PDF 文本 tests read PDF text' },
};

/**
 * Installs the missing ones with apt-get when this process is root on a Debian-like system;
 * otherwise (or when apt-get fails) throws one line that says what to install.
 */
export function ensureDebianPackages(names) {
  const missing = names.filter((n) => !DEBIAN[n].present());
  if (!missing.length) return;
  const hint = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canInstall) {
    say(`安装缺少的系统软件包：${missing.join(' ')} …`, `apt-get install ${missing.map((n) => `${n} (${DEBIAN[n].why})`).join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env };
    const updated = spawnSync('apt-get', ['update', '-qq'], quiet);
    const installed = updated.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], quiet).status === 0;
    const still = missing.filter((n) => !DEBIAN[n].present());
    if (installed && !still.length) return;
    throw new MissingPrerequisite(`apt-get 未能安装 ${still.join(' ')}，请手动安装：${hint}`);
  }
  throw new MissingPrerequisite(`缺少系统软件包 ${missing.join(' ')}，请先安装：${hint}`);
}

/** Runs `fn`, printing a MissingPrerequisite as its one line and exiting 1. */
export function orExit(fn) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof MissingPrerequisite)) throw e;
    process.stderr.write(`✖ ${e.message}\n`);
    process.exit(1);
  }
}
