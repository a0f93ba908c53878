import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

describe('no JSON file shadows a TypeScript module', () => {
  // Node resolves an extensionless `./name` to name.js, then name.json, and only then to the .ts the
  // swc hook registers: a name.json beside name.ts is what `npm start` and the spawned test
  // processes load in its place (an API that booted under Jest once failed to start that way).
  it('has no name.json beside a name.ts in apps/, libs/ or tools/', () => {
    const tracked = execFileSync('git', ['ls-files', 'apps', 'libs', 'tools'], { cwd: root, encoding: 'utf8' }).split('\n');
    const clashes = tracked.filter((f) => f.endsWith('.json') && fs.existsSync(path.join(root, f.replace(/\.json$/, '.ts'))));
    expect(clashes).toEqual([]);
  });
});
