import { beijingDate, ErrorCode } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { EntityManager } from 'typeorm';
import { DealApproval } from './deal-approval.entity';

/**
 * What holds a deal back from `signed` for want of its organisation's approval: null when nothing
 * does (no achievement, not a service invention, or approved with its notice period over, Beijing
 * date), else the error to answer with.
 */
export async function signingHold(
  m: EntityManager,
  catalogue: CatalogueReader,
  deal: { id: string; achievementId: string | null },
): Promise<ErrorCode.ServiceInventionApprovalRequired | ErrorCode.ServiceInventionNoticeRunning | null> {
  if (!deal.achievementId) return null;
  const card = await catalogue.serviceInvention(deal.achievementId, m);
  if (!card?.serviceInvention) return null;
  const approved = await m.findOneBy(DealApproval, { dealId: deal.id, status: 'approved' });
  if (!approved) return ErrorCode.ServiceInventionApprovalRequired;
  if (approved.noticeEndsOn && approved.noticeEndsOn > beijingDate()) return ErrorCode.ServiceInventionNoticeRunning;
  return null;
}
