import type { ReportIssue } from './definition-issue.ts';
import type { WorkflowDocument } from './schema.ts';

/** One offering of a Service the store holds, as far as this check reads it. */
export interface StoredOffering {
  service: string;
  offering: string;
  workflow: string;
  version: number | 'latest';
}

export interface OfferedFormOptions {
  /** The batch's workflows that will run as `latest` (published by this apply), each with how to report on it. */
  batch: readonly { workflow: WorkflowDocument; report: ReportIssue }[];
  /** The offerings of the store's services that the batch does not replace. */
  offerings: readonly StoredOffering[];
}

/**
 * Warns when a workflow the catalog offers at `latest` is published without a
 * form trigger: a request submits that form, so the offering leaves the
 * catalog and takes no new requests (its open requests keep going). Retiring
 * an offering so may be intended, so it is a warning, on the trigger, once per
 * offering. Services of the batch are checked by checkService instead.
 */
export function checkOfferedForms(options: OfferedFormOptions): void {
  for (const { workflow, report } of options.batch) {
    if (workflow.trigger.type === 'form') continue;
    for (const offering of options.offerings) {
      if (offering.workflow !== workflow.id || offering.version !== 'latest') continue;
      report(
        ['trigger', 'type'],
        `service "${offering.service}" offers this workflow at latest (offering "${offering.offering}"); with a ${workflow.trigger.type} trigger it has no form, ` +
          'so the offering leaves the catalog and takes no new requests (open ones keep going). If that is not intended, keep the form trigger or pin the offering to a version with one',
        { severity: 'warning' },
      );
    }
  }
}

/** The offerings of stored services, read loosely: a stored row this build cannot read offers nothing to check. */
export function storedOfferings(services: readonly { id: string; offerings: readonly unknown[] }[]): StoredOffering[] {
  return services.flatMap((service) =>
    service.offerings.flatMap((value) => {
      const offering = value as { id?: unknown; workflow?: unknown; version?: unknown } | null;
      if (typeof offering?.id !== 'string' || typeof offering.workflow !== 'string') return [];
      const version = typeof offering.version === 'number' ? offering.version : 'latest';
      return [{ service: service.id, offering: offering.id, workflow: offering.workflow, version }];
    }),
  );
}
