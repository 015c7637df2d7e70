/** `two-calls`: two `http.request` steps, POST `<url>/first` then `<url>/second`, each with the run's id in its body. */
export function twoCallsWorkflow(url: string): string {
  return `kind: Workflow
id: two-calls
trigger: { type: manual }
steps:
  - id: first
    type: action
    uses: http.request
    with: { method: POST, url: "${url}/first", body: { run: "{{ run.id }}" } }
  - id: second
    type: action
    uses: http.request
    with: { method: POST, url: "${url}/second", body: { run: "{{ run.id }}" } }
`;
}
