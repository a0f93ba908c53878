import { OutageLog } from './outage-log';

describe('OutageLog: one line when a service goes away, one when it is back', () => {
  it('logs the first error of an outage only, then its end once', () => {
    const lines: string[] = [];
    const log = new OutageLog({ warn: (e) => lines.push(`warn ${JSON.stringify(e)}`), log: (e) => lines.push(`info ${JSON.stringify(e)}`) });
    for (let i = 0; i < 50; i++) log.down('Redis', 'connect ECONNREFUSED 127.0.0.1:6379');
    expect(log.isDown('Redis')).toBe(true);
    log.up('Redis');
    log.up('Redis');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Redis unreachable');
    expect(lines[1]).toContain('Redis reachable again');
    log.down('Redis', 'again');
    expect(lines).toHaveLength(3);
  });

  it('keeps services apart', () => {
    const lines: string[] = [];
    const log = new OutageLog({ warn: (e) => lines.push(JSON.stringify(e)), log: (e) => lines.push(JSON.stringify(e)) });
    log.down('Redis', 'x');
    log.down('PostgreSQL', 'y');
    log.up('PostgreSQL');
    expect(log.isDown('Redis')).toBe(true);
    expect(lines).toHaveLength(3);
  });
});
