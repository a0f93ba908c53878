import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A financing deal closing: the request it is about, the deal, and the amount arranged (元). */
export interface FinancingClosing {
  requestId: string;
  dealId: string;
  /** 元, exact decimal text */
  arrangedAmount: string;
}

export type FinancingClosedHandler = (m: EntityManager, closing: FinancingClosing) => Promise<void>;

/**
 * The port through which a closing financing deal tells the financing side (the finance lib owns
 * financing requests; deals never reads or writes them). The finance lib registers its handler at
 * start-up; it runs inside the deal's transaction, so a refusal (say, an arranged amount above the
 * amount asked) rolls the move back and nothing changes.
 */
@Injectable()
export class FinancingDealPort {
  private handler: FinancingClosedHandler | null = null;

  register(handler: FinancingClosedHandler): void {
    this.handler = handler;
  }

  async closed(m: EntityManager, closing: FinancingClosing): Promise<void> {
    if (!this.handler) throw new Error('no financing handler registered: FinanceModule must be loaded to close a financing deal');
    await this.handler(m, closing);
  }
}
