import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A roster entry: a person holding the commissioner role, their home institution and specialties. */
@Entity('commissioner')
export class Commissioner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') institutionOrgId: string;
  @Column({ type: 'text', array: true }) chains: string[];
  @Column({ type: 'text', array: true }) keywords: string[];
  @Column('boolean') active: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A county a commissioner serves for a period, optionally a town or one enterprise or cooperative in it. */
@Entity('commissioner_assignment')
export class CommissionerAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') commissionerId: string;
  @Column('text') region: string;
  @Column({ type: 'text', nullable: true }) town: string | null;
  @Column({ type: 'uuid', nullable: true }) servedOrgId: string | null;
  @Column('date') startsOn: string;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** One planned service of a commissioner's yearly service list (年度科技服务清单). */
@Entity('commissioner_service_plan_item')
export class ServicePlanItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') commissionerId: string;
  @Column('smallint') year: number;
  @Column('text') title: string;
  @Column({ type: 'text', nullable: true }) target: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A service given: when, where, what, to whom; the served organisation's confirmation and rating once given. */
@Entity('commissioner_service_log')
export class ServiceLog {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') commissionerId: string;
  @Column('date') servedOn: string;
  @Column('text') place: string;
  @Column('text') content: string;
  @Column('uuid') servedOrgId: string;
  @Column({ type: 'uuid', nullable: true }) planItemId: string | null;
  @Column({ type: 'uuid', nullable: true }) confirmedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Column({ type: 'smallint', nullable: true }) rating: number | null;
  @Column({ type: 'text', nullable: true }) ratingComment: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A photo or scan of a logged service; its bytes are kept by the FileStore. */
@Entity('commissioner_service_file')
export class ServiceFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') logId: string;
  @Column('text') fileName: string;
  @Column('text') storedName: string;
  @Column('text') mimeType: string;
  @Column('integer') size: number;
  @Column('uuid') uploadedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const COMMISSIONER_ENTITIES = [Commissioner, CommissionerAssignment, ServicePlanItem, ServiceLog, ServiceFile];
