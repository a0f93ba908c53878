import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditResult } from '@ztt/contracts';

export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

/** A row of the append-only audit log. The app may INSERT and SELECT, never UPDATE or DELETE. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text', nullable: true }) actorEmail: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', nullable: true }) targetType: string | null;
  @Column({ type: 'text', nullable: true }) targetId: string | null;
  @Column({ type: 'text' }) result: AuditResult;
  @Column({ type: 'text', nullable: true }) clientAddress: string | null;
  @Column({ type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail: AuditDetail | null;
}
