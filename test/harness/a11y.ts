import type { AxeResults, Result } from 'axe-core';
import { Page } from 'playwright-core';

/** The rules we hold every page to: WCAG 2.1 levels A and AA (what GB/T 37668-2019 follows). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation, in a form a failing test can print: the rule, how bad, and where. */
export interface A11yViolation {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string; why: string }[];
}

function short(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function readable(v: Result): A11yViolation {
  return {
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' >> '),
      html: short(n.html, 160),
      // axe's own explanation, e.g. the measured contrast ratio and the colours
      why: short(n.failureSummary ?? '', 240),
    })),
  };
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now, and returns the violations.
 * axe-core's source comes from the installed package, so nothing is fetched from the network.
 */
export async function axeViolations(page: Page): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { source } = require('axe-core') as { source: string };
    // Evaluated rather than added as a <script>: the app's Content-Security-Policy (script-src 'self')
    // refuses inline scripts, and it stays on, as a visitor gets it.
    await page.evaluate(source);
  }
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  )) as AxeResults;
  return results.violations.map(readable);
}

/** The violations as lines, one per element: `[serious] color-contrast: … at <selector> <html> — why`. */
export function describeViolations(violations: A11yViolation[]): string {
  return violations.flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.rule}: ${v.help}\n    at ${n.target}\n    ${n.html}\n    ${n.why}`)).join('\n');
}
