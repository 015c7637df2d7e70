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
