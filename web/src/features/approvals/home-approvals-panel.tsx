import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatRelative } from '../../ui/time.ts';
import { byUrgency, myOpenTasksQuery, splitOpenTasks, type InboxTask } from './approvals-api.ts';

/**
 * Home's part of the inbox: the open tasks that wait for my decision, most urgent first, and apart those
 * assigned to me that a rule keeps me from deciding, with why. It reads the inbox's own list of my open
 * tasks, so home and the inbox's Mine agree on which is which.
 */
export function HomeApprovalsPanel({ size }: { size: number }) {
  const inbox = useQuery(myOpenTasksQuery);
  const { yours, waiting } = splitOpenTasks(inbox.data?.tasks ?? []);
  return (
    <section className="card home-panel" aria-labelledby="home-approvals">
      <div className="panel-head">
        <h2 id="home-approvals">My open approvals</h2>
        <Link to="/approvals">All approvals</Link>
      </div>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} retry={() => void inbox.refetch()} />
      ) : (
        <>
          {yours.length === 0 ? (
            <Empty title="Nothing waits for your decision." />
          ) : (
            <ul className="home-list">
              {yours
                .sort(byUrgency)
                .slice(0, size)
                .map((task) => (
                  <TaskLine key={task.id} task={task} />
                ))}
            </ul>
          )}
          {yours.length > size && <p className="muted home-more">{yours.length - size} more in your inbox</p>}
          {waiting.length > 0 && (
            <div className="home-waiting" role="group" aria-labelledby="home-approvals-waiting">
              <h3 id="home-approvals-waiting">Waiting on someone else</h3>
              <ul className="home-list">
                {waiting
                  .sort(byUrgency)
                  .slice(0, size)
                  .map((task) => (
                    <li key={task.id}>
                      <Link to="/approvals/$id" params={{ id: task.id }}>
                        {task.title}
                      </Link>
                      <span className="muted">{task.cannot_decide_note}</span>
                    </li>
                  ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function TaskLine({ task }: { task: InboxTask }) {
  return (
    <li>
      <Link to="/approvals/$id" params={{ id: task.id }}>
        {task.title}
      </Link>
      {task.leads_to !== null && <span>{task.leads_to.summary}</span>}
      <span className="muted">
        {task.requester === null ? task.workflow : `from ${task.requester}`}
        {task.due_at !== null && <> · due {formatRelative(task.due_at)}</>}
      </span>
    </li>
  );
}
