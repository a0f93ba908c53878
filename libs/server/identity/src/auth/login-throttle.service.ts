import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditAction, ErrorCode } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { APP_CONFIG, AppConfig, AppException } from '@ztt/platform';
import { Repository } from 'typeorm';
import { LoginAttempt } from '../entities';
import { PasswordService } from './password.service';

/**
 * Brute-force control (docs/security.md #10): an account locks after N failures in the lock window
 * (counted since its last success), and one address may try only so many logins a minute.
 * Attempts are counted by the e-mail given, so unknown users are answered exactly alike.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
  ) {}

  /**
   * A signed-in person re-entering their password (to change it, to delete the account) is a
   * login attempt too: a stolen access token cannot be used to guess the password faster than the
   * sign-in page allows. A wrong one answers 400 on `field`; too many answer 429.
   */
  async confirmPassword(user: { email: string; passwordHash: string }, password: string, field: string, clientAddress: string | null): Promise<void> {
    await this.assertAllowed(user.email, clientAddress);
    const ok = await this.passwords.verify(user.passwordHash, password);
    await this.recordAttempt(user.email, clientAddress, ok);
    if (!ok) throw AppException.validation([{ field, code: 'wrong_password' }]);
  }

  async assertAllowed(email: string, clientAddress: string | null): Promise<void> {
    const { loginMaxFailures, loginLockMinutes, loginPerAddressPerMinute } = this.config.auth;
    const [row] = (await this.attempts.query(
      `SELECT
         (SELECT count(*) FROM login_attempt a
           WHERE a.email = $1 AND NOT a.succeeded
             AND a.occurred_at > now() - make_interval(mins => $3)
             AND a.occurred_at > coalesce((SELECT max(occurred_at) FROM login_attempt s WHERE s.email = $1 AND s.succeeded), '-infinity')
         )::int AS failures,
         (SELECT count(*) FROM login_attempt a
           WHERE $2::text IS NOT NULL AND a.client_address = $2 AND a.occurred_at > now() - interval '1 minute'
         )::int AS from_address`,
      [email, clientAddress, loginLockMinutes],
    )) as { failures: number; from_address: number }[];
    if (row && (row.failures >= loginMaxFailures || row.from_address >= loginPerAddressPerMinute)) {
      await this.audit.record({
        action: AuditAction.LoginThrottled,
        result: 'denied',
        actorEmail: email,
        detail: { byAccount: row.failures >= loginMaxFailures, byAddress: row.from_address >= loginPerAddressPerMinute },
      });
      throw new AppException(ErrorCode.TooManyAttempts, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  async recordAttempt(email: string, clientAddress: string | null, succeeded: boolean): Promise<void> {
    await this.attempts.insert({ email, clientAddress, succeeded });
  }
}
