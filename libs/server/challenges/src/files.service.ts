import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationStatus, AuditAction, ChallengeFileView, ErrorCode, ITEM_LIMITS, MilestoneStatus } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { safeFileName, sniffMimeType } from '@ztt/catalogue';
import { APP_CONFIG, AppConfig, AppException, AuthContext, UploadedFile } from '@ztt/platform';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationsService,
    private readonly milestones: MilestonesService,
    private readonly audit: AuditService,
  ) {}

  private dir(): string {
    return path.join(this.config.dataDir, 'attachments');
  }

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
    if (!isMember(actor, orgId)) await this.audit.record({ action: AuditAction.ChallengeFileDownloaded, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_file', targetId: id });
    return { file: f, data: await fs.readFile(path.join(this.dir(), f.storedName)) };
  }

  private async store(actor: AuthContext, ownerType: ChallengeFile['ownerType'], ownerId: string, file: UploadedFile | undefined): Promise<ChallengeFileView> {
    if (!file) throw AppException.validation([{ field: 'file', code: 'isNotEmpty' }]);
    if (file.size > ITEM_LIMITS.attachmentBytesMax) throw new AppException(ErrorCode.PayloadTooLarge, HttpStatus.PAYLOAD_TOO_LARGE);
    const mimeType = sniffMimeType(file.buffer.subarray(0, 16), file.originalname);
    if (!mimeType || file.size === 0) throw new AppException(ErrorCode.UnsupportedFile, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    const count = await this.db.manager.countBy(ChallengeFile, { ownerType, ownerId });
    if (count >= ITEM_LIMITS.attachmentsMax) throw AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: ITEM_LIMITS.attachmentsMax } }]);
    const storedName = randomUUID();
    await fs.mkdir(this.dir(), { recursive: true });
    await fs.writeFile(path.join(this.dir(), storedName), file.buffer, { flag: 'wx', mode: 0o600 });
    try {
      const f = await this.db.manager.save(
        this.db.manager.create(ChallengeFile, { ownerType, ownerId, fileName: safeFileName(file.originalname), storedName, mimeType, size: file.size, uploadedBy: actor.userId }),
      );
      await this.audit.record({ action: AuditAction.ChallengeFileUploaded, actorId: actor.userId, actorEmail: actor.email, targetType: `challenge_${ownerType}`, targetId: ownerId, detail: { fileId: f.id, fileName: f.fileName } });
      return { id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size, createdAt: f.createdAt.toISOString() };
    } catch (e) {
      await fs.rm(path.join(this.dir(), storedName), { force: true });
      throw e;
    }
  }
}
