import { ConsultationStatus, ExpertKind, ExpertProfileStatus } from '@ztt/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person's expertise profile (one each): what they know, where they belong, whom they must not review. */
@Entity('expert_profile')
export class ExpertProfile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') kind: ExpertKind;
  @Column({ type: 'text', array: true }) chains: string[];
  @Column({ type: 'text', array: true }) keywords: string[];
  @Column({ type: 'text', array: true }) titles: string[];
  @Column('text') affiliations: string;
  @Column('text') bio: string;
  @Column({ type: 'uuid', array: true }) affiliatedOrgIds: string[];
  @Column('jsonb') conflicts: { orgId: string; reason: string }[];
  @Column({ type: 'text', default: ExpertProfileStatus.Pending }) status: ExpertProfileStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'uuid', nullable: true }) verifiedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) verifiedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An expert consultation on a need (专家咨询). */
@Entity('expert_consultation')
export class ExpertConsultation {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** what it is about: a need, or a deal (exactly one) */
  @Column({ type: 'uuid', nullable: true }) needId: string | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  /** the asking organisation: the need's owner, or the deal party the asker belongs to (for a broker, the demand side) */
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) requesterId: string | null;
  @Column('text') question: string;
  @Column({ type: 'uuid', nullable: true }) preferredProfileId: string | null;
  @Column({ type: 'uuid', nullable: true }) expertUserId: string | null;
  @Column({ type: 'text', default: ConsultationStatus.Requested }) status: ConsultationStatus;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) answeredAt: Date | null;
}

export const EXPERT_ENTITIES = [ExpertProfile, ExpertConsultation];
