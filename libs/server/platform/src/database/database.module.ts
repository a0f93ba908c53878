import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions, EntityList } from './data-source';

@Module({})
export class DatabaseModule {
  /** The app's connection (its own role, never the owner), with the entities of every domain. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(config.db.url, entities, {
              logging: config.db.logging,
              poolSize: config.db.poolSize,
              extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
            }),
        }),
      ],
    };
  }
}
