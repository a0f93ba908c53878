import { RoadshowProjectStatus, RoadshowStatus } from '@ztt/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A roadshow (路演): an event run by a platform admin or broker where open financing requests present to investors. */
@Entity('roadshow')
export class Roadshow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text') description: string;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) endsAt: Date | null;
  @Column({ type: 'text', nullable: true }) place: string | null;
  @Column({ type: 'text', nullable: true }) onlineLink: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) chains: string[];
  @Column({ type: 'text', default: RoadshowStatus.Draft }) status: RoadshowStatus;
  @Column({ type: 'uuid', nullable: true }) organiserId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) heldAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** A financing request invited to present; its applicant organisation accepts (consents) or declines. */
@Entity('roadshow_project')
export class RoadshowProject {
  @PrimaryColumn('uuid') roadshowId: string;
  @PrimaryColumn('uuid') requestId: string;
  @Column({ type: 'text', default: RoadshowProjectStatus.Invited }) status: RoadshowProjectStatus;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A finance organisation invited to a roadshow. */
@Entity('roadshow_investor')
export class RoadshowInvestor {
  @PrimaryColumn('uuid') roadshowId: string;
  @PrimaryColumn('uuid') orgId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A finance member's sign-up (once per person and roadshow). */
@Entity('roadshow_signup')
export class RoadshowSignup {
  @PrimaryColumn('uuid') roadshowId: string;
  @PrimaryColumn('uuid') userId: string;
  /** the finance organisation they come for */
  @Column('uuid') orgId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A follow-up logged after the event by a broker or admin: which investor, which project, what next. */
@Entity('roadshow_follow_up')
export class RoadshowFollowUp {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') roadshowId: string;
  @Column('uuid') investorOrgId: string;
  @Column('uuid') requestId: string;
  @Column('text') note: string;
  @Column('text') nextStep: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const ROADSHOW_ENTITIES = [Roadshow, RoadshowProject, RoadshowInvestor, RoadshowSignup, RoadshowFollowUp];
