import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatRelative } from '../../ui/time.ts';
import { CursorPager } from '../../ui/data-table.tsx';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { byUrgency, inboxQuery, splitOpenTasks, waitsOnOthers, type InboxTask } from './approvals-api.ts';
import { byAmount, moneyWaiting } from './inbox-money.ts';
import { DelegationPanel } from './delegation-panel.tsx';
import { InboxFilters, InboxViewSwitch } from './inbox-filters.tsx';
import { parseInboxSearch, withoutDefaults, type InboxSearch, type InboxSort, type InboxTab, type InboxView } from './inbox-search.ts';
import { useTeamName } from '../../api/team-names.ts';
import { timeLeft } from './time-left.ts';
import { SavedViewsBar } from '../../ui/saved-views/saved-views-bar.tsx';

const route = getRouteApi('/app/approvals');

/**
 * My approval tasks and my teams', most urgent first, decided ones on their own tab; or every pending
 * task, a page at a time. Either by team and workflow; the view and its filters live in the URL. Delegation while away.
 */
export function InboxPage() {
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/approvals' });
  const view = search.view ?? 'mine';
  const tab = view === 'all' ? 'open' : (search.tab ?? 'open');
  const sort = search.sort ?? 'urgency';
  const pages = useCursorPages(JSON.stringify([view, tab, search.team, search.workflow]));
  const inbox = useQuery(inboxQuery({ view, tab, team: search.team, workflow: search.workflow, cursor: pages.cursor }));
  const order = tab === 'open' && sort === 'amount' ? byAmount(byUrgency) : byUrgency;
  const filtered = search.team !== undefined || search.workflow !== undefined;
  const setFilters = (next: Pick<InboxSearch, 'team' | 'workflow'>) => void navigate({ search: (previous) => withoutDefaults({ ...previous, ...next }) });
  const tasks = inbox.data?.tasks;
  return (
    <>
      <PageHeader title="Approvals" subtitle={subtitle(view, tab, sort)} />
      <SavedViewsBar page="approvals" search={search} read={parseInboxSearch} />
      <div className="inbox-controls">
        <InboxViewSwitch search={search} />
        <InboxFilters search={search} filteredWorkflow={inbox.data?.filteredWorkflow} onChange={setFilters} />
      </div>
      {view === 'mine' && (
        <nav className="tabs" aria-label="Approval tasks">
          <TabLink tab="open" current={tab} label="Open" />
          <TabLink tab="decided" current={tab} label="Decided" />
        </nav>
      )}
      <div className="inbox-layout">
        <section aria-label={view === 'all' ? 'All pending tasks' : tab === 'open' ? 'Open tasks' : 'Decided tasks'}>
          {inbox.isPending ? (
            <Loading label={view === 'all' ? 'Loading the pending tasks…' : 'Loading your tasks…'} />
          ) : inbox.isError ? (
            <ErrorState error={inbox.error} retry={() => void inbox.refetch()} />
          ) : tasks === undefined || tasks.length === 0 ? (
            <NoTasks view={view} tab={tab} filtered={filtered} />
          ) : (
            <TaskLists tasks={tasks} view={view} tab={tab} sort={sort} order={order} onePage={!pages.hasPrevious && inbox.data.nextCursor === null} filtered={filtered} />
          )}
          {inbox.data !== undefined && <CursorPager hasPrevious={pages.hasPrevious} nextCursor={inbox.data.nextCursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />}
        </section>
        {can(me, 'approvals.decide') && <DelegationPanel />}
      </div>
    </>
  );
}

interface TaskListsProps {
  tasks: readonly InboxTask[];
  view: InboxView;
  tab: InboxTab;
  sort: InboxSort;
  order: (a: InboxTask, b: InboxTask) => number;
  onePage: boolean;
  filtered: boolean;
}

/** The tasks in order; in my open ones, those waiting on someone else come apart, after mine, each saying why. */
function TaskLists({ tasks, view, tab, sort, order, onePage, filtered }: TaskListsProps) {
  const { yours, waiting } = view === 'mine' && tab === 'open' ? splitOpenTasks(tasks) : { yours: [...tasks], waiting: [] };
  return (
    <>
      {yours.length === 0 ? (
        <NoTasks view={view} tab={tab} filtered={filtered} />
      ) : (
        <>
          {tab === 'open' && <OpenSummary tasks={yours} sort={sort} onePage={onePage} />}
          <ul className="task-list">
            {yours.sort(order).map((task) => (
              <TaskCard key={task.id} task={task} view={view} />
            ))}
          </ul>
        </>
      )}
      {waiting.length > 0 && (
        <section className="waiting-on-others" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting on someone else</h2>
          <p className="muted">Assigned to you or your teams, but not yours to decide, and why.</p>
          <ul className="task-list">
            {waiting.sort(order).map((task) => (
              <TaskCard key={task.id} task={task} view={view} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function subtitle(view: InboxView, tab: InboxTab, sort: InboxSort): string {
  const order = sort === 'amount' ? 'the largest amount first' : 'most urgent first';
  if (view === 'all') return `Every task waiting for a decision, ${order} on each page.`;
  return `Tasks for you and your teams, ${tab === 'decided' ? 'the latest decision first' : order}.`;
}

function NoTasks({ view, tab, filtered }: { view: InboxView; tab: InboxTab; filtered: boolean }) {
  if (filtered) {
    return <Empty title={view === 'all' ? 'No pending task matches these filters.' : 'None of your tasks matches these filters.'}>Choose another team or workflow, or clear the filters.</Empty>;
  }
  if (view === 'all') return <Empty title="No task waits for a decision.">Tasks appear here as runs reach an approval.</Empty>;
  return (
    <Empty title={tab === 'open' ? 'Nothing waits for you.' : 'No decided tasks yet.'}>
      {tab === 'open' ? 'Tasks assigned to you or your teams appear here as runs reach an approval.' : 'Tasks you or your teams decided appear here.'}
    </Empty>
  );
}

/** How many tasks wait (on this page, when there are more), the money they lead to, and the order they are in. */
function OpenSummary({ tasks, sort, onePage }: { tasks: readonly InboxTask[]; sort: InboxSort; onePage: boolean }) {
  const navigate = useNavigate({ from: '/approvals' });
  const money = moneyWaiting(tasks);
  return (
    <div className="inbox-summary">
      <p>
        <strong>{tasks.length === 1 ? '1 task' : `${tasks.length} tasks`}</strong>
        {!onePage && ' on this page'}
        {money.length > 0 && <> · {money.join(' · ')} at stake</>}
      </p>
      <div className="segmented" role="radiogroup" aria-label="Order">
        {SORTS.map(({ value, label }) => (
          <label key={value} className={sort === value ? 'segment active' : 'segment'}>
            <input
              type="radio"
              name="inbox-sort"
              value={value}
              checked={sort === value}
              onChange={() => void navigate({ search: (previous) => withoutDefaults({ ...previous, sort: value === 'amount' ? value : undefined }) })}
            />
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
    <Link
      to="/approvals"
      search={(previous) => withoutDefaults({ ...previous, tab: tab === 'decided' ? tab : undefined })}
      className={tab === current ? 'tab active' : 'tab'}
      // Exact: by default the router calls "Open" (no `tab`) active on the decided tab too.
      activeOptions={{ exact: true }}
      aria-current={tab === current ? 'page' : undefined}
    >
      {label}
    </Link>
  );
}

function TaskCard({ task, view }: { task: InboxTask; view: InboxView }) {
  const due = timeLeft(task.due_at);
  const teamName = useTeamName();
  return (
    <li className="card task-card">
      <Link to="/approvals/$id" params={{ id: task.id }} className="task-link">
        <span className="task-title">{task.title}</span>
        <span className="muted">{task.workflow_title}</span>
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
        {view === 'all' && task.can_decide && <span className="badge good">You can decide</span>}
      </div>
      {/* Among all pending tasks most are others' to decide: saying why on each would drown the list. */}
      {view === 'mine' && waitsOnOthers(task) && <p className="task-note">{task.cannot_decide_note}</p>}
    </li>
  );
}
