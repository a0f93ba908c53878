import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserStatus } from '@ztt/contracts';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored trimmed and lower-cased; unique case-insensitively. */
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) displayName: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', default: 'zh-CN' }) locale: string;
  @Column({ type: 'text', default: UserStatus.Active }) status: UserStatus;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
