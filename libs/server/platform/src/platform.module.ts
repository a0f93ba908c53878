import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EntityList } from './database/data-source';
import { FileStoreModule } from './files/file-store';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queues/queue.module';
import { MeiliModule } from './search/meili.provider';

/** Answers kept in memory by one process at most (the least recently used go first). */
export const MEMORY_CACHE_ENTRIES = 2_000;

/**
 * The process's one in-memory cache (cache-manager): bounded, so that many different URLs or
 * queries cannot grow it without end, and holding the values themselves (no JSON round trip on
 * each read), so a value taken from it must never be changed.
 */
function memoryCache(): Keyv {
  return new Keyv({ store: new LRUCache<string, object>({ max: MEMORY_CACHE_ENTRIES }), serialize: undefined, deserialize: undefined });
}

/** Configuration, database, queues, the search client and the file store: what both Nest apps stand on. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, entities: EntityList): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(entities),
        QueueModule,
        MeiliModule,
        FileStoreModule,
        CacheModule.register({ isGlobal: true, stores: [memoryCache()] }),
      ],
      exports: [ConfigModule, DatabaseModule, QueueModule, MeiliModule, FileStoreModule],
    };
  }
}
