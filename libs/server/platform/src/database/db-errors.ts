/** PostgreSQL's SQLSTATE for a unique constraint that a write would break. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether a failed write broke a unique constraint: the one home for reading PostgreSQL's error
 * code, whether it reached us from TypeORM (QueryFailedError keeps the driver's code, and its
 * driverError) or from the pg driver directly.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return !!err && (err.code === UNIQUE_VIOLATION || err.driverError?.code === UNIQUE_VIOLATION);
}

/** PostgreSQL's SQLSTATE for an exclusion constraint that a write would break (e.g. overlapping booked slots). */
const EXCLUSION_VIOLATION = '23P01';

/** Whether a failed write broke an exclusion constraint (as isUniqueViolation reads the code). */
export function isExclusionViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return !!err && (err.code === EXCLUSION_VIOLATION || err.driverError?.code === EXCLUSION_VIOLATION);
}
