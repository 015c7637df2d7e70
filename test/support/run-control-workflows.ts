// Workflows for tests that retry, cancel and wake runs: one whose runs fail, one whose runs wait, one whose
// runs end at once. Apply them together as one YAML text: `[await flakyWorkflow(), SLOW_WORKFLOW].join('---\n')`.
import { closedPort } from './closed-port.ts';

/**
 * `flaky`: one `http.request` (step `call`) to a port where nothing listens, so each run fails there with
 * `http_network_error` (and again when retried); an optional number input `n` tells runs apart. `retry` is
 * the step's retry policy, by default one attempt.
 */
export async function flakyWorkflow(options: { retry?: string } = {}): Promise<string> {
  return `kind: Workflow
id: flaky
trigger: { type: manual, input: [{ key: n, type: number }] }
steps:
  - id: call
    type: action
    uses: http.request
    with: { url: "http://127.0.0.1:${await closedPort()}/down" }
    retry: ${options.retry ?? '{ attempts: 1 }'}
  - { id: done, type: end, outcome: Done }
`;
}

/** `slow`: each run waits an hour at step `pause` (status `waiting`), then ends Done. */
export const SLOW_WORKFLOW = `kind: Workflow
id: slow
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 1h }
  - { id: done, type: end, outcome: Done }
`;

/** `quick`: each run ends Done at once. */
export const QUICK_WORKFLOW = `kind: Workflow
id: quick
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
`;
