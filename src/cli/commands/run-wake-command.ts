import type { Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import type { RunView } from '../api-types.ts';
import { formatTime, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

/** `tollgate runs wake RUN`; joins the `runs` group (runs-command.ts). */
export function registerRunWakeCommand(program: Command): void {
  const runs = program.commands.find((command) => command.name() === 'runs') ?? program.command('runs').description('list, inspect, cancel and retry runs on the running server');
  withServerOptions(
    runs
      .command('wake')
      .description("end a run's waits on time now (a wait step, an approval's timeout, a retry backoff), as if the time had come; sandbox and test keys only, or TOLLGATE_ALLOW_WAKE=true")
      .argument('<run>', 'run id'),
  ).action(wakeRun);
}

async function wakeRun(id: string, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ run: RunView; woken: { step: string; due_at: string }[] }>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/runs/${segment(id)}/wake`,
    idempotent: true,
  });
  if (options.json) return printJson(answer);
  printLines(
    `run ${answer.run.id} woken: its waits end now`,
    ...answer.woken.map((step) => `  ${step.step} (was due ${formatTime(step.due_at)})`),
    `follow it with: tollgate runs show ${answer.run.id}`,
  );
}
