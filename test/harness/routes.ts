import { NestExpressApplication } from '@nestjs/platform-express';

export interface LiveRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the running Express app answers, read from its router (the live route table). */
export function liveRoutes(app: NestExpressApplication): LiveRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out: LiveRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return out;
}

/** Fills `:param` segments with a well-formed id that matches nothing. */
export function concretePath(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}
