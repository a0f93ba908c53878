import { EntityManager } from 'typeorm';
import type { Pair } from './matching.service';
import { reasonText } from './scoring';

const pairKey = (p: { needId: string | null; achievementId: string }) => `${p.needId}/${p.achievementId}`;

/**
 * Stores a quarterly page's pairs as MatchingService.store does (new ones proposed; a pair someone
 * has already acted on keeps its status, its score and reason are refreshed; each pair once, in key
 * order so that concurrent writers lock rows in the same order), in one statement whose rows go as
 * one JSON parameter that PostgreSQL unpacks (json_to_recordset). A page holds about 10,000 pairs:
 * as seven bind parameters a row, serialising and planning them cost the run more than the writes.
 */
export async function upsertPage(m: EntityManager, all: Pair[]): Promise<void> {
  const seen = new Set<string>();
  const pairs = all
    .filter((p) => p.needId && !seen.has(pairKey(p)) && seen.add(pairKey(p)))
    .sort((x, y) => ((x.needId as string) < (y.needId as string) ? -1 : x.needId === y.needId ? (x.achievementId < y.achievementId ? -1 : 1) : 1));
  if (!pairs.length) return;
  // The rows as UTF-8 JSON in a Buffer, a row at a time: each row's string is short-lived, and the
  // page (megabytes) is held outside the JS heap. PostgreSQL reads a json parameter sent in binary
  // as its text.
  const parts: Buffer[] = [Buffer.from('[')];
  for (const [i, p] of pairs.entries()) {
    const row = { n: p.needId, a: p.achievementId, s: p.score, b: p.breakdown, e: p.explanation, r: reasonText(p.explanation, 'zh-CN') };
    parts.push(Buffer.from(`${i ? ',' : ''}${JSON.stringify(row)}`));
  }
  parts.push(Buffer.from(']'));
  await m.query(
    `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source)
     SELECT x.n, x.a, x.s, x.b, x.e, x.r, 'quarterly' FROM json_to_recordset($1::json) AS x(n uuid, a uuid, s numeric, b jsonb, e jsonb, r text)
     ON CONFLICT (need_id, achievement_id) DO UPDATE
       SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,
           reason = EXCLUDED.reason, updated_at = now()`,
    [Buffer.concat(parts)],
  );
}
