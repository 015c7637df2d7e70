// P4: many runs parked at once. `tollgate start` runs one approval run and one
// timer run of bench/parked-definitions.yaml for real; with the server
// stopped, their rows (runs, journal, approval task, work item) are cloned in
// bulk by SQL into `runs` parked runs: half on approvals, half on timers due
// in 30 days but for a few thousand due a little after the restart, spread
// over TIMER_SECONDS; PostgreSQL vacuums and analyzes the bulk first, as its
// autovacuum would have long before in production. (The approval notification
// mails are not cloned: they are a log, not the parked state.) Then the restarted server, once idle, is measured:
// its peak RSS, the approvals inbox as an approver, and how late the timers
// that come due finish.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openReader, type BenchReader, type BenchTarget } from './bench-database.ts';
import { percentile } from './bench-support.ts';
import { measureMachineCpu } from './machine-cpu.ts';
import { applyFile, bannerApiKey, bannerUrl, startTollgate, type BenchProcess } from './server-process.ts';

export interface ParkedFigures {
  peakRssMb: number;
  inboxP50Ms: number;
  inboxMaxMs: number;
  /** While the inbox was timed: how long the server's main thread waited for a CPU (ready, not running), in ms. */
  inboxCpuWaitMs: number;
  /** While the inbox was timed: how busy all cores were (0..1). */
  inboxMachineBusy: number;
  /** GET /metrics (what a Prometheus scrape asks), after the inbox: its run counts read the parked runs. */
  metricsP50Ms: number;
  metricsMaxMs: number;
  timerLatenessP50Ms: number;
  timerLatenessP99Ms: number;
  timersFired: number;
  timersDue: number;
}

const DEFINITIONS = fileURLToPath(new URL('./parked-definitions.yaml', import.meta.url));
const TIMER_SECONDS = 20;
/** Time the restarted server gets before the first timer is due. */
const START_ALLOWANCE_MS = 30_000;
const CHUNK = 100_000;
const INBOX_QUERIES = 20;
/** Requests before those timed: the first ones after a start pay for loading and compiling code, not for the query. */
const INBOX_WARM_UP = 5;
const FIRE_RUN = 'run_benchfire';
const SETTLED_WINDOW_MS = 500;
const SETTLED_CPU_MS = 20;
const SETTLE_LIMIT_MS = 10_000;

interface Template {
  /** The first admin's API key: the approver the inbox is asked for. */
  apiKey: string;
  approvalRun: string;
  approvalTask: string;
  timerRun: string;
}

export async function parkedBench(options: { target: BenchTarget; runs: number }): Promise<ParkedFigures> {
  const { target } = options;
  const firing = Math.min(2000, Math.floor(options.runs / 10));
  const approvals = Math.floor(options.runs / 2);
  const template = await parkTemplates(target);
  const spacingMs = Math.max(1, Math.floor((TIMER_SECONDS * 1000) / Math.max(1, firing)));
  // The bulk first (a million rows take longer than the allowance), then the timers that fire, due from now on.
  await cloneParked(target, template, { approvals, timers: options.runs - approvals - firing, firing: 0 }, { firstDue: 0, spacingMs });
  await settleBulk(target);
  const timers = { firstDue: Date.now() + START_ALLOWANCE_MS, spacingMs };
  await cloneParked(target, template, { approvals: 0, timers: 0, firing }, timers);
  const server = await startTollgate({ command: 'start', args: ['--no-examples'], dataDir: target.dataDir, databaseUrl: target.databaseUrl });
  const reader = openReader(target);
  try {
    if (!(await settled(server))) console.warn(`P4: the restarted server was still busy after ${SETTLE_LIMIT_MS / 1000} s; its inbox is timed while it works`);
    // On a shared machine the slowest requests are those the server's thread waited out for a core: say how long.
    const waitedBefore = cpuWaitMs(server.pid);
    const machine = measureMachineCpu();
    const inbox = await inboxTimes(bannerUrl(server), template.apiKey);
    const inboxMachineBusy = machine.stop().busy;
    const inboxCpuWaitMs = cpuWaitMs(server.pid) - waitedBefore;
    const metrics = await timedGets(`${bannerUrl(server)}/metrics`, template.apiKey, (response, body) => response.status === 200 && body.includes('tollgate_runs{'));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, timers.firstDue + TIMER_SECONDS * 1000 - Date.now())));
    await drainFiring(reader, 60);
    const fired = await reader.rows<{ id: string; finished_at: number | null }>("SELECT id, finished_at FROM runs WHERE id LIKE 'run_benchfire%'");
    const late = fired
      .map((row) => (row.finished_at === null ? Number.POSITIVE_INFINITY : Number(row.finished_at) - (timers.firstDue + Number(row.id.slice(FIRE_RUN.length)) * timers.spacingMs)))
      .sort((a, b) => a - b);
    return {
      peakRssMb: server.peakRssMb(),
      inboxP50Ms: percentile(inbox, 50),
      inboxMaxMs: inbox.at(-1) ?? Number.NaN,
      inboxCpuWaitMs,
      inboxMachineBusy,
      metricsP50Ms: percentile(metrics, 50),
      metricsMaxMs: metrics.at(-1) ?? Number.NaN,
      timerLatenessP50Ms: percentile(late, 50),
      timerLatenessP99Ms: percentile(late, 99),
      timersFired: late.filter(Number.isFinite).length,
      timersDue: late.length,
    };
  } finally {
    await reader.close();
    await server.stop();
  }
}

/** One real run parked on each, by the engine; returns their ids. The first admin (its key in the banner) is the team's approver. */
async function parkTemplates(target: BenchTarget): Promise<Template> {
  const server = await startTollgate({ command: 'start', args: ['--no-examples'], dataDir: target.dataDir, databaseUrl: target.databaseUrl });
  const reader = openReader(target);
  try {
    await applyFile(server, DEFINITIONS, target.dataDir);
    const approvalRun = await invoke(server, 'bench-approval', {});
    const timerRun = await invoke(server, 'bench-timer', { due: Date.now() + 30 * 86_400_000 });
    for (;;) {
      const rows = await reader.rows<{ id: string; status: string }>(`SELECT id, status FROM runs WHERE id IN ('${approvalRun}', '${timerRun}')`);
      if (rows.length === 2 && rows.every((row) => row.status === 'waiting')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [task] = await reader.rows<{ id: string }>(`SELECT id FROM approval_tasks WHERE run_id = '${approvalRun}'`);
    if (task === undefined) throw new Error('the approval run opened no task');
    return { apiKey: bannerApiKey(server), approvalRun, approvalTask: task.id, timerRun };
  } finally {
    await reader.close();
    await server.stop();
  }
}

async function invoke(server: BenchProcess, workflow: string, input: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${bannerUrl(server)}/api/v1/workflows/${workflow}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bannerApiKey(server)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  const answer = (await response.json()) as { run?: { id: string } };
  if (response.status !== 202 || answer.run === undefined) throw new Error(`starting ${workflow} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer.run.id;
}

/** Clones the templates; the firing timer n is due at `firstDue + n * spacingMs`. */
async function cloneParked(target: BenchTarget, template: Template, counts: { approvals: number; timers: number; firing: number }, timers: { firstDue: number; spacingMs: number }): Promise<void> {
  const sqlite = target.databaseUrl === undefined;
  const writer = openWriter(target);
  const due = `(${timers.firstDue} + n * ${timers.spacingMs})`;
  const iso = sqlite ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${due} / 1000.0, 'unixepoch')` : `to_char(to_timestamp(${due} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const taskId = (run: string) => (sqlite ? `bench_task_id(${run})` : `'apt_' || left(encode(sha256(convert_to(${run} || '/approve/1/0', 'UTF8')), 'hex'), 24)`);
  const approvalRun = `'run_benchappr' || n`;
  const timerRun = `'run_benchtimer' || n`;
  const fireRun = `'${FIRE_RUN}' || n`;
  try {
    const plans: ClonePlan[] = [
      { table: 'runs', key: 'id', template: template.approvalRun, overrides: { id: approvalRun }, count: counts.approvals },
      { table: 'step_attempts', key: 'run_id', template: template.approvalRun, overrides: { run_id: approvalRun, input: `REPLACE(input, '${template.approvalTask}', ${taskId(approvalRun)})` }, count: counts.approvals },
      { table: 'approval_tasks', key: 'run_id', template: template.approvalRun, overrides: { id: taskId(approvalRun), run_id: approvalRun }, count: counts.approvals },
      { table: 'runs', key: 'id', template: template.timerRun, overrides: { id: timerRun }, count: counts.timers },
      { table: 'step_attempts', key: 'run_id', template: template.timerRun, overrides: { run_id: timerRun }, count: counts.timers },
      { table: 'work_items', key: 'run_id', template: template.timerRun, overrides: { id: `'wi_benchtimer' || n`, run_id: timerRun }, count: counts.timers },
      { table: 'runs', key: 'id', template: template.timerRun, overrides: { id: fireRun, variables: `'{"due":' || ${due} || '}'` }, count: counts.firing },
      { table: 'step_attempts', key: 'run_id', template: template.timerRun, overrides: { run_id: fireRun, input: `'{"until":"' || ${iso} || '"}'` }, count: counts.firing },
      {
        table: 'work_items',
        key: 'run_id',
        template: template.timerRun,
        overrides: { id: `'wi_benchfire' || n`, run_id: fireRun, due_at: due, resume: `'{"until":"' || ${iso} || '"}'` },
        count: counts.firing,
      },
    ];
    for (const plan of plans) await clone(writer, plan, sqlite);
  } finally {
    await writer.close();
  }
}

interface ClonePlan {
  table: string;
  key: string;
  template: string;
  /** Column -> SQL expression over `n` (1..count) and the template row's columns. */
  overrides: Record<string, string>;
  count: number;
}

async function clone(writer: BenchReader, plan: ClonePlan, sqlite: boolean): Promise<void> {
  const [sample] = await writer.rows<Record<string, unknown>>(`SELECT * FROM ${plan.table} WHERE ${plan.key} = '${plan.template}'`);
  if (sample === undefined) throw new Error(`no ${plan.table} row of ${plan.template} to clone`);
  const columns = Object.keys(sample);
  const values = columns.map((column) => plan.overrides[column] ?? `tmpl.${column}`).join(', ');
  for (let from = 1; from <= plan.count; from += CHUNK) {
    const to = Math.min(plan.count, from + CHUNK - 1);
    const select = `SELECT ${values} FROM ${sqlite ? 'series' : `generate_series(${from}, ${to}) AS series(n)`}, ${plan.table} AS tmpl WHERE tmpl.${plan.key} = '${plan.template}'`;
    const insert = `INSERT INTO ${plan.table} (${columns.join(', ')}) ${select}`;
    await writer.execute(sqlite ? `WITH RECURSIVE series(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM series WHERE n < ${to}) ${insert}` : insert);
  }
}

/**
 * In production a million parked runs arrive over months, and PostgreSQL's autovacuum has long since
 * vacuumed and analyzed them; cloned in a minute, they would be vacuumed while the server is measured, on
 * the same two cores. So PostgreSQL does it now, before the timers that fire are cloned (their 30 s start
 * allowance begins after it). SQLite keeps no such statistics and has no background work to wait for.
 */
async function settleBulk(target: BenchTarget): Promise<void> {
  if (target.databaseUrl === undefined) return;
  const writer = openReader(target);
  try {
    await writer.execute('VACUUM ANALYZE');
  } finally {
    await writer.close();
  }
}

/** The bench's connection, with SQLite given the task-id function the approval step uses (PostgreSQL has sha256). */
function openWriter(target: BenchTarget): BenchReader {
  if (target.databaseUrl !== undefined) return openReader(target);
  const database = new SQLite(target.sqliteFile);
  database.function('bench_task_id', (run: unknown) => `apt_${createHash('sha256').update(`${String(run)}/approve/1/0`).digest('hex').slice(0, 24)}`);
  return {
    rows: <T>(query: string) => Promise.resolve(database.prepare(query).all() as T[]),
    execute: (query) => Promise.resolve(void database.exec(query)),
    close: () => Promise.resolve(void database.close()),
  };
}

/** Time the process's main thread has spent ready to run but waiting for a CPU (the second field of its schedstat), in ms. */
function cpuWaitMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/);
  return Number(fields[1]) / 1e6;
}

/**
 * Waits until the server is idle: for about 200 ms after its banner it still starts up (its first worker poll, the
 * Stripe events taken in at start, code compiled on other threads), and the inbox measured then would time that work
 * too. A running server, where approvers open the inbox, has none of it. Idle: under SETTLED_CPU_MS of CPU in a
 * SETTLED_WINDOW_MS window; at most SETTLE_LIMIT_MS. Says whether it came to rest.
 */
async function settled(server: BenchProcess): Promise<boolean> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let before = server.cpuMs();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLED_WINDOW_MS));
    const now = server.cpuMs();
    if (now - before < SETTLED_CPU_MS) return true;
    before = now;
  }
  return false;
}

/** GET /api/v1/approvals?status=pending&mine=true as the team's approver, sorted ms, after a warm-up. */
async function inboxTimes(url: string, apiKey: string): Promise<number[]> {
  return timedGets(`${url}/api/v1/approvals?status=pending&mine=true`, apiKey, (response, body) => response.status === 200 && ((JSON.parse(body) as { approvals?: unknown[] }).approvals?.length ?? 0) > 0);
}

/** Times INBOX_QUERIES GETs of `url` after INBOX_WARM_UP untimed ones, sorted; throws on an answer `answered` refuses. */
async function timedGets(url: string, apiKey: string, answered: (response: Response, body: string) => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < INBOX_WARM_UP + INBOX_QUERIES; index += 1) {
    const begin = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
    const body = await response.text();
    if (index >= INBOX_WARM_UP) times.push(performance.now() - begin);
    if (!answered(response, body)) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 200)}`);
  }
  return times.sort((a, b) => a - b);
}

/** Waits until the firing timers' runs have finished, or `seconds` pass. */
async function drainFiring(reader: BenchReader, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const [row] = await reader.rows<{ count: number }>("SELECT COUNT(*) AS count FROM runs WHERE id LIKE 'run_benchfire%' AND finished_at IS NULL");
    if (Number(row?.count ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
