// Prints the demo accounts as JSON, for the launcher's closing screen.
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data';

process.stdout.write(JSON.stringify({ DEMO_PASSWORD, DEMO_USERS: DEMO_USERS.map(({ email, purpose }) => ({ email, purpose })) }));
