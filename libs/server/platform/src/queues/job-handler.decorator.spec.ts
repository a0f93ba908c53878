import { checkJobHandlers } from './job-handler.decorator';
import { JobName } from './job-names';

describe('job handler registry check', () => {
  const all = Object.values(JobName);

  it('passes when each job has exactly one handler', () => {
    expect(
      checkJobHandlers(
        all,
        all.map((name) => ({ name, owner: `H.${name}` })),
      ),
    ).toEqual([]);
  });

  it('refuses a job with no handler', () => {
    expect(checkJobHandlers(all, [])).toEqual(all.map((n) => `job "${n}" has no handler`));
  });

  it('refuses a job with two handlers, naming both', () => {
    const name = all[0] as JobName;
    const problems = checkJobHandlers(
      [name],
      [
        { name, owner: 'A.run' },
        { name, owner: 'B.run' },
      ],
    );
    expect(problems).toEqual([`job "${name}" has 2 handlers: A.run, B.run`]);
  });
});
