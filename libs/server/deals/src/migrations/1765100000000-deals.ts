import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The broker's deal desk: deals with their shared timeline, the brokers' private notes, tasks,
 * documents (versions kept), messages to the parties, and the contract recorded for
 * 技术合同认定登记. Amounts are numeric (元, two decimals), never floats.
 */
export class Deals1765100000000 implements MigrationInterface {
  name = 'Deals1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        match_id uuid UNIQUE REFERENCES match(id) ON DELETE SET NULL,
        need_id uuid REFERENCES tech_need(id) ON DELETE SET NULL,
        achievement_id uuid REFERENCES achievement(id) ON DELETE SET NULL,
        -- a 揭榜挂帅 award; the challenges lib owns that table, so no foreign key here
        challenge_id uuid,
        demand_org_id uuid NOT NULL REFERENCES organisation(id),
        supply_org_id uuid NOT NULL REFERENCES organisation(id),
        demand_contact jsonb,
        supply_contact jsonb,
        lead_broker_id uuid NOT NULL REFERENCES app_user(id),
        co_broker_ids uuid[] NOT NULL DEFAULT '{}',
        stage text NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'signed', 'registered', 'fulfilled', 'lost')),
        stage_changed_at timestamptz NOT NULL DEFAULT now(),
        lost_reason text,
        lost_note text,
        expected_value numeric(16, 2) CHECK (expected_value >= 0),
        cooperation_mode text,
        next_step text NOT NULL DEFAULT '',
        next_step_due date,
        nda_document_id uuid,
        nda_signed_on date,
        commission_kind text CHECK (commission_kind IN ('percentage', 'fixed')),
        commission_rate numeric(5, 2) CHECK (commission_rate >= 0 AND commission_rate <= 100),
        commission_amount numeric(16, 2) CHECK (commission_amount >= 0),
        commission_status text NOT NULL DEFAULT 'none' CHECK (commission_status IN ('none', 'proposed', 'approved', 'rejected')),
        commission_proposed_by uuid REFERENCES app_user(id),
        commission_decided_by uuid REFERENCES app_user(id),
        commission_decided_at timestamptz,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        idle_reminded_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (demand_org_id <> supply_org_id)
      );
      CREATE INDEX deal_lead_broker_idx ON deal (lead_broker_id, stage);
      CREATE INDEX deal_co_brokers_idx ON deal USING gin (co_broker_ids);
      CREATE INDEX deal_demand_org_idx ON deal (demand_org_id);
      CREATE INDEX deal_supply_org_idx ON deal (supply_org_id);
      CREATE INDEX deal_idle_idx ON deal (last_activity_at) WHERE stage IN ('lead', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'signed');

      CREATE TABLE deal_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        type text NOT NULL,
        from_stage text,
        to_stage text,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX deal_event_deal_idx ON deal_event (deal_id, created_at);

      CREATE TABLE deal_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX deal_note_deal_idx ON deal_note (deal_id, created_at);

      CREATE TABLE deal_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz,
        assignee_id uuid NOT NULL REFERENCES app_user(id),
        done_at timestamptz,
        reminded_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX deal_task_deal_idx ON deal_task (deal_id);

      CREATE TABLE deal_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('nda', 'term_sheet', 'contract_draft', 'contract', 'other')),
        title text NOT NULL,
        version integer NOT NULL,
        file_name text NOT NULL,
        stored_name text NOT NULL,
        mime_type text NOT NULL,
        size integer NOT NULL,
        shared boolean NOT NULL DEFAULT true,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (deal_id, kind, title, version)
      );

      CREATE TABLE deal_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        audience text NOT NULL CHECK (audience IN ('both', 'demand', 'supply')),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX deal_message_deal_idx ON deal_message (deal_id, created_at);

      CREATE TABLE contract_registration (
        deal_id uuid PRIMARY KEY REFERENCES deal(id) ON DELETE CASCADE,
        contract_no text NOT NULL DEFAULT '',
        contract_name text NOT NULL,
        contract_type text NOT NULL,
        contract_subtype text NOT NULL,
        buyer_name text NOT NULL,
        buyer_credit_code text NOT NULL,
        seller_name text NOT NULL,
        seller_credit_code text NOT NULL,
        signed_on date NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        total_amount numeric(16, 2) NOT NULL CHECK (total_amount >= 0),
        tech_amount numeric(16, 2) NOT NULL CHECK (tech_amount >= 0 AND tech_amount <= total_amount),
        payment_terms text NOT NULL,
        source_need_id uuid,
        source_achievement_id uuid,
        source_challenge_id uuid,
        registration_number text,
        registered_on date,
        recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX contract_registration_number_idx ON contract_registration (registration_number) WHERE registration_number IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_registration, deal_message, deal_document, deal_task, deal_note, deal_event, deal`);
  }
}
