import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../core/errors.ts';
import type { Caller } from '../identity/caller.ts';
import { parseDocuments, type ParsedDocument } from '../definition/parse-documents.ts';
import type { AppContext } from './app-context.ts';
import { applyDefinitions, type ApplyResult } from './apply-definitions.ts';

/** A ready-made workflow to start from: one file of the bundled examples. */
export interface WorkflowTemplate {
  id: string;
  title: string;
  /** The comment at the top of the file. */
  description: string;
  triggerType: string;
  /** The other documents the file brings along (teams, connectors, services). */
  includes: string[];
  file: string;
}

interface TemplateFile {
  template: WorkflowTemplate;
  documents: ParsedDocument[];
}

function readTemplates(folder: string): TemplateFile[] {
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
  return files.flatMap((name) => {
    const text = readFileSync(join(folder, name), 'utf8');
    const documents = parseDocuments(text, { source: name });
    const workflow = documents.map((document) => document.value as { kind?: string; id?: string; title?: string; trigger?: { type?: string } }).find((value) => value.kind === 'Workflow');
    if (!workflow?.id) return [];
    const description = text
      .split('\n')
      .filter((line, index, lines) => line.startsWith('#') && lines.slice(0, index).every((earlier) => earlier.startsWith('#')))
      .map((line) => line.replace(/^#\s?/, ''))
      .join(' ');
    const includes = documents
      .map((document) => document.value as { kind?: string; id?: string })
      .filter((value) => value.kind !== 'Workflow')
      .map((value) => `${value.kind ?? '?'} ${value.id ?? '?'}`);
    return [{ template: { id: workflow.id, title: workflow.title ?? workflow.id, description, triggerType: workflow.trigger?.type ?? 'unknown', includes, file: name }, documents }];
  });
}

/** The templates, from the bundled examples folder. */
export function listTemplates(app: AppContext): WorkflowTemplate[] {
  return readTemplates(app.templatesDir).map((file) => file.template);
}

/**
 * Creates a workflow from a template, under the template's id or `workflowId`,
 * with the documents its file brings along. As a draft unless `activate`.
 */
export async function useTemplate(app: AppContext, input: { templateId: string; workflowId?: string; activate?: boolean; caller?: Caller | undefined }): Promise<ApplyResult[]> {
  const files = readTemplates(app.templatesDir);
  const file = files.find((candidate) => candidate.template.id === input.templateId);
  if (!file) {
    throw new NotFoundError('template_not_found', `no template "${input.templateId}"; the templates are: ${files.map((candidate) => candidate.template.id).join(', ')}`, { path: 'template' });
  }
  // What the template brings along is created when missing, never re-applied: a team's members or a service changed since stay as they are.
  const existing = await existingDocuments(app);
  const documents = file.documents.flatMap((document) => {
    const value = document.value as { kind?: string; id?: string };
    if (value.kind !== 'Workflow') return existing.has(`${value.kind ?? ''} ${value.id ?? ''}`) ? [] : [document];
    if (input.workflowId === undefined) return [document];
    return [{ ...document, value: { ...value, id: input.workflowId } }];
  });
  return (await applyDefinitions(app, documents, { draft: !(input.activate ?? false), annotation: `from template ${input.templateId}`, caller: input.caller })).results;
}

/** `Team finance`, `Service customer-success`, `Connector notifications`: the documents other than workflows that exist. */
async function existingDocuments(app: AppContext): Promise<Set<string>> {
  const { store } = app.engine;
  const [teams, services, connectors] = await Promise.all([store.listTeams(), store.listServices(), store.listConnectors()]);
  return new Set([...teams.map((team) => `Team ${team.id}`), ...services.map((service) => `Service ${service.id}`), ...connectors.map((connector) => `Connector ${connector.id}`)]);
}
