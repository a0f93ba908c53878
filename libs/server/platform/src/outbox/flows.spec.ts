import { JobName } from '../queues/job-names';
import { checkOutboxHandlers, describeFlows, Flows } from './flows';
import { OutboxTopic } from './outbox';

const flows: Flows = {
  outbox: [
    { topic: OutboxTopic.NeedChanged, owner: 'Search.needsChanged', queues: [JobName.IndexBatch], publishes: [] },
    { topic: OutboxTopic.NotificationCreated, owner: 'Delivery.created', queues: [JobName.DeliverNotification], publishes: [] },
  ],
  jobs: [
    { name: JobName.IndexBatch, owner: 'Search.indexBatch', queues: [JobName.MatchItem], publishes: [] },
    { name: JobName.MatchItem, owner: 'Matching.match', queues: [], publishes: [OutboxTopic.NotificationCreated] },
    { name: JobName.DeliverNotification, owner: 'Delivery.deliver', queues: [], publishes: [] },
    { name: JobName.DealIdleScan, owner: 'Deals.idleScan', queues: [], publishes: [] },
  ],
};

describe('the event flow', () => {
  it('is printed from a topic through each handler and job to the notification delivery', () => {
    const text = describeFlows(flows);
    const chain = [
      'outbox need.changed',
      '→ Search.needsChanged',
      'job search.index-batch → Search.indexBatch',
      'job matching.match-item → Matching.match',
      'outbox notification.created',
      '→ Delivery.created',
      'job notifications.deliver → Delivery.deliver',
    ];
    const lines = text.split('\n').map((l) => l.trim());
    let at = -1;
    for (const step of chain) {
      const next = lines.indexOf(step, at + 1);
      expect({ step, found: next > at }).toEqual({ step, found: true });
      at = next;
    }
  });

  it('names a topic without a handler, and lists scheduled jobs apart', () => {
    const text = describeFlows(flows);
    expect(text).toContain('outbox achievement.changed\n  NO HANDLER');
    expect(text).toContain('jobs started by a schedule or a request:\n  job deals.idle-scan → Deals.idleScan');
    expect(checkOutboxHandlers(Object.values(OutboxTopic), flows)).toEqual(['outbox topic "achievement.changed" has no @OnOutbox handler']);
  });
});
