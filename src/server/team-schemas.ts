/** Request and response schemas of the team routes (/api/v1/teams). */
import { z } from 'zod';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';
import { idSchema } from '../definition/value-formats.ts';
import { applyResultSchema, issueSchema } from './response-schemas.ts';

const email = z.string().trim().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT).meta({ description: 'The member’s email address; stored in lowercase' });

export const teamParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A team id, as its `Team` document names it' }) });

export const teamMemberAddBody = z
  .strictObject({ email, name: z.string().trim().min(1).max(200).optional().meta({ description: 'How to call the member; left out: the name the team or the user has' }) })
  .meta({ description: 'Add a member to a team: its Team document is re-applied with the member' });

const title = z.string().trim().min(1, 'a title for people, e.g. "Finance approvers"').max(200).meta({ description: 'A name for people, e.g. `Finance approvers`' });
const description = z.string().trim().max(2000).meta({ description: 'What the team does, for people' });

export const teamCreateBody = z
  .strictObject({
    id: idSchema.meta({ description: 'The team’s id, as approvals and emails name it (`{team: finance-approvers}`); it cannot change later' }),
    title,
    description: description.optional(),
    members: z
      .array(z.strictObject({ email, name: z.string().trim().min(1).max(200).optional().meta({ description: 'How to call the member' }) }))
      .max(500)
      .default([])
      .meta({ description: 'The first members; who is not a user yet becomes one (role `approver`, no password)' }),
  })
  .meta({ description: 'Make a team: a `Team` document is applied' });

export const teamUpdateBody = z
  .strictObject({ title: title.optional(), description: description.nullable().optional().meta({ description: 'What the team does; null or empty removes it' }) })
  .refine((body) => body.title !== undefined || body.description !== undefined, { message: 'give the title or the description to change' })
  .meta({ description: 'Change a team’s title or description: its `Team` document is re-applied with them, its members as they are' });

export const teamMemberRemoveBody = z.strictObject({ email }).meta({ description: 'Remove a member from a team: its Team document is re-applied without the member' });

export const teamMemberSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  user: z.string().nullable().meta({ description: 'The user id of the member (`usr_...`), null when none' }),
  disabled: z.boolean().meta({ description: 'The member’s user is disabled (cannot sign in nor decide)' }),
});
export const teamApprovalStepSchema = z.object({
  workflow: z.string().meta({ description: 'The workflow id' }),
  workflow_title: z.string(),
  step: z.string().meta({ description: 'The approval step id' }),
  step_title: z.string().meta({ description: 'The step’s title, else its id in words' }),
  route: z.enum(['assignee', 'escalation']).meta({ description: '`assignee`: the team decides the step’s tasks; `escalation`: a task nobody decides in time goes to the team (`on_timeout: escalate:TEAM`)' }),
});
export const teamSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  members: z.array(teamMemberSchema).meta({ description: 'By email' }),
  approves: z
    .array(teamApprovalStepSchema)
    .meta({ description: 'The approval steps that send tasks to this team, in the active version of each active workflow (by workflow id, then in document order); a team named by a `{{ }}` template is known only at run time and not listed' }),
});
export const teamListResponseSchema = z.object({ teams: z.array(teamSchema).meta({ description: 'By id' }) });
export const teamChangeResponseSchema = z.object({
  team: teamSchema,
  result: applyResultSchema.meta({ description: 'What applying the Team document did' }),
  warnings: z.array(issueSchema).optional(),
});

export type TeamBody = z.output<typeof teamSchema>;
