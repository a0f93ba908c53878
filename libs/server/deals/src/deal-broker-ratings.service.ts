import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BrokerRatingsAdminView, BrokerRatingSummary, BrokerRatingView, DealBrokerRatingState, DealStage, ErrorCode, PlatformRole } from '@ztt/contracts';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { AppException, AuthContext, isUniqueViolation } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { isDealBroker } from './deal-access';
import { DealBrokerRating } from './deal-broker-rating.entity';
import { Deal } from './deal.entity';
import { DealsService } from './deals.service';

/** The stages after which the parties rate the broker: signed (and what follows it) or lost. */
const RATING_OPEN: readonly DealStage[] = [DealStage.Signed, DealStage.Registered, DealStage.Fulfilled, DealStage.Closed, DealStage.Lost];

/**
 * The parties' ratings of a deal's lead broker. Each side (the demand organisation, the supply
 * organisation: deal-access.ts) rates once, any of its members, after the deal is signed or lost.
 * Comments and single scores are for admins; a broker sees their own average.
 */
@Injectable()
export class DealBrokerRatings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deals: DealsService,
    private readonly orgs: OrganisationDirectory,
    private readonly people: PeopleDirectory,
  ) {}

  /** What the deal page shows: whether the caller's side may still rate (404 for outsiders). */
  async state(actor: AuthContext, dealId: string): Promise<DealBrokerRatingState> {
    const access = await this.deals.access(actor, dealId);
    const rows = await this.db.getRepository(DealBrokerRating).find({ where: { dealId }, order: { createdAt: 'ASC' } });
    const rated = rows.map((r) => r.side);
    const open = RATING_OPEN.includes(access.deal.stage);
    const canRate = open && !isDealBroker(actor, access.deal) ? access.sides.filter((s) => !rated.includes(s)) : [];
    return {
      brokerId: access.deal.leadBrokerId,
      open,
      ratedSides: rated,
      canRateSides: canRate,
      ratings: access.role === 'admin' ? await this.views(rows, new Map([[dealId, access.deal.title]])) : [],
    };
  }

  /** A member of a party rates the broker for their side, once; the second try is refused (409). */
  async rate(actor: AuthContext, dealId: string, input: { score: number; comment: string }): Promise<DealBrokerRatingState> {
    const access = await this.deals.access(actor, dealId);
    const deal: Deal = access.deal;
    if (!access.sides.length || isDealBroker(actor, deal)) throw new AppException(ErrorCode.NotDealParty, 403);
    if (!RATING_OPEN.includes(deal.stage)) throw AppException.conflict(ErrorCode.BrokerRatingNotOpen);
    const rated = new Set((await this.db.getRepository(DealBrokerRating).find({ select: { side: true }, where: { dealId } })).map((r) => r.side));
    const side = access.sides.find((s) => !rated.has(s));
    if (!side) throw AppException.conflict(ErrorCode.BrokerAlreadyRated);
    try {
      await this.db.getRepository(DealBrokerRating).insert({
        dealId,
        brokerId: deal.leadBrokerId,
        side,
        orgId: side === 'demand' ? deal.demandOrgId : deal.supplyOrgId,
        ratedBy: actor.userId,
        score: input.score,
        comment: input.comment.trim(),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.BrokerAlreadyRated);
      throw e;
    }
    return this.state(actor, dealId);
  }

  /** A broker's count and average (the broker's own figure; the public one needs 3 ratings). */
  async summary(brokerId: string): Promise<BrokerRatingSummary> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS count, round(avg(score), 2)::text AS average FROM deal_broker_rating WHERE broker_id = $1`, [brokerId])) as {
      count: number;
      average: string | null;
    }[];
    return { count: row?.count ?? 0, average: row?.average ?? null };
  }

  /** Every rating of a broker with its comment, newest first (platform admins). */
  async forAdmin(brokerId: string): Promise<BrokerRatingsAdminView> {
    if (!(await this.people.holdersOf(PlatformRole.Broker, [brokerId])).has(brokerId)) throw AppException.notFound();
    const rows = await this.db.getRepository(DealBrokerRating).find({ where: { brokerId }, order: { createdAt: 'DESC' } });
    const deals = rows.length ? await this.db.getRepository(Deal).find({ select: { id: true, title: true }, where: rows.map((r) => ({ id: r.dealId })) }) : [];
    return { ...(await this.summary(brokerId)), ratings: await this.views(rows, new Map(deals.map((d) => [d.id, d.title]))) };
  }

  private async views(rows: DealBrokerRating[], titles: Map<string, string>): Promise<BrokerRatingView[]> {
    const names = await this.orgs.names(rows.map((r) => r.orgId));
    return rows.map((r) => ({
      id: r.id,
      dealId: r.dealId,
      dealTitle: titles.get(r.dealId) ?? '',
      brokerId: r.brokerId,
      side: r.side,
      orgId: r.orgId,
      orgName: names.get(r.orgId) ?? '',
      score: r.score,
      comment: r.comment,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
