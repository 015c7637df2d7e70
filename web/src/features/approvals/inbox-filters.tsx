import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { workflowNamesQuery } from '../../api/workflow-reads.ts';
import { withoutDefaults, type InboxSearch, type InboxView } from './inbox-search.ts';
import { teamsQuery, useTeamName } from '../../api/team-names.ts';

const VIEWS: readonly { view: InboxView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'all', label: 'All pending' },
];

/** Whose tasks the inbox shows: mine, or every pending one. Links, so each view has its URL; the filters and the order stay. */
export function InboxViewSwitch({ search }: { search: InboxSearch }) {
  const current = search.view ?? 'mine';
  return (
    <nav className="segmented inbox-view" aria-label="Whose tasks">
      {VIEWS.map(({ view, label }) => (
        <Link
          key={view}
          to="/approvals"
          search={withoutDefaults({ ...search, view: view === 'all' ? 'all' : undefined, tab: undefined })}
          className={view === current ? 'segment active' : 'segment'}
          // Exact: by default the router calls a link active when its search is part of the page's, and "Mine" (no `view`) always is.
          activeOptions={{ exact: true }}
          aria-current={view === current ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

type Filters = Pick<InboxSearch, 'team' | 'workflow'>;

interface InboxFiltersProps {
  search: InboxSearch;
  /** The workflow the inbox's answer says the filter keeps (null: none by that id); undefined until it answers. */
  filteredWorkflow: { id: string; title: string } | null | undefined;
  onChange: (next: Partial<Filters>) => void;
}

/** One team's or one workflow's tasks: choices apply at once. */
export function InboxFilters({ search, filteredWorkflow, onChange }: InboxFiltersProps) {
  const teams = useQuery(teamsQuery).data ?? [];
  const workflows = useQuery(workflowNamesQuery).data ?? [];
  const teamName = useTeamName();
  const filtered = search.team !== undefined || search.workflow !== undefined;
  return (
    <form className="filters inbox-filters" aria-label="Filter approval tasks" onSubmit={(event) => event.preventDefault()}>
      <ChoiceFilter label="Team" any="All teams" choices={teams} unlisted={teamName} chosen={search.team} onChoose={(team) => onChange({ team })} />
      <ChoiceFilter
        label="Workflow"
        any="All workflows"
        choices={workflows}
        // By the title the inbox's answer gives, whichever of it and the workflow list comes first; its id only when no workflow has it.
        unlisted={(id) => (filteredWorkflow === undefined ? 'Loading…' : filteredWorkflow?.id === id ? filteredWorkflow.title : id)}
        chosen={search.workflow}
        onChoose={(workflow) => onChange({ workflow })}
      />
      {filtered && (
        <button type="button" className="button subtle" onClick={() => onChange({ team: undefined, workflow: undefined })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

interface ChoiceFilterProps {
  label: string;
  /** The choice of no filter. */
  any: string;
  choices: readonly { id: string; title: string }[];
  /** The name of a chosen id the list does not hold (yet, or any more): a team's as the rest of the page names it (`team finance`). */
  unlisted: (id: string) => string;
  chosen: string | undefined;
  onChoose: (id: string | undefined) => void;
}

/** A select of ids by their titles; one the URL names but the list does not (yet) hold stays chosen, named by `unlisted`. */
function ChoiceFilter({ label, any, choices, unlisted, chosen, onChoose }: ChoiceFilterProps) {
  const shown = chosen === undefined || choices.some((choice) => choice.id === chosen) ? choices : [...choices, { id: chosen, title: unlisted(chosen) }];
  return (
    <label className="field">
      <span>{label}</span>
      <select value={chosen ?? ''} onChange={(changed) => onChoose(changed.target.value || undefined)}>
        <option value="">{any}</option>
        {shown.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.title}
          </option>
        ))}
      </select>
    </label>
  );
}
