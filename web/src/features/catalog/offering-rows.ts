/**
 * The offerings of a service as its editor holds them: one row per offering, in order, each with what its
 * inputs show; the whole list is what a save sends (`offerings` of POST /services and /services/:id).
 */
import type { Offering, OfferingInput } from '../../api/types.ts';
import { idFromTitle } from '../../../../src/core/id-from-title.ts';

export interface OfferingRow {
  /** Stable across edits and moves, for React; not sent. */
  key: string;
  /** An offering the service has already: its id stays (requests and links name it). */
  existing: boolean;
  /** The id as typed; for a new row, undefined until typed (it follows the title). */
  typedId: string | undefined;
  title: string;
  description: string;
  /** A workflow id; empty until one is picked. */
  workflow: string;
  version: number | 'latest';
  status: 'published' | 'draft';
}

/** The rows of a service's offerings as they are stored. */
export function rowsOf(offerings: readonly Offering[]): OfferingRow[] {
  return offerings.map((offering) => ({
    key: `existing-${offering.id}`,
    existing: true,
    typedId: offering.id,
    title: offering.title,
    description: offering.description ?? '',
    workflow: offering.workflow,
    version: offering.version,
    status: offering.status,
  }));
}

/** A new, empty offering: published, on its workflow's latest version once one is picked. */
export function newRow(key: string): OfferingRow {
  return { key, existing: false, typedId: undefined, title: '', description: '', workflow: '', version: 'latest', status: 'published' };
}

/** The row's id: as typed, else from its title. */
export function rowId(row: OfferingRow): string {
  return row.typedId ?? idFromTitle(row.title);
}

/** The rows with the one at `index` moved one place up (-1) or down (1); the same rows when it cannot move. */
export function moveRow(rows: readonly OfferingRow[], index: number, by: -1 | 1): OfferingRow[] {
  const target = index + by;
  const moving = rows[index];
  const other = rows[target];
  if (moving === undefined || other === undefined) return [...rows];
  const moved = [...rows];
  moved[target] = moving;
  moved[index] = other;
  return moved;
}

/** What a save sends: every row in order; an empty description is none. */
export function offeringsBody(rows: readonly OfferingRow[]): OfferingInput[] {
  return rows.map((row) => ({
    id: rowId(row),
    title: row.title,
    ...(row.description.trim() === '' ? {} : { description: row.description }),
    workflow: row.workflow,
    version: row.version,
    status: row.status,
  }));
}
