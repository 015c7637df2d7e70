import type { Offering } from './offering.ts';

/** The `request` variable of a run started by a catalog request, as expressions read it (`request.id`). */
export interface RequestVariable {
  id: string;
  offering: string;
  service: string;
  requester: string;
  submitted_at: string;
}

export function requestVariable(input: { id: string; offering: Offering; requester: string; submittedAt: Date }): RequestVariable {
  return {
    id: input.id,
    offering: input.offering.id,
    service: input.offering.serviceId,
    requester: input.requester,
    submitted_at: input.submittedAt.toISOString(),
  };
}
