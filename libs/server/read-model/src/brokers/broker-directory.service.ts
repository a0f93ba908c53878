import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { beijingDate, BROKER_RATING_PUBLIC_MIN, BrokerLevel, Page, PublicBrokerCard } from '@ztt/contracts';
import { CERTIFIED_ON } from '@ztt/matching';
import { AppException } from '@ztt/platform';
import { DataSource } from 'typeorm';

export interface BrokerDirectoryQuery {
  page: number;
  pageSize: number;
  firmOrgId?: string;
  chain?: string;
  region?: string;
}

interface Row {
  id: string;
  display_name: string;
  chains: string[];
  regions: string[];
  level: BrokerLevel | null;
  certified: boolean;
  firm_id: string | null;
  firm_name: string | null;
  deals_signed: number;
  contract_value: string;
  rating_count: number;
  rating_average: string | null;
  total: number;
}

/**
 * The public broker directory (/brokers): active brokers with their specialties, level, firm, the
 * deals they signed and the registered contract value (the same figures as their performance
 * report), and the average rating once BROKER_RATING_PUBLIC_MIN parties have rated. It reads the
 * matching, identity and deals tables at request time; it never shows an email or a phone.
 */
@Injectable()
export class BrokerDirectoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: BrokerDirectoryQuery): Promise<Page<PublicBrokerCard>> {
    const rows = await this.rows(q, null);
    return { items: rows.map(card), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<PublicBrokerCard> {
    const [row] = await this.rows({ page: 1, pageSize: 1 }, id);
    if (!row) throw AppException.notFound();
    return card(row);
  }

  private async rows(q: BrokerDirectoryQuery, id: string | null): Promise<Row[]> {
    const mine = `(d.lead_broker_id = b.id OR b.id = ANY(d.co_broker_ids))`;
    return (await this.db.query(
      `WITH b AS (
         SELECT u.id, u.display_name, coalesce(p.chains, '{}') AS chains, coalesce(p.regions, '{}') AS regions, p.level,
                coalesce(${CERTIFIED_ON('$1::date')}, false) AS certified,
                o.id AS firm_id, o.name AS firm_name
           FROM platform_role_assignment r
           JOIN app_user u ON u.id = r.user_id AND u.status = 'active'
           LEFT JOIN broker_profile p ON p.user_id = u.id
           LEFT JOIN organisation o ON o.id = p.firm_org_id
          WHERE r.role = 'broker' AND coalesce(p.active, true)
            AND ($2::uuid IS NULL OR u.id = $2) AND ($3::uuid IS NULL OR p.firm_org_id = $3)
            AND ($4::text IS NULL OR $4 = ANY(p.chains)) AND ($5::text IS NULL OR $5 = ANY(p.regions)))
       SELECT b.*,
              (SELECT count(*)::int FROM deal d WHERE ${mine}
                  AND EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed')) AS deals_signed,
              (SELECT coalesce(sum(c.total_amount), 0)::numeric(18, 2)::text FROM contract_registration c JOIN deal d ON d.id = c.deal_id
                WHERE ${mine} AND d.stage IN ('registered', 'fulfilled')) AS contract_value,
              (SELECT count(*)::int FROM deal_broker_rating x WHERE x.broker_id = b.id) AS rating_count,
              (SELECT round(avg(x.score), 2)::text FROM deal_broker_rating x WHERE x.broker_id = b.id) AS rating_average,
              count(*) OVER ()::int AS total
         FROM b
        ORDER BY b.certified DESC, array_position(ARRAY['senior', 'intermediate', 'junior'], b.level) NULLS LAST, b.display_name, b.id
        LIMIT $6 OFFSET $7`,
      [beijingDate(), id, q.firmOrgId ?? null, q.chain ?? null, q.region ?? null, q.pageSize, (q.page - 1) * q.pageSize],
    )) as Row[];
  }
}

function card(r: Row): PublicBrokerCard {
  return {
    userId: r.id,
    displayName: r.display_name,
    chains: r.chains,
    regions: r.regions,
    level: r.level,
    certified: r.certified,
    firm: r.firm_id ? { id: r.firm_id, name: r.firm_name ?? '' } : null,
    dealsSigned: r.deals_signed,
    registeredContractValue: r.contract_value,
    rating: r.rating_count >= BROKER_RATING_PUBLIC_MIN && r.rating_average ? { average: r.rating_average, count: r.rating_count } : null,
  };
}
