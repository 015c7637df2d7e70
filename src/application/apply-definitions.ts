import type { AuditActor } from '../core/audit-entry.ts';
import { auditJson } from '../core/audit-detail.ts';
import { InvalidInputError } from '../core/errors.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { ParsedDocument } from '../definition/parse-documents.ts';
import type { ConnectorDocument, Document, PolicyDocument, ServiceDocument, TeamDocument, WorkflowDocument } from '../definition/schema.ts';
import { validateDocuments } from '../definition/validate-documents.ts';
import { formatIssue, type DefinitionIssue } from '../definition/definition-issue.ts';
import { scheduleSpec } from '../triggers/schedule-trigger.ts';
import type { AppContext } from './app-context.ts';
import { definitionHash } from './definition-hash.ts';
import { applyWithSealedLiterals, applyWithSealedTriggerSecret } from './seal-literal-secrets.ts';
import { definitionValidationOptions } from './validate-definitions.ts';
import type { Caller } from '../identity/caller.ts';
import { auditActorOf } from '../identity/audit-actor.ts';
import { requireTeamUsersGrantable, syncTeamUsers } from '../identity/team-users.ts';
import { appliedEntry, publishedEntry, statusChangedEntry } from './definition-audit.ts';
import { maskConnectorSecrets } from './secret-masking.ts';
import type { ServiceRecord } from '../store/records.ts';

export type ApplyAction = 'created' | 'updated' | 'unchanged' | 'drafted';

export interface ApplyResult {
  kind: Document['kind'];
  id: string;
  action: ApplyAction;
  version?: number;
}

/** What applying did to each document, and the warnings validation raised (which did not stop it). */
export interface ApplyReport {
  results: ApplyResult[];
  warnings: DefinitionIssue[];
}

export interface ApplyOptions {
  /** Save workflows as drafts only; publish nothing. */
  draft?: boolean;
  annotation?: string;
  /** Who applies: a Team may not make users with roles beyond theirs. Left out: authentication is off, or the system applies. */
  caller?: Caller | undefined;
  /**
   * A create: each Team, Connector or Service must be new. One that exists, or
   * that another caller makes meanwhile, is refused with this error and nothing
   * of it is written (a connector's secrets are sealed only once its row is).
   */
  mustBeNew?: (document: Document) => Error;
}

/**
 * Loads definitions like `kubectl apply`: the whole batch is validated first
 * and refused whole on any error; then a changed workflow gets a new published
 * version and stays or becomes active, and an unchanged one is left alone.
 */
export async function applyDefinitions(app: AppContext, parsed: ParsedDocument[], options: ApplyOptions = {}): Promise<ApplyReport> {
  const validation = validateDocuments(parsed, await definitionValidationOptions(app, parsed, { batchActivates: options.draft !== true }));
  if (!validation.ok) {
    throw new InvalidInputError(
      'definition_invalid',
      `${validation.issues.length} problem(s) in the definitions; nothing was applied:\n${validation.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`,
      validation.issues,
    );
  }
  for (const document of validation.documents) {
    if (document.kind === 'Team') await requireTeamUsersGrantable(app.identity, options.caller, document);
  }
  // Connectors and teams first: workflows and services refer to them. Policies before workflows: a run started by a new version obeys them.
  const order: Document['kind'][] = ['Connector', 'Team', 'Policy', 'Workflow', 'Service'];
  const documents = [...validation.documents].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const results: ApplyResult[] = [];
  const actor = auditActorOf(options.caller);
  for (const document of documents) results.push(await applyDocument(app, document, { ...options, actor }));
  app.wakeWorker();
  return { results, warnings: validation.warnings };
}

type DocumentOptions = ApplyOptions & { actor: AuditActor };

async function applyDocument(app: AppContext, document: Document, options: DocumentOptions): Promise<ApplyResult> {
  switch (document.kind) {
    case 'Workflow':
      return applyWithSealedTriggerSecret(app, { document, by: options.caller?.user.email ?? null }, (sealed) => applyWorkflow(app, sealed, options));
    case 'Team':
      return applyTeam(app, document, options);
    case 'Service':
      return applyService(app, document, options);
    case 'Connector': {
      const sealing = { document, by: options.caller?.user.email ?? null, actor: options.actor, sealAfterApply: options.mustBeNew !== undefined };
      return applyWithSealedLiterals(app, sealing, (sealed) => applyConnector(app, sealed, options));
    }
    case 'Policy':
      return applyPolicy(app, document);
    default: {
      const unknown: never = document;
      throw new Error(`unknown document ${JSON.stringify(unknown)}`);
    }
  }
}

async function applyWorkflow(app: AppContext, document: WorkflowDocument, options: DocumentOptions): Promise<ApplyResult> {
  const { store, clock } = app.engine;
  const now = clock.now();
  const hash = definitionHash(document);
  const existing = await store.getWorkflow(document.id);
  const latest = existing && existing.latestVersion > 0 ? await store.getVersion(document.id, existing.latestVersion) : undefined;
  const result = { kind: document.kind, id: document.id };
  if (options.draft) {
    if (existing?.draftHash === hash) return { ...result, action: 'unchanged' };
    const audit = { actor: options.actor, action: 'workflow.draft_saved', target: { type: 'workflow', id: document.id }, detail: { before: existing?.draftHash ?? null, after: hash }, at: now } as const;
    await store.saveDraft({ id: document.id, title: document.title ?? document.id, definition: document, hash, triggerType: document.trigger.type, now, audit });
    return { ...result, action: 'drafted' };
  }
  if (latest?.hash === hash && existing?.status === WorkflowStatus.active && existing.activeVersion === latest.version) {
    return { ...result, action: 'unchanged', version: latest.version };
  }
  await store.saveDraft({ id: document.id, title: document.title ?? document.id, definition: document, hash, triggerType: document.trigger.type, now });
  const action = existing ? 'updated' : 'created';
  const applied = (version: number) => appliedEntry({ actor: options.actor, kind: 'Workflow', id: document.id, action, before: latest?.hash ?? null, after: hash, at: now, version });
  const annotation = options.annotation ?? 'applied';
  const version =
    latest?.hash === hash
      ? latest
      : await store.publish({
          id: document.id,
          annotation,
          activate: true,
          now,
          schedule: scheduleSpec(document.trigger, now),
          publishedBy: options.caller?.user.email ?? null,
          audit: (published) => [applied(published.version), publishedEntry(options.actor, published, now)],
        });
  if (latest?.hash === hash) {
    await store.setWorkflowStatus({
      id: document.id,
      status: WorkflowStatus.active,
      now,
      schedule: scheduleSpec(document.trigger, now),
      audit: (change) => [applied(latest.version), statusChangedEntry(options.actor, change, now)],
    });
  }
  return { ...result, action, version: version.version };
}

/** In a create, refuses a document whose id is taken: found before writing, or made meanwhile (the write found it). */
function requireNew(document: Document, options: DocumentOptions, taken: boolean): void {
  if (taken && options.mustBeNew !== undefined) throw options.mustBeNew(document);
}

async function applyTeam(app: AppContext, document: TeamDocument, options: DocumentOptions): Promise<ApplyResult> {
  const { store, clock } = app.engine;
  const { actor } = options;
  const existing = await store.getTeam(document.id);
  requireNew(document, options, existing !== undefined);
  const members = document.members.map((member) => ({ email: member.email.toLowerCase(), name: member.name ?? null, approvalLimit: member.approval_limit ?? null }));
  const title = document.title ?? document.id;
  const description = document.description ?? null;
  // Members become users (with the document's role, else approver) so they can sign in and decide.
  await syncTeamUsers(app.identity, document, actor);
  if (existing && existing.title === title && existing.description === description && definitionHash(existing.members) === definitionHash(members)) {
    return { kind: 'Team', id: document.id, action: 'unchanged' };
  }
  const now = clock.now();
  const action = existing ? 'updated' : 'created';
  // The description is in the trail only when a team has one, so entries of teams without one read as before.
  const described = (value: string | null) => (value === null ? {} : { description: value });
  const before = existing ? { title: existing.title, ...described(existing.description), members: existing.members } : null;
  const audit = appliedEntry({ actor, kind: 'Team', id: document.id, action, before, after: { title, ...described(description), members }, at: now });
  const written = await store.upsertTeam({ id: document.id, title, description, members, now, audit, ifAbsent: options.mustBeNew !== undefined });
  requireNew(document, options, !written);
  return { kind: 'Team', id: document.id, action };
}

async function applyService(app: AppContext, document: ServiceDocument, options: DocumentOptions): Promise<ApplyResult> {
  const { store, clock } = app.engine;
  const { actor } = options;
  const existing = (await store.listServices()).find((service) => service.id === document.id);
  requireNew(document, options, existing !== undefined);
  const record = { id: document.id, title: document.title ?? document.id, description: document.description ?? null, offerings: document.offerings };
  if (existing && definitionHash(existing) === definitionHash(record)) return { kind: 'Service', id: document.id, action: 'unchanged' };
  const now = clock.now();
  const action = existing ? 'updated' : 'created';
  // The service as it was and is (not a digest), so the trail shows which offering now runs which workflow.
  const detail = (service: ServiceRecord) => ({ title: service.title, description: service.description, offerings: service.offerings });
  const audit = appliedEntry({ actor, kind: 'Service', id: document.id, action, before: existing ? detail(existing) : null, after: detail(record), at: now });
  const written = await store.upsertService({ ...record, now, audit, ifAbsent: options.mustBeNew !== undefined });
  requireNew(document, options, !written);
  return { kind: 'Service', id: document.id, action };
}

async function applyConnector(app: AppContext, document: ConnectorDocument, options: DocumentOptions): Promise<ApplyResult> {
  const { store, clock } = app.engine;
  const { actor } = options;
  const existing = (await store.listConnectors()).find((connector) => connector.id === document.id);
  requireNew(document, options, existing !== undefined);
  const record = { id: document.id, type: document.type, title: document.title ?? null, config: document.config };
  if (existing && definitionHash(existing) === definitionHash(record)) return { kind: 'Connector', id: document.id, action: 'unchanged' };
  const now = clock.now();
  const action = existing ? 'updated' : 'created';
  const masked = (connector: { type: string; title: string | null; config: Record<string, unknown> }) => ({ type: connector.type, title: connector.title, config: maskConnectorSecrets(connector.config) });
  const before = existing ? masked(existing) : null;
  const audit = [
    appliedEntry({ actor, kind: 'Connector', id: document.id, action, before, after: masked(record), at: now }),
    { actor, action: 'connector.changed', target: { type: 'connector', id: document.id }, detail: { change: action, before: auditJson(before), after: auditJson(masked(record)) }, at: now },
  ] as const;
  const written = await store.upsertConnector({ ...record, now, audit, ifAbsent: options.mustBeNew !== undefined });
  requireNew(document, options, !written);
  return { kind: 'Connector', id: document.id, action };
}

async function applyPolicy(app: AppContext, document: PolicyDocument): Promise<ApplyResult> {
  const { store, clock } = app.engine;
  const { kind: _kind, id, title, description, ...body } = document;
  const existing = (await store.policies.list()).find((policy) => policy.id === id);
  const record = { id, title: title ?? null, description: description ?? null, body };
  if (existing && definitionHash({ id: existing.id, title: existing.title, description: existing.description, body: existing.body }) === definitionHash(record)) {
    return { kind: 'Policy', id, action: 'unchanged' };
  }
  await store.policies.upsert({ ...record, now: clock.now() });
  return { kind: 'Policy', id, action: existing ? 'updated' : 'created' };
}
