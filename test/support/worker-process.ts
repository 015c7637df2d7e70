// A worker as a child process, for durability tests: opens the store named by
// the environment and runs the real worker until killed.
import { silentLogger } from '../../src/core/logger.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';

const config = { ...readConfig(), sqliteSynchronous: 'NORMAL' as const };
const system = await TollgateSystem.open({
  config,
  logger: silentLogger,
  worker: { leaseMs: Number(process.env.TEST_LEASE_MS ?? 2000), pollMs: 50, concurrency: 16 },
});
await system.startWorker();
process.send?.('ready');
process.on('SIGTERM', () => void system.close().then(() => process.exit(0)));
