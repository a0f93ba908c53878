import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EntityList } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queues/queue.module';
import { MeiliModule } from './search/meili.provider';

/** Configuration, database, queues and the search client: what both Nest apps stand on. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, entities: EntityList): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(entities), QueueModule, MeiliModule, CacheModule.register({ isGlobal: true })],
      exports: [ConfigModule, DatabaseModule, QueueModule, MeiliModule],
    };
  }
}
