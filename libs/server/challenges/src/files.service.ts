import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationStatus, AuditAction, ChallengeFileView, ITEM_LIMITS, MilestoneStatus } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, FileStore, UploadedFile } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { isMember } from './access';
import { ApplicationsService } from './applications.service';
import { ChallengeFile } from './challenge.entity';
import { MilestonesService } from './milestones.service';

/**
 * Proposal attachments and milestone deliverables, with the catalogue's upload checks: the type
 * is recognised from the bytes (PDF, images, Office), 10 MB at most, 20 per owner, a clean name.
 */
@Injectable()
export class ChallengeFilesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly applications: ApplicationsService,
    private readonly milestones: MilestonesService,
    private readonly audit: AuditService,
  ) {}

  async uploadToApplication(actor: AuthContext, applicationId: string, file: UploadedFile | undefined): Promise<ChallengeFileView> {
    const a = await this.applications.findVisible(actor, applicationId);
    if (!isMember(actor, a.orgId)) throw AppException.notFound();
    if (a.status !== ApplicationStatus.Submitted) throw AppException.invalidState();
    return this.store(actor, 'application', applicationId, file);
  }

  async uploadToMilestone(actor: AuthContext, milestoneId: string, file: UploadedFile | undefined): Promise<ChallengeFileView> {
    const { a, ms } = await this.milestones.load(actor, milestoneId);
    if (!isMember(actor, a.orgId)) throw AppException.notFound();
    if (![MilestoneStatus.Planned, MilestoneStatus.SentBack].includes(ms.status) || a.status !== ApplicationStatus.Awarded) throw AppException.invalidState();
    return this.store(actor, 'milestone', milestoneId, file);
  }

  /** Those who may see the application or milestone may download its files. */
  async open(actor: AuthContext, id: string): Promise<{ file: ChallengeFile; data: Buffer }> {
    const f = await this.db.manager.findOneBy(ChallengeFile, { id });
    if (!f) throw AppException.notFound();
    const orgId = f.ownerType === 'application' ? (await this.applications.findVisible(actor, f.ownerId)).orgId : (await this.milestones.load(actor, f.ownerId)).a.orgId;
    // A look from outside the team (reviewers, the owner, admins) leaves a trace.
    if (!isMember(actor, orgId))
      await this.audit.record({ action: AuditAction.ChallengeFileDownloaded, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_file', targetId: id });
    return { file: f, data: await this.files.read('attachments', f.storedName) };
  }

  private async store(actor: AuthContext, ownerType: ChallengeFile['ownerType'], ownerId: string, file: UploadedFile | undefined): Promise<ChallengeFileView> {
    const upload = this.files.accept(file);
    const count = await this.db.manager.countBy(ChallengeFile, { ownerType, ownerId });
    if (count >= ITEM_LIMITS.attachmentsMax) throw AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: ITEM_LIMITS.attachmentsMax } }]);
    const f = await this.files.keep('attachments', upload.file.buffer, async (storedName) => {
      const saved = await this.db.manager.save(
        this.db.manager.create(ChallengeFile, {
          ownerType,
          ownerId,
          fileName: upload.fileName,
          storedName,
          mimeType: upload.mimeType,
          size: upload.file.size,
          uploadedBy: actor.userId,
        }),
      );
      await this.audit.record({
        action: AuditAction.ChallengeFileUploaded,
        actorId: actor.userId,
        actorEmail: actor.email,
        targetType: `challenge_${ownerType}`,
        targetId: ownerId,
        detail: { fileId: saved.id, fileName: saved.fileName },
      });
      return saved;
    });
    return { id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size, createdAt: f.createdAt.toISOString() };
  }
}
