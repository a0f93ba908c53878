import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, JsonLogger } from '@ztt/platform';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP) running every queue's processors. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new JsonLogger('worker', config.log.level, config.log.json),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}
