import { Link } from '@tanstack/react-router';
import type { Team } from '../../api/types.ts';

/**
 * What a team is asked to approve: each approval step of an active workflow that sends it tasks, by the
 * workflow's and the step's titles, and whether the team decides them or gets them when nobody decides in time.
 */
export function TeamApprovals({ team }: { team: Team }) {
  if (team.approves.length === 0) {
    return <p className="muted team-approves-none">Approves nothing yet: no approval step of an active workflow names this team.</p>;
  }
  return (
    <div className="team-approves">
      <h3 id={`team-${team.id}-approves`}>Approves</h3>
      <ul aria-labelledby={`team-${team.id}-approves`}>
        {team.approves.map((step) => (
          <li key={`${step.workflow}-${step.step}-${step.route}`}>
            <Link to="/workflows/$id" params={{ id: step.workflow }}>
              {step.workflow_title}
            </Link>
            : {step.step_title}
            {step.route === 'escalation' && <span className="muted"> (escalated here when nobody decides in time)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
