import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// `npm start` runs the sources through tools/swc-register.cjs, not through Jest: check that path
// resolves modules the same way (a `.json` file beside a `.ts` of the same name once won).
describe('the runtime loader', () => {
  it('loads the contracts with the taxonomy defined, as the apps see them', () => {
    const out = execFileSync(
      process.execPath,
      ['-r', './tools/swc-register.cjs', '-e', "const c = require('@ztt/contracts'); process.stdout.write(JSON.stringify([c.CHAIN_CODES.length, c.REGION_CODES.length]))"],
      { cwd: path.join(__dirname, '..'), encoding: 'utf8' },
    );
    const [chains, regions] = JSON.parse(out) as number[];
    expect(chains).toBeGreaterThan(30);
    expect(regions).toBeGreaterThan(10);
  });
});
