import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 科技金融: an organisation's credentials (高新技术企业 high_tech_enterprise, 科技型中小企业 sme_tech), claimed
 * by its admins and checked by a platform admin with the organisation's verification (a change sends a
 * verified organisation back through it). The policy referrals read them through OrganisationDirectory.
 */
export class OrganisationCredentials1766500000050 implements MigrationInterface {
  name = 'OrganisationCredentials1766500000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisation ADD COLUMN credentials text[] NOT NULL DEFAULT '{}'
         CHECK (credentials <@ ARRAY['high_tech_enterprise', 'sme_tech']::text[])`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP COLUMN credentials`);
  }
}
