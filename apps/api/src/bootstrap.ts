import * as fs from 'node:fs';
import * as path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { AppConfig, createLogger, createRequestLogger, createValidationPipe, installRequestContext, installRequestLog, installSecurityHeaders, nestLogger } from '@ztt/platform';
import { PARTNER_KEY_BEARER_SCHEME, PARTNER_KEY_HEADER_SCHEME } from '@ztt/partners';
import { ApiModule } from './api.module';
import { PageTemplate } from './public-pages/page-template';
import { PublicPagesService } from './public-pages/public-pages.service';

export const API_PREFIX = 'api';

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('湛江科技成果转化对接平台 API')
    .setDescription('Zhanjiang technology-transfer marketplace. Errors share one body: { error: { code, message, requestId, details? } }.')
    .setVersion('1')
    .addBearerAuth()
    // The partner API's keys (docs/security.md #29): the same key in either header.
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: '合作机构 API 密钥 ztt_<keyId>_<secret> / a partner API key' }, PARTNER_KEY_HEADER_SCHEME)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'ztt_<keyId>_<secret>', description: '合作机构 API 密钥，作为 Bearer 发送 / a partner API key as a bearer token' },
      PARTNER_KEY_BEARER_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, doc, { operationIdFactory: (c, m) => `${c.replace(/Controller$/, '')}_${m}` });
}

export interface RouteEntry {
  method: string;
  path: string;
}

const routeTables = new WeakMap<NestFastifyApplication, RouteEntry[]>();

/** Every route the app declared (method and path, as registered with Fastify), once it is initialised. */
export function routeTable(app: NestFastifyApplication): RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/**
 * Builds the whole HTTP app — API, OpenAPI docs and the web app — on Fastify (docs/adr/0008-http-adapter.md),
 * without listening.
 */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger('api', config);
  const adapter = new FastifyAdapter({
    trustProxy: config.http.trustProxy,
    bodyLimit: config.http.bodyLimit,
    // As Express did: /api/x/ is /api/x, and an id a little too long is a 400 from its pipe, not a 404.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: nestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, path: route.url });
  });

  installRequestContext(fastify);
  installRequestLog(fastify, createRequestLogger('api', config));
  acceptJson(fastify);
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.url === `/${API_PREFIX}` || req.url.startsWith(`/${API_PREFIX}/`) || req.url.startsWith(`/${API_PREFIX}?`)) void reply.header('Cache-Control', 'no-store');
    done();
  });
  installSecurityHeaders(fastify, {
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
  });
  // Uploads are read by the routes that take them (@AcceptsOneFile), each with its own size limit.
  await app.register(multipart);
  // Parses Cookie for the one cookie the API reads, the refresh token on /api/auth (docs/security.md #28). Unsigned: the token is itself an opaque secret.
  await app.register(cookie);
  // Without HTTP_CORS_ORIGINS the API is same-origin only, which a browser enforces with no CORS
  // headers at all (a cross-origin page gets no Access-Control-Allow-Origin either way); the CORS
  // hook then only cost every request its work.
  if (config.http.corsOrigins.length) {
    app.enableCors({
      origin: (origin, cb) => cb(null, !origin || config.http.corsOrigins.includes(origin)),
      credentials: false,
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Exiting (not dying of the signal) after shutdown flushes the asynchronous log writes.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApi(app), { jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json` });
  const pages = app.get(PublicPagesService);
  fastify.get('/sitemap.xml', async (_req, reply) =>
    reply
      .header('Cache-Control', 'no-cache')
      .type('application/xml; charset=utf-8')
      .send(await pages.sitemap()),
  );
  fastify.get('/robots.txt', (_req, reply) => reply.header('Cache-Control', 'no-cache').type('text/plain; charset=utf-8').send(pages.robots()));
  await serveWebApp(app, fastify, config.http.webDistDir, pages, logger);
  return app;
}

/**
 * JSON bodies with Fastify's parser (which refuses __proto__ and constructor keys), except that an
 * empty body is an empty object, as clients sending `Content-Type: application/json` on a POST with
 * nothing to say expect.
 */
function acceptJson(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') done(null, {});
    else parse(req, body as string, done);
  });
}

/** A URL's path with its escapes decoded; null when an escape is malformed (no file of ours has such a name). */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * The built single-page app on the same port: a file of the build is sent as it is (assets cached
 * forever, the rest never), any other path outside /api gets index.html for the app's own router;
 * a public page gets it with its head and content rendered in (PublicPagesService), and a public
 * address naming nothing published gets it as a 404 kept out of indexes.
 */
async function serveWebApp(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  dir: string | null,
  pages: PublicPagesService,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) return;
  const template = new PageTemplate(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'));
  const files = new Set(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => '/' + path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
  );
  await app.register(fastifyStatic, { root: dir, serve: false, cacheControl: false, decorateReply: true });
  fastify.get('/*', (req, reply) => {
    const pathname = req.url.split('?')[0] as string;
    if (pathname === `/${API_PREFIX}` || pathname.startsWith(`/${API_PREFIX}/`)) return reply.callNotFound();
    const asked = decodedPath(pathname);
    const file = asked !== null && files.has(asked) ? asked : '/index.html';
    void reply.header('Cache-Control', file.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file === asked || asked === null || !template.usable) return reply.sendFile(file.slice(1));
    return renderPage(pages, template, asked, logger).then(({ status, html }) => {
      if (status === 404) void reply.header('X-Robots-Tag', 'noindex');
      return reply.code(status).type('text/html; charset=utf-8').send(html);
    });
  });
}

async function renderPage(pages: PublicPagesService, template: PageTemplate, pathname: string, logger: ReturnType<typeof createLogger>): Promise<{ status: number; html: string }> {
  try {
    const answer = await pages.answer(pathname);
    if (answer.kind === 'missing') return { status: 404, html: template.missing() };
    if (answer.kind === 'app') return { status: 200, html: template.plain() };
    return { status: 200, html: template.render(answer.page, pages.url(answer.page.path)) };
  } catch (err) {
    // The app still works without the server's copy of the page: it reads the API itself and shows what is wrong.
    logger.error({ err, pathname }, 'public page not rendered');
    return { status: 200, html: template.plain() };
  }
}
