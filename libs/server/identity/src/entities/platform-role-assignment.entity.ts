import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PlatformRole } from '@ztt/contracts';

/** Platform roles are rows, granted by a platform admin and read on every request. */
@Entity('platform_role_assignment')
export class PlatformRoleAssignment {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn('text') role: PlatformRole;
  /** county_official only: the county (region code) the role is scoped to */
  @Column({ type: 'text', nullable: true }) county: string | null;
  @Column({ type: 'uuid', nullable: true }) grantedBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) grantedAt: Date;
}
