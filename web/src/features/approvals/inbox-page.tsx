import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatRelative } from '../../ui/time.ts';
import { byUrgency, inboxQuery, type InboxTab, type InboxTask } from './approvals-api.ts';
import { DelegationPanel } from './delegation-panel.tsx';
import { useTeamName } from './team-names.ts';
import { timeLeft } from './time-left.ts';

const route = getRouteApi('/app/approvals');

/** My approval tasks and my teams', most urgent first; decided ones on their own tab; delegation while away. */
export function InboxPage() {
  const me = useMe();
  const { tab = 'open' } = route.useSearch();
  const inbox = useQuery(inboxQuery(tab));
  return (
    <>
      <PageHeader title="Approvals" subtitle="Tasks for you and your teams, most urgent first." />
      <nav className="tabs" aria-label="Approval tasks">
        <TabLink tab="open" current={tab} label="Open" />
        <TabLink tab="decided" current={tab} label="Decided" />
      </nav>
      <div className="inbox-layout">
        <section aria-label={tab === 'open' ? 'Open tasks' : 'Decided tasks'}>
          {inbox.isPending ? (
            <Loading label="Loading your tasks…" />
          ) : inbox.isError ? (
            <ErrorState error={inbox.error} retry={() => void inbox.refetch()} />
          ) : inbox.data.length === 0 ? (
            <Empty title={tab === 'open' ? 'Nothing waits for you.' : 'No decided tasks yet.'}>
              {tab === 'open' ? 'Tasks assigned to you or your teams appear here as runs reach an approval.' : 'Tasks you or your teams decided appear here.'}
            </Empty>
          ) : (
            <ul className="task-list">
              {[...inbox.data].sort(byUrgency).map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
            </ul>
          )}
        </section>
        {can(me, 'approvals.decide') && <DelegationPanel />}
      </div>
    </>
  );
}

function TabLink({ tab, current, label }: { tab: InboxTab; current: InboxTab; label: string }) {
  return (
    <Link to="/approvals" search={tab === 'open' ? {} : { tab }} className={tab === current ? 'tab active' : 'tab'} aria-current={tab === current ? 'page' : undefined}>
      {label}
    </Link>
  );
}

function TaskCard({ task }: { task: InboxTask }) {
  const due = timeLeft(task.due_at);
  const teamName = useTeamName();
  return (
    <li className="card task-card">
      <Link to="/approvals/$id" params={{ id: task.id }} className="task-link">
        <span className="task-title">{task.title}</span>
        <span className="muted">{task.workflow}</span>
      </Link>
      {task.leads_to !== null && (task.status === 'pending' || task.status === 'approved') && (
        <p className="task-leads-to">
          <span className="muted">{task.status === 'pending' ? 'Approving leads to' : 'Approved for'}</span> <strong>{task.leads_to.summary}</strong>
        </p>
      )}
      <div className="task-meta">
        {task.status === 'pending' ? <span className={due.urgent ? 'badge bad' : task.due_at === null ? 'badge muted' : 'badge warn'}>{due.text}</span> : <StatusBadge status={task.status} />}
        <span className="muted">
          {task.requester === null ? 'No requester' : `From ${task.requester}`} · opened {formatRelative(task.created_at)}
          {task.assignee_team === null ? '' : ` · for ${teamName(task.assignee_team)}`}
        </span>
      </div>
      {task.status === 'pending' && !task.can_decide && task.cannot_decide_reason !== null && <p className="muted task-note">You cannot decide: {task.cannot_decide_reason}</p>}
    </li>
  );
}
