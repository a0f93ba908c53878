import fs from 'node:fs';

export default async function globalTeardown() {
  const services = globalThis.__ZTT_SERVICES__;
  if (!services) return;
  await Promise.all(services.stops.map((stop) => stop().catch(() => undefined)));
  fs.rmSync(services.dir, { recursive: true, force: true });
}
