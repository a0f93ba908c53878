import { EntityManager } from 'typeorm';
import type { Pair } from './match-ranker';
import { reasonText } from './scoring';

const JSONB_VERSION = Buffer.from([1]);

const pairKey = (p: { needId: string | null; achievementId: string }) => `${p.needId}/${p.achievementId}`;

/**
 * Stores a quarterly page's pairs as MatchingService.store does (new ones proposed; a pair someone
 * has already acted on keeps its status, its score and reason are refreshed; each pair once, in key
 * order so that concurrent writers lock rows in the same order), in one statement whose rows go as
 * one jsonb parameter that PostgreSQL unpacks (jsonb_to_recordset). A page holds about 10,000 pairs:
 * as seven bind parameters a row, serialising and planning them cost the run more than the writes.
 * jsonb rather than json: the page is parsed once, and each row's breakdown and explanation are
 * taken from it as jsonb already; as json, each was parsed a second time into its jsonb column
 * (a quarter of the statement's time).
 */
export async function upsertPage(m: EntityManager, all: Pair[]): Promise<void> {
  const seen = new Set<string>();
  const pairs = all
    .filter((p) => p.needId && !seen.has(pairKey(p)) && seen.add(pairKey(p)))
    .sort((x, y) => ((x.needId as string) < (y.needId as string) ? -1 : x.needId === y.needId ? (x.achievementId < y.achievementId ? -1 : 1) : 1));
  if (!pairs.length) return;
  // The rows as UTF-8 JSON in a Buffer, a row at a time: each row's string is short-lived, and the
  // page (megabytes) is held outside the JS heap. A Buffer parameter goes in binary, and jsonb's
  // binary form is a version byte (1) and then the text.
  const parts: Buffer[] = [JSONB_VERSION, Buffer.from('[')];
  for (const [i, p] of pairs.entries()) {
    const row = { n: p.needId, a: p.achievementId, s: p.score, b: p.breakdown, e: p.explanation, r: reasonText(p.explanation, 'zh-CN') };
    parts.push(Buffer.from(`${i ? ',' : ''}${JSON.stringify(row)}`));
  }
  parts.push(Buffer.from(']'));
  await m.query(
    `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source)
     SELECT x.n, x.a, x.s, x.b, x.e, x.r, 'quarterly' FROM jsonb_to_recordset($1::jsonb) AS x(n uuid, a uuid, s numeric, b jsonb, e jsonb, r text)
     ON CONFLICT (need_id, achievement_id) DO UPDATE
       SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,
           reason = EXCLUDED.reason, updated_at = now()`,
    [Buffer.concat(parts)],
  );
}
