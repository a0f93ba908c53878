import { isConnectionLost, isRefusedCharacters } from './all-exceptions.filter';

describe('errors the filter answers other than 500', () => {
  it('takes a refused or lost database connection for a temporary outage (503)', () => {
    expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost({ message: 'the database system is starting up', driverError: { code: '57P03' } })).toBe(true);
    expect(isConnectionLost({ message: 'terminating connection due to administrator command', code: '57P01' })).toBe(true);
    expect(isConnectionLost({ message: 'connection failure', code: '08006' })).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }))).toBe(true);
  });

  it('does not take a query error or a bug for an outage', () => {
    expect(isConnectionLost({ message: 'duplicate key value violates unique constraint', code: '23505' })).toBe(false);
    expect(isConnectionLost(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
  });

  it('takes a NUL character refused by PostgreSQL for bad input (400)', () => {
    expect(isRefusedCharacters({ driverError: { code: '22021' } })).toBe(true);
    expect(isRefusedCharacters({ code: '23505' })).toBe(false);
  });
});
