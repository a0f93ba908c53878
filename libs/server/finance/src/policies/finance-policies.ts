import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { PolicyProgramme } from '@ztt/contracts';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import builtIn from './policy-programmes.json';
import { parsePolicies } from './policy-rules';

/**
 * The policy programmes in force: read once at boot from FINANCE_POLICIES_FILE when set, else the
 * copy built into this lib (policy-programmes.json). A file that cannot be evaluated stops the boot.
 */
@Injectable()
export class FinancePolicies {
  readonly programmes: PolicyProgramme[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const file = config.finance?.policiesFile ?? null;
    this.programmes = parsePolicies(file ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : builtIn);
  }

  find(code: string): PolicyProgramme | undefined {
    return this.programmes.find((p) => p.code === code);
  }
}

/** The programmes of the built-in configuration (the demo data evaluates against them). */
export function builtInFinancePolicies(): PolicyProgramme[] {
  return parsePolicies(builtIn);
}
