import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DisclosureStatus, IpItem, ItemKind, ItemStatus, RightsGranted, TeamMember } from '@ztt/contracts';

/** Columns every catalogue item has (needs and achievements live in tables of their own). */
export abstract class CatalogueItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') ownerOrgId: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column('text') title: string;
  @Column('text') summary: string;
  /** Never indexed, never shown without the right to see it. */
  @Column({ type: 'text', default: '' }) confidentialDetails: string;
  @Column({ type: 'text', array: true }) chains: string[];
  @Column({ type: 'text', array: true }) industries: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) keywords: string[];
  @Column('text') region: string;
  @Column('smallint') trl: number;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) cooperationModes: string[];
  @Column('text') contactName: string;
  @Column({ type: 'text', nullable: true }) contactPhone: string | null;
  @Column({ type: 'text', nullable: true }) contactEmail: string | null;
  @Column({ type: 'text', default: ItemStatus.Draft }) status: ItemStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  /** The editable fields as last published, to show reviewers what changed. */
  @Column({ type: 'jsonb', nullable: true }) publishedSnapshot: object | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('tech_need')
export class TechNeed extends CatalogueItem {
  @Column('text') category: string;
  /** 万元, exact (numeric): read back as strings. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) budgetMin: string | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) budgetMax: string | null;
  @Column({ type: 'boolean', default: false }) budgetNegotiable: boolean;
  /** YYYY-MM-DD */
  @Column({ type: 'date', nullable: true }) deadline: string | null;
  @Column({ type: 'text', default: '' }) acceptanceCriteria: string;
}

@Entity('achievement')
export class Achievement extends CatalogueItem {
  @Column('text') maturityStage: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) ipItems: IpItem[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) team: TeamMember[];
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) askingPrice: string | null;
  @Column({ type: 'boolean', default: false }) priceNegotiable: boolean;
  @Column({ type: 'text', default: '' }) priceTerms: string;
  @Column({ type: 'text', default: '' }) applicationFields: string;
  @Column({ type: 'text', default: '' }) provenResults: string;
  /** 职务科技成果: a contract on it needs the owning organisation's approval before it is signed. */
  @Column({ type: 'boolean', default: false }) serviceInvention: boolean;
  /** FUNDING_SOURCES code, or null when not given. */
  @Column({ type: 'text', nullable: true }) fundingSource: string | null;
  /** 赋权 to the inventors. */
  @Column({ type: 'text', default: 'none' }) rightsGranted: RightsGranted;
}

@Entity('attachment')
export class Attachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') itemKind: ItemKind;
  @Column('uuid') itemId: string;
  @Column('text') fileName: string;
  /** Server-generated; the only name used on disk. */
  @Column('text') storedName: string;
  @Column('text') mimeType: string;
  @Column('integer') size: number;
  @Column({ type: 'uuid', nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('disclosure_request')
export class DisclosureRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') itemKind: ItemKind;
  @Column('uuid') itemId: string;
  @Column('uuid') requesterOrgId: string;
  @Column({ type: 'uuid', nullable: true }) requesterUserId: string | null;
  @Column('text') reason: string;
  @Column({ type: 'text', default: DisclosureStatus.Pending }) status: DisclosureStatus;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const CATALOGUE_ENTITIES = [TechNeed, Achievement, Attachment, DisclosureRequest];
