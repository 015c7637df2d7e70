// The floor in the same run: bench/floor-server.ts in its own process under
// the same load generator, concurrency 64, the same sustained window.
import { fileURLToPath } from 'node:url';
import { openReader, type BenchTarget } from './bench-database.ts';
import { runLoad, WEBHOOK_SECRET } from './run-load.ts';
import { startProcess } from './server-process.ts';

export interface FloorFigures {
  runsPerSecond: number;
  cpuMsPerRun: number;
  /** Acknowledgement p99 at c=64: the floor stores the event, the run and its mail before it answers, so this is its event -> complete. */
  ackP99Ms: number;
  peakRssMb: number;
}

export async function floorBench(options: { target: BenchTarget; seconds: number }): Promise<FloorFigures> {
  const { target } = options;
  const server = await startProcess({
    module: fileURLToPath(new URL('./floor-server.ts', import.meta.url)),
    args: [],
    execArgv: ['--import', 'tsx'],
    env: { DIALECT: target.dialect, SQLITE_FILE: target.sqliteFile, DATABASE_URL: target.databaseUrl ?? '', SECRET: WEBHOOK_SECRET },
    ready: /floor listening at /,
  });
  try {
    const url = `${/listening at (\S+)/.exec(server.banner.join('\n'))?.[1] ?? ''}/webhooks/stripe/stripe`;
    const cpuBefore = server.cpuMs();
    const load = await runLoad({ url, seconds: options.seconds, concurrency: 64, prefix: `floor_${target.dialect}`, keepSent: false });
    const cpuMsPerRun = (server.cpuMs() - cpuBefore) / load.acks;
    const peakRssMb = server.peakRssMb();
    const reader = openReader(target);
    try {
      const [row] = await reader.rows<{ mails: number }>('SELECT COUNT(*) AS mails FROM outbox');
      if (Number(row?.mails) !== load.acks) throw new Error(`the floor acknowledged ${load.acks} events but holds ${row?.mails} mails`);
    } finally {
      await reader.close();
    }
    return { runsPerSecond: load.acks / load.seconds, cpuMsPerRun, ackP99Ms: load.ackLatencyMs.p99, peakRssMb };
  } finally {
    await server.stop();
  }
}
