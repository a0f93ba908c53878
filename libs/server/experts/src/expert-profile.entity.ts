import { ExpertKind, ExpertProfileStatus } from '@ztt/contracts';
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

export const EXPERT_ENTITIES = [ExpertProfile];
