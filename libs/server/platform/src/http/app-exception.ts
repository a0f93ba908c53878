import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@ztt/contracts';

export interface FieldProblemSpec {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Thrown for every expected failure. The filter renders it in the caller's language from
 * the message catalogue in @ztt/contracts; no user-facing text lives in server code.
 */
export class AppException extends HttpException {
  constructor(
    public readonly code: ErrorCode,
    status: HttpStatus,
    public readonly fields: FieldProblemSpec[] = [],
  ) {
    super(code, status);
  }

  static notFound(): AppException {
    return new AppException(ErrorCode.NotFound, HttpStatus.NOT_FOUND);
  }
  static validation(fields: FieldProblemSpec[]): AppException {
    return new AppException(ErrorCode.ValidationFailed, HttpStatus.BAD_REQUEST, fields);
  }
  static conflict(code: ErrorCode = ErrorCode.Conflict): AppException {
    return new AppException(code, HttpStatus.CONFLICT);
  }
  static invalidState(): AppException {
    return new AppException(ErrorCode.InvalidState, HttpStatus.CONFLICT);
  }
  static forbidden(): AppException {
    return new AppException(ErrorCode.Forbidden, HttpStatus.FORBIDDEN);
  }
}
