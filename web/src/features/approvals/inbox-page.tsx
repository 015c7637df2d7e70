import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatRelative } from '../../ui/time.ts';
import { byUrgency, inboxQuery, type InboxSort, type InboxTab, type InboxTask } from './approvals-api.ts';
import { byAmount, moneyWaiting } from './inbox-money.ts';
import { DelegationPanel } from './delegation-panel.tsx';
import { useTeamName } from './team-names.ts';
import { timeLeft } from './time-left.ts';

const route = getRouteApi('/app/approvals');

/** My approval tasks and my teams', most urgent first; decided ones on their own tab; delegation while away. */
export function InboxPage() {
  const me = useMe();
  const { tab = 'open', sort = 'urgency' } = route.useSearch();
  const inbox = useQuery(inboxQuery(tab));
  const order = tab === 'open' && sort === 'amount' ? byAmount(byUrgency) : byUrgency;
  return (
    <>
      <PageHeader title="Approvals" subtitle={`Tasks for you and your teams, ${tab === 'decided' ? 'the latest decision first' : sort === 'amount' ? 'the largest amount first' : 'most urgent first'}.`} />
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
            <>
              {tab === 'open' && <OpenSummary tasks={inbox.data} sort={sort} />}
              <ul className="task-list">
                {[...inbox.data].sort(order).map((task) => (
                  <TaskCard key={task.id} task={task} />
                ))}
              </ul>
            </>
          )}
        </section>
        {can(me, 'approvals.decide') && <DelegationPanel />}
      </div>
    </>
  );
}

/** How many tasks wait, the money they lead to, and the order they are in. */
function OpenSummary({ tasks, sort }: { tasks: readonly InboxTask[]; sort: InboxSort }) {
  const navigate = useNavigate();
  const money = moneyWaiting(tasks);
  return (
    <div className="inbox-summary">
      <p>
        <strong>{tasks.length === 1 ? '1 task' : `${tasks.length} tasks`}</strong>
        {money.length > 0 && <> · {money.join(' · ')} at stake</>}
      </p>
      <div className="segmented" role="radiogroup" aria-label="Order">
        {SORTS.map(({ value, label }) => (
          <label key={value} className={sort === value ? 'segment active' : 'segment'}>
            <input type="radio" name="inbox-sort" value={value} checked={sort === value} onChange={() => void navigate({ to: '/approvals', search: value === 'amount' ? { sort: value } : {} })} />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}

const SORTS: readonly { value: InboxSort; label: string }[] = [
  { value: 'urgency', label: 'Most urgent' },
  { value: 'amount', label: 'Largest amount' },
];

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
