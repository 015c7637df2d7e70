/**
 * Ids and titles, one from the other, the same way in the web app and in what
 * the server writes for people (approval emails, the run so far, a request's
 * timeline).
 */

/** An id from a title, for a form that makes something named by both: `Finance approvers` → `finance-approvers`. */
export function idFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The other way, for what has an id but no title: `threshold_check` → `Threshold check`. */
export function titleFromId(id: string): string {
  const words = id.replaceAll(/[-_]+/g, ' ').trim();
  return words === '' ? id : `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}

/** What people read for a step (or anything named by an id and maybe a title): its title, else its id in words. */
export function titleOf(named: { id: string; title?: string | undefined }): string {
  return named.title ?? titleFromId(named.id);
}
