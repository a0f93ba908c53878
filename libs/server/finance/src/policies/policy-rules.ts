import { compareDecimals, AMOUNT_PATTERN, ORG_CREDENTIALS, PolicyCondition, PolicyEligibility, PolicyProgramme, PolicySubject, TAXONOMY } from '@ztt/contracts';

/** The regions of Zhanjiang itself (the taxonomy's regions not marked as outside the city). */
const ZHANJIANG_REGIONS = new Set(TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code));

/** Whether one configured condition holds for the subject. */
function holds(c: PolicyCondition, s: PolicySubject): boolean {
  switch (c.kind) {
    case 'org_type':
      return c.types.includes(s.org.type);
    case 'org_verified':
      return s.org.verified;
    case 'credential_any':
      return c.credentials.some((x) => s.org.credentials.includes(x));
    case 'instrument':
      return c.instruments.includes(s.instrument);
    case 'amount_max':
      return compareDecimals(s.amount, c.amount) <= 0;
    case 'region_zhanjiang':
      return ZHANJIANG_REGIONS.has(s.org.region);
    case 'granted_patent':
      return s.grantedPatent;
  }
}

/**
 * Each programme's eligibility for a request: eligible when every condition holds; each condition
 * is reported met or unmet in the words the configuration gives it. Pure: no I/O, no clock.
 */
export function evaluatePolicies(programmes: readonly PolicyProgramme[], subject: PolicySubject): PolicyEligibility[] {
  return programmes.map((p) => {
    const conditions = p.conditions.map((c) => ({ kind: c.kind, met: holds(c, subject), text: c.text }));
    return { code: p.code, name: p.name, description: p.description, eligible: conditions.every((c) => c.met), conditions };
  });
}

/** Whether a piece of configuration is a {'zh-CN', en} text with both present. */
function isText(v: unknown): v is { 'zh-CN': string; en: string } {
  const t = v as Record<string, unknown> | null;
  return !!t && typeof t === 'object' && typeof t['zh-CN'] === 'string' && !!t['zh-CN'] && typeof t['en'] === 'string' && !!t['en'];
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0);

/**
 * Reads the programmes from configuration (the parsed JSON), refusing anything it cannot evaluate
 * with every problem named, so that a wrong file stops the process at boot rather than misjudging.
 */
export function parsePolicies(raw: unknown): PolicyProgramme[] {
  const problems: string[] = [];
  const list = (raw as { programmes?: unknown } | null)?.programmes;
  if (!Array.isArray(list) || !list.length) throw new Error('finance policies: "programmes" must be a non-empty array');
  const codes = new Set<string>();
  list.forEach((p: Record<string, unknown>, i) => {
    const at = `programmes[${i}]`;
    if (typeof p?.code !== 'string' || !/^[a-z][a-z0-9_]{1,49}$/.test(p.code)) problems.push(`${at}.code must be a lower-case code`);
    else if (codes.has(p.code)) problems.push(`${at}.code "${p.code}" is repeated`);
    else codes.add(p.code);
    if (!isText(p?.name)) problems.push(`${at}.name needs zh-CN and en`);
    if (!isText(p?.description)) problems.push(`${at}.description needs zh-CN and en`);
    if (!strings(p?.instruments)) problems.push(`${at}.instruments must list instruments`);
    if (!Array.isArray(p?.conditions) || !p.conditions.length) {
      problems.push(`${at}.conditions must list conditions`);
      return;
    }
    (p.conditions as Record<string, unknown>[]).forEach((c, j) => {
      const cat = `${at}.conditions[${j}]`;
      if (!isText(c?.text)) problems.push(`${cat}.text needs zh-CN and en`);
      switch (c?.kind) {
        case 'org_type':
          if (!strings(c.types)) problems.push(`${cat}.types must list organisation types`);
          break;
        case 'credential_any':
          if (!strings(c.credentials) || !c.credentials.every((x) => (ORG_CREDENTIALS as readonly string[]).includes(x)))
            problems.push(`${cat}.credentials must list ${ORG_CREDENTIALS.join(', ')}`);
          break;
        case 'instrument':
          if (!strings(c.instruments)) problems.push(`${cat}.instruments must list instruments`);
          break;
        case 'amount_max':
          if (typeof c.amount !== 'string' || !AMOUNT_PATTERN.test(c.amount)) problems.push(`${cat}.amount must be a decimal text in yuan`);
          break;
        case 'org_verified':
        case 'region_zhanjiang':
        case 'granted_patent':
          break;
        default:
          problems.push(`${cat}.kind "${String(c?.kind)}" is not known`);
      }
    });
  });
  if (problems.length) throw new Error(`finance policies are not valid:\n  - ${problems.join('\n  - ')}`);
  return list as PolicyProgramme[];
}
