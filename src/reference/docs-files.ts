import { blocks, code, GENERATED_NOTICE, table } from './markdown.ts';
import { referenceTopics } from './reference-topics.ts';
import { stepsPage } from './step-page.ts';
import { triggersPage } from './trigger-page.ts';

/** The docs/ index: the pages and the topics `tollgate docs` knows. */
export function indexPage(): string {
  return blocks(
    GENERATED_NOTICE,
    '# Tollgate reference',
    'Generated from the code (`npm run docs`), so it says what this version does. The CLI prints the same text without a server: `tollgate docs TOPIC`, `tollgate operations [NAME]`. Editors get the same descriptions from the JSON Schema at `/api/v1/schema/definition.json`.',
    '- [Triggers](triggers.md): what starts a run\n- [Steps](steps.md): what a run does\n- [Operations](operations.md): what action steps call\n- [Variables](variables.md): what expressions read\n- [Expressions](expressions.md): conditions, templates and helpers\n- [Error codes](errors.md)',
    '## Topics of `tollgate docs`',
    topicsTable(),
  );
}

/** The topics, as `tollgate docs` alone lists them. */
export function topicsTable(): string {
  return table(['topic', 'what', 'file'], referenceTopics().map((topic) => [code(topic.name), topic.summary, topic.file]));
}

/** Every file of docs/, by path from the repository root, with its content. */
export function referenceFiles(): Map<string, string> {
  const pages = new Map<string, string>([
    ['docs/README.md', indexPage()],
    ['docs/triggers.md', triggersPage()],
    ['docs/steps.md', stepsPage()],
  ]);
  for (const topic of referenceTopics()) if (!pages.has(topic.file)) pages.set(topic.file, topic.render());
  return pages;
}
