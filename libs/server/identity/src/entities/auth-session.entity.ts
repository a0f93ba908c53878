import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in session: one refresh-token family. Access tokens name it (`sid`), so revoking it
 * (logout, password change, disabled account, refresh-token reuse) ends them at once.
 */
@Entity('auth_session')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
  @Column({ type: 'text', nullable: true }) clientAddress: string | null;
}

@Entity('refresh_token')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') sessionId: string;
  /** SHA-256 of the token; the token itself is never stored. */
  @Column('text') tokenHash: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
}

@Entity('login_attempt')
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') email: string;
  @Column({ type: 'text', nullable: true }) clientAddress: string | null;
  @Column('boolean') succeeded: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
}
