// The backtest workload: N stored radar.early_fraud_warning.created events
// replayed through fraud-warning-refund by the simulation (reads simulated,
// so each run reads the charge, decides, emails the risk team and ends).
// Prints events/s, the total time and the CPU time this process used (on a busy
// machine the wall time says more about the load than about Tollgate); the
// issue's target is 10,000 events in under a minute.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { applyDefinitions } from '../src/application/apply-definitions.ts';
import { silentLogger } from '../src/core/logger.ts';
import { parseDocuments } from '../src/definition/parse-documents.ts';
import { planBacktest, runBacktest } from '../src/simulation/run-backtest.ts';
import type { ReceivedEvent } from '../src/store/event-store.ts';
import { readConfig } from '../src/system/config.ts';
import { TollgateSystem } from '../src/system/tollgate-system.ts';
import { round, type Row } from './bench-support.ts';

export async function backtestBench(options: { dialect: 'sqlite' | 'postgres'; databaseUrl?: string; events: number }): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  const config = { ...readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback' }), databaseUrl: options.databaseUrl, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), sqliteSynchronous: 'FULL' as const };
  const system = await TollgateSystem.open({ config, logger: silentLogger });
  try {
    const recipe = readFileSync(new URL('../examples/fraud-warning-refund.yaml', import.meta.url), 'utf8');
    const team = parseDocuments(recipe).filter((document) => (document.value as { kind?: string }).kind === 'Team');
    await applyDefinitions(system.app, team);
    const definition = parseAllDocuments(recipe).map((document) => document.toJSON() as Record<string, unknown>).find((document) => document.kind === 'Workflow');
    const start = Date.now() - 10 * 86_400_000;
    for (let first = 0; first < options.events; first += 1000) {
      const batch: ReceivedEvent[] = [];
      for (let index = first; index < Math.min(options.events, first + 1000); index += 1) {
        const id = `evt_bench_${index}`;
        const receivedAt = new Date(start + index * 60_000);
        const created = Math.floor(receivedAt.getTime() / 1000);
        const object = { id: `issfr_${index}`, object: 'radar.early_fraud_warning', charge: `ch_bench_${index}`, fraud_type: 'misc', actionable: true, created, livemode: false };
        batch.push({ id, type: 'radar.early_fraud_warning.created', account: null, connectorId: 'stripe', livemode: false, created, payload: { id, object: 'event', type: 'radar.early_fraud_warning.created', created, data: { object } }, source: 'webhook', receivedAt });
      }
      await system.app.events.record(batch.map((event) => ({ event, matches: [] })));
    }
    const began = performance.now();
    const cpu = process.cpuUsage();
    const plan = await planBacktest(system.app, { definition, since: '30d' });
    const report = await runBacktest(system.app, plan, { onBatch: () => undefined });
    const seconds = (performance.now() - began) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (report.runs !== options.events) throw new Error(`the backtest started ${report.runs} runs of ${options.events} events`);
    return { dialect: options.dialect, events: report.events, runs: report.runs, 'events/s': round(report.events / seconds), 'total s': round(seconds), 'cpu s': round(cpuSeconds), summary: report.summary };
  } finally {
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
