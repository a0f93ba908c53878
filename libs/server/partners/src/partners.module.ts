import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CatalogueChanges, CatalogueModule, CatalogueWorkerModule } from '@ztt/catalogue';
import { ChallengeChanges } from '@ztt/challenges';
import { AdminPartnerKeysController } from './admin-partner-keys.controller';
import { PartnerKeyGuard, PartnerRequest, PublicRateLimitGuard } from './partner-auth';
import { PartnerController } from './partner.controller';
import { PartnerFeedService } from './partner-feed.service';
import { PartnerKeysService } from './partner-keys.service';
import { PartnerSubmissionsService } from './partner-submissions.service';
import { PartnerWebhooks } from './partner-webhooks.processor';
import { RateLimiter } from './rate-limiter';

/**
 * The partner API (API only): keys issued by admins, the change feed, the per-key and
 * per-address rate limits, and the usage log. The catalogue's and the challenges' change readers
 * are provided here: they are those domains' code over their own tables, needed only by this API.
 */
@Module({
  imports: [CatalogueModule],
  controllers: [PartnerController, AdminPartnerKeysController],
  providers: [
    PartnerKeysService,
    PartnerFeedService,
    PartnerSubmissionsService,
    RateLimiter,
    PartnerKeyGuard,
    CatalogueChanges,
    ChallengeChanges,
    { provide: APP_GUARD, useClass: PublicRateLimitGuard },
  ],
})
export class PartnersModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly keys: PartnerKeysService,
  ) {}

  /** Every call made with a real key is logged once answered, whatever the answer (refusals included). */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    fastify.addHook('onResponse', (req, reply, done) => {
      const r = req as PartnerRequest;
      const keyRow = r.partner?.id ?? r.partnerKeyRow;
      if (keyRow) this.keys.record(keyRow, req.method, req.routeOptions.url ?? req.url.split('?')[0], reply.statusCode);
      done();
    });
  }
}

/** The partner API's worker part: the `webhooks` scope's deliveries of newly published items. */
@Module({
  imports: [CatalogueWorkerModule],
  providers: [PartnerWebhooks],
})
export class PartnersWorkerModule {}
