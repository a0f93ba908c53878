import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MembershipStatus, OrgRole, VerificationStatus } from '@ztt/contracts';

@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  /** A code from taxonomy.organisationTypes. */
  @Column('text') type: string;
  /** 统一社会信用代码, validated (GB 32100-2015) and stored upper-case. */
  @Column('text') creditCode: string;
  @Column('text') region: string;
  /** 乡镇/街道 within the region (free text, optional): where results reach (入县达镇). */
  @Column({ type: 'text', nullable: true }) town: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) industries: string[];
  /** 高新技术企业 / 科技型中小企业 (ORG_CREDENTIALS), checked with the verification */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) credentials: string[];
  @Column({ type: 'text', nullable: true }) website: string | null;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'text', default: VerificationStatus.Unverified }) verificationStatus: VerificationStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) verifiedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('membership')
export class Membership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') userId: string;
  @Column('text') role: OrgRole;
  @Column('text') status: MembershipStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
}
