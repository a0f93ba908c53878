import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 政策性金融服务转介: an applicant sends an open financing request, with its explicit consent (when, by
 * whom, the words agreed to), to a bank for one policy programme it is eligible for (the conditions as
 * evaluated are kept); the bank accepts or declines with a note. Once per request, programme and bank.
 */
export class FinancingReferrals1766500000051 implements MigrationInterface {
  name = 'FinancingReferrals1766500000051';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE financing_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        programme text NOT NULL CHECK (length(programme) BETWEEN 1 AND 50),
        bank_org_id uuid NOT NULL REFERENCES organisation(id),
        consent_at timestamptz NOT NULL,
        consent_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        consent_text text NOT NULL CHECK (length(consent_text) BETWEEN 1 AND 200),
        conditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(conditions) = 'array'),
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined')),
        bank_note text CHECK (length(bank_note) <= 500),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, programme, bank_org_id),
        CHECK ((status = 'sent') = (decided_at IS NULL)),
        CHECK (status <> 'declined' OR bank_note IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX financing_referral_bank ON financing_referral (bank_org_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE financing_referral`);
  }
}
