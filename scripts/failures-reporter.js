import { relative } from 'node:path';

// A node:test reporter that writes one line per failed test (file, name, first line of the error),
// so `npm test` can list every failure again at its end, where a CI log's tail shows it.
export default async function* failures(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const error = event.data.details?.error;
    if (error?.failureType === 'subtestsFailed') continue; // its failed subtests have their own lines
    const reason = String(error?.cause?.message ?? error?.message ?? '').split('\n')[0];
    const file = event.data.file ? relative(process.cwd(), event.data.file) : '?';
    yield `${file}  ${event.data.name}  ${reason}\n`;
  }
}
