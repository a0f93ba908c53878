import { User } from '@ztt/identity';
import { BrokerProfile } from '@ztt/matching';
import { DEMO_BROKER_PROFILES } from '../demo-data';
import { Seeder } from '../seeder';

/** The demo brokers' specialties and capacity, so demo matches are handed out on first start. */
export const brokersSeeder: Seeder = {
  name: 'brokers',
  async run({ manager }) {
    let created = 0;
    for (const p of DEMO_BROKER_PROFILES) {
      const user = await manager.findOneBy(User, { email: p.email });
      if (!user || (await manager.existsBy(BrokerProfile, { userId: user.id }))) continue;
      await manager.insert(BrokerProfile, { userId: user.id, chains: p.chains, regions: p.regions, capacity: p.capacity, active: true });
      created++;
    }
    return created;
  },
};
