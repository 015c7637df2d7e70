import type { AppContext } from '../../application/app-context.ts';
import type { ApplyReport } from '../../application/apply-definitions.ts';
import { addTeamMember, listTeamsWithMembers, removeTeamMember, type TeamWithMembers } from '../../application/team-members.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { createTeam, updateTeam } from '../../application/team-edit.ts';
import { approvalStepsByTeam, type TeamApprovalStep } from '../../application/team-approval-steps.ts';
import { teamChangeResponseSchema, teamCreateBody, teamListResponseSchema, teamMemberAddBody, teamMemberRemoveBody, teamParams, teamUpdateBody, type TeamBody } from '../team-schemas.ts';

/** Teams and their members; making a team, changing it, adding or removing a member each apply the team's `Team` document. */
export function teamRoutes(app: AppContext): ApiRoute[] {
  const changed = async (id: string, report: ApplyReport) => {
    const [teams, approvals] = await Promise.all([listTeamsWithMembers(app), approvalStepsByTeam(app)]);
    const team = teams.find((item) => item.id === id);
    const result = report.results.find((item) => item.kind === 'Team' && item.id === id) ?? { kind: 'Team' as const, id, action: 'unchanged' as const };
    return { team: serializeTeam(team ?? { id, title: id, description: null, members: [] }, approvals), result, ...(report.warnings.length === 0 ? {} : { warnings: report.warnings.map((issue) => ({ ...issue, severity: 'warning' as const })) }) };
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/teams',
      operationId: 'listTeams',
      summary: 'List teams (from applied `Team` documents) with their members and the approval steps that send them tasks',
      tag: 'definitions',
      permission: 'workflows.read',
      status: 200,
      response: { description: 'Every team, by id', schema: teamListResponseSchema },
      async handle() {
        const [teams, approvals] = await Promise.all([listTeamsWithMembers(app), approvalStepsByTeam(app)]);
        return { teams: teams.map((team) => serializeTeam(team, approvals)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/teams',
      operationId: 'createTeam',
      summary: 'Make a team',
      description:
        'Applies a `Team` document with the given id, title, description and members, as `apply` would: a member who is not a user yet becomes one (role `approver`, no password), the audit trail records it and `export` shows it. An id in use answers 409 `team_exists`; a document apply refuses answers 400 `team_invalid` with each issue at its `body` field.',
      tag: 'definitions',
      permission: 'definitions.apply',
      idempotent: true,
      body: teamCreateBody,
      status: 201,
      response: { description: 'The new team', schema: teamChangeResponseSchema },
      errors: [409],
      async handle({ body, request }) {
        return changed(body.id, await createTeam(app, { ...body, caller: request.caller }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/teams/:id',
      operationId: 'updateTeam',
      summary: "Change a team's title or description",
      description: "Re-applies the team's `Team` document with the new title or description (null removes it) and its members as they are.",
      tag: 'definitions',
      permission: 'definitions.apply',
      params: teamParams,
      body: teamUpdateBody,
      status: 200,
      response: { description: 'The team, changed', schema: teamChangeResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        const description = body.description === '' ? null : body.description;
        return changed(params.id, await updateTeam(app, { id: params.id, title: body.title, description, caller: request.caller }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/teams/:id/members',
      operationId: 'addTeamMember',
      summary: 'Add a member to a team',
      description:
        'Re-applies the team\'s `Team` document with the member added, as `apply` would: a member who is not a user yet becomes one (role `approver`, no password), and `export` shows the new member list. Adding a member twice changes nothing.',
      tag: 'definitions',
      permission: 'definitions.apply',
      params: teamParams,
      body: teamMemberAddBody,
      status: 200,
      response: { description: 'The team, changed', schema: teamChangeResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        return changed(params.id, await addTeamMember(app, { team: params.id, email: body.email, name: body.name, caller: request.caller }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/teams/:id/members/remove',
      operationId: 'removeTeamMember',
      summary: 'Remove a member from a team',
      description: "Re-applies the team's `Team` document without the member. The member's user stays.",
      tag: 'definitions',
      permission: 'definitions.apply',
      params: teamParams,
      body: teamMemberRemoveBody,
      status: 200,
      response: { description: 'The team, changed', schema: teamChangeResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        return changed(params.id, await removeTeamMember(app, { team: params.id, email: body.email, caller: request.caller }));
      },
    }),
  ];
}

/** A team with its members, and the approval steps that send it tasks (`approvals`: by team id, from approvalStepsByTeam). */
function serializeTeam(team: TeamWithMembers, approvals: ReadonlyMap<string, TeamApprovalStep[]>): TeamBody {
  return {
    id: team.id,
    title: team.title,
    description: team.description,
    members: team.members.map((member) => ({ email: member.email, name: member.name, user: member.userId, disabled: member.disabled })),
    approves: (approvals.get(team.id) ?? []).map((step) => ({ workflow: step.workflowId, workflow_title: step.workflowTitle, step: step.stepId, step_title: step.stepTitle, route: step.route })),
  };
}
