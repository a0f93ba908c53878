import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './db-errors';

describe('isUniqueViolation', () => {
  it('recognises a unique violation from the pg driver and from TypeORM, and nothing else', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(isUniqueViolation(driver)).toBe(true);
    expect(isUniqueViolation(new QueryFailedError('INSERT …', [], driver))).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error('foreign key'), { code: '23503' }))).toBe(false);
    expect(isUniqueViolation(new Error('plain'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
