import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, createLogger, nestLogger } from '@ztt/platform';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP) running every queue's processors. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: nestLogger(createLogger('worker', config)),
    abortOnError: false,
  });
  // Exiting (not dying of the signal) after shutdown flushes the asynchronous log writes.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  return app;
}
