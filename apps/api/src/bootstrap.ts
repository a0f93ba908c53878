import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig, createLogger, createValidationPipe, currentRequest, httpLogger, isHttpLike, nestLogger, renderError, requestContextMiddleware } from '@ztt/platform';
import { ErrorCode } from '@ztt/contracts';
import { ApiModule } from './api.module';

export const API_PREFIX = 'api';

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('湛江科技成果转化对接平台 API')
    .setDescription('Zhanjiang technology-transfer marketplace. Errors share one body: { error: { code, message, requestId, details? } }.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc, { operationIdFactory: (c, m) => `${c.replace(/Controller$/, '')}_${m}` });
}

/** Builds the whole HTTP app — API, OpenAPI docs and the web app — without listening. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createLogger('api', config);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    logger: nestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(httpLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // No upgrade-insecure-requests: the product is also served over plain http on localhost.
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({
    origin: (origin, cb) => cb(null, !origin || config.http.corsOrigins.includes(origin)),
    credentials: false,
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
  app.use(express.json({ limit: config.http.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: config.http.bodyLimit }));
  // Body-parser failures (bad JSON, too large) arrive here, before Nest's filters can see them.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isHttpLike(err)) return next(err);
    const code = err.status === 413 ? ErrorCode.PayloadTooLarge : ErrorCode.ValidationFailed;
    const ctx = currentRequest();
    res.status(err.status).json(renderError(code, ctx?.locale ?? 'zh-CN', ctx?.requestId));
  });
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Exiting (not dying of the signal) after shutdown flushes the asynchronous log writes.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApi(app), { jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json` });
  serveWebApp(app, config.http.webDistDir);
  return app;
}

/** The built single-page app on the same port: assets cached forever, index.html never. */
function serveWebApp(app: NestExpressApplication, dir: string | null): void {
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) return;
  const index = path.join(dir, 'index.html');
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith(`/${API_PREFIX}/`) || req.path === `/${API_PREFIX}`) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
