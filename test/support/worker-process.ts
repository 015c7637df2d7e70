// A worker as a child process, for durability tests: opens the store named by
// the environment and runs the real worker until killed. With TEST_SANDBOX_URL
// its built-in stripe connector points at that Stripe sandbox. With
// TEST_CRASH_STEP the process kills itself (SIGKILL) when it is about to run
// the step at that path, as a step whose evaluation aborts the process would;
// with TEST_CRASH_BEFORE_NOTIFY, when the approval step at that path has opened
// its task and is about to email its approvers.
import { FaultPoint, FaultPoints } from '../../src/core/fault-points.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { sandboxConnector } from './stripe-stack.ts';

// Tests talk to servers on this machine: loopback is allowed explicitly, as production never has it by default.
const config = { ...readConfig(), sqliteSynchronous: 'NORMAL' as const, outboundAllow: 'loopback' };
const sandboxUrl = process.env.TEST_SANDBOX_URL;
const faults = new FaultPoints();
const crashStep = process.env.TEST_CRASH_STEP;
if (crashStep) faults.arm(FaultPoint.stepRun, { key: crashStep, act: () => process.kill(process.pid, 'SIGKILL') });
const crashBeforeNotify = process.env.TEST_CRASH_BEFORE_NOTIFY;
if (crashBeforeNotify) faults.arm(FaultPoint.approvalNotify, { key: crashBeforeNotify, act: () => process.kill(process.pid, 'SIGKILL') });
const system = await TollgateSystem.open({
  config,
  logger: silentLogger,
  faults,
  worker: { leaseMs: Number(process.env.TEST_LEASE_MS ?? 2000), pollMs: 50, concurrency: 16 },
  ...(sandboxUrl ? { builtInConnectors: [sandboxConnector(sandboxUrl, process.env.TEST_WEBHOOK_SECRET ?? '')] } : {}),
  ...(process.env.TEST_ACTION_TIMEOUT_MS ? { actionTimeoutMs: Number(process.env.TEST_ACTION_TIMEOUT_MS) } : {}),
});
await system.startWorker();
process.send?.('ready');
process.on('SIGTERM', () => void system.close().then(() => process.exit(0)));
