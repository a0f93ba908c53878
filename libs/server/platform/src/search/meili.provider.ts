import { Global, Module } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export const MEILI_CLIENT = Symbol('MEILI_CLIENT');

/** The one Meilisearch client. Only the server talks to Meilisearch; browsers never do. */
@Global()
@Module({
  providers: [
    {
      provide: MEILI_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Meilisearch({
          host: config.meili.url,
          apiKey: config.meili.masterKey,
          timeout: 5_000,
          // Uncompressed answers: Meilisearch is on the same machine or network, and compressing each
          // answer (and inflating it here) cost both sides CPU that search itself needs.
          requestInit: { headers: { 'Accept-Encoding': 'identity' } },
        }),
    },
  ],
  exports: [MEILI_CLIENT],
})
export class MeiliModule {}
