import { securityHeaders } from './security-headers';

describe('security headers worked out once from helmet', () => {
  it('gives the CSP with our directives and helmet’s other headers, in lower case', () => {
    const h = securityHeaders({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'upgrade-insecure-requests': null } }, crossOriginEmbedderPolicy: false });
    expect(h['content-security-policy']).toContain("script-src 'self'");
    expect(h['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(h['cross-origin-embedder-policy']).toBeUndefined();
    expect(Object.keys(h).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('leaves out a header helmet is told not to send', () => {
    expect(securityHeaders({ xFrameOptions: false })['x-frame-options']).toBeUndefined();
  });
});
