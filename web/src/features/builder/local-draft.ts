/**
 * The builder's copy of a draft in localStorage, written on every change and removed once the
 * server holds the same draft: what someone typed survives a refused save, a lost connection and a reload.
 */
const keyOf = (workflowId: string): string => `tollgate.builder.draft.${workflowId}`;

export interface LocalDraft {
  definition: Record<string, unknown>;
  /** When it was written, ISO 8601. */
  at: string;
}

export function readLocalDraft(workflowId: string): LocalDraft | null {
  try {
    const text = localStorage.getItem(keyOf(workflowId));
    if (text === null) return null;
    const parsed = JSON.parse(text) as Partial<LocalDraft>;
    return typeof parsed.definition === 'object' && parsed.definition !== null && typeof parsed.at === 'string' ? { definition: parsed.definition, at: parsed.at } : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(workflowId: string, definition: Record<string, unknown>): void {
  try {
    localStorage.setItem(keyOf(workflowId), JSON.stringify({ definition, at: new Date().toISOString() }));
  } catch {
    // A full or blocked storage: the server copy is all there is; the save state says whether it is saved.
  }
}

/** Removes the local copy; with `saved`, only when it is still that definition (not a newer edit). */
export function clearLocalDraft(workflowId: string, saved?: string): void {
  const local = readLocalDraft(workflowId);
  if (local !== null && (saved === undefined || JSON.stringify(local.definition) === saved)) localStorage.removeItem(keyOf(workflowId));
}
