import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One side's rating of a deal's lead broker; UNIQUE (deal, side): each side rates once. */
@Entity('deal_broker_rating')
export class DealBrokerRating {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('uuid') brokerId: string;
  @Column('text') side: 'demand' | 'supply';
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) ratedBy: string | null;
  @Column('smallint') score: number;
  @Column({ type: 'text', default: '' }) comment: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
