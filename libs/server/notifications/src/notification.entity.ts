import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') type: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) params: Record<string, string>;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column('text') dedupeKey: string;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
