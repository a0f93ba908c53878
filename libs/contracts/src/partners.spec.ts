import { partnerWebhookEvent } from './partners';

describe("partnerWebhookEvent: what a key's webhook is told about a change of an item", () => {
  const published = (version: number) => ({ published: true, version });
  const gone = (version: number) => ({ published: false, version });

  it('tells of a publication the key has not heard of, and of nothing for a draft it never saw', () => {
    expect(partnerWebhookEvent(published(2), null)).toBe('published');
    expect(partnerWebhookEvent(gone(1), null)).toBeNull();
  });

  it('tells of a later version while published, never of the same one twice', () => {
    expect(partnerWebhookEvent(published(5), { event: 'published', version: 2 })).toBe('updated');
    expect(partnerWebhookEvent(published(5), { event: 'updated', version: 5 })).toBeNull();
  });

  it('tells once that an item left the catalogue, and of its publication again after that', () => {
    expect(partnerWebhookEvent(gone(6), { event: 'updated', version: 5 })).toBe('withdrawn');
    expect(partnerWebhookEvent(gone(7), { event: 'withdrawn', version: 6 })).toBeNull();
    expect(partnerWebhookEvent(published(8), { event: 'withdrawn', version: 6 })).toBe('published');
  });
});
