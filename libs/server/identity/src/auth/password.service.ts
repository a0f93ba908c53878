import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { ErrorCode, passwordProblem } from '@ztt/contracts';
import { APP_CONFIG, AppConfig, AppException } from '@ztt/platform';

// `Algorithm` is a const enum in the typings; name the value so isolated transpilers keep it.
const ARGON2ID = 2 as Algorithm;

@Injectable()
export class PasswordService {
  /** A real hash to verify against for unknown users, so both paths take the same time. */
  private decoy: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Refuses a password that breaks the policy, with the reason as a field problem. */
  assertAcceptable(password: string, field = 'password'): void {
    const problem = passwordProblem(password);
    if (problem) throw new AppException(ErrorCode.WeakPassword, HttpStatus.BAD_REQUEST, [{ field, code: problem }]);
  }

  hash(password: string): Promise<string> {
    return hash(password, {
      algorithm: ARGON2ID,
      memoryCost: this.config.auth.argon2MemoryKib,
      timeCost: this.config.auth.argon2Iterations,
      parallelism: 1,
    });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.decoy ??= this.hash('decoy password that matches nothing');
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
