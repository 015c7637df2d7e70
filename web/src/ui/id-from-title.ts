/** An id from a title, for a form that makes something named by both: `Finance approvers` → `finance-approvers`. */
export function idFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
