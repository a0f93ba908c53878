import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobHandler, JobName, JobOutcome } from '@ztt/platform';
import { DataSource } from 'typeorm';

/** Daily clean-up of spent credentials and old login attempts. Safe to run any number of times. */
@Injectable()
export class IdentityMaintenanceProcessor {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @JobHandler(JobName.PurgeExpiredAuth)
  async purge(): Promise<JobOutcome> {
    const tokens = await this.db.query(`DELETE FROM refresh_token WHERE expires_at < now() OR used_at < now() - interval '1 day'`);
    const sessions = await this.db.query(`DELETE FROM auth_session WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '30 days'`);
    const attempts = await this.db.query(`DELETE FROM login_attempt WHERE occurred_at < now() - interval '7 days'`);
    const n = (r: unknown): number => (Array.isArray(r) && typeof r[1] === 'number' ? r[1] : 0);
    return { status: 'success', detail: `tokens=${n(tokens)} sessions=${n(sessions)} attempts=${n(attempts)}` };
  }
}
