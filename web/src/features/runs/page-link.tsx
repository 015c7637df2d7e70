import { useRouter } from '@tanstack/react-router';
import type { MouseEvent, ReactNode } from 'react';

/**
 * A link to a page another feature owns (`/requests/req_…`, `/approvals/apr_…`), whose route this
 * feature cannot name in a typed `<Link>`: a real `<a href>` (open in a new tab works) that the
 * router follows without reloading the app.
 */
export function PageLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const router = useRouter();
  const follow = (clicked: MouseEvent<HTMLAnchorElement>) => {
    if (clicked.defaultPrevented || clicked.button !== 0 || clicked.metaKey || clicked.ctrlKey || clicked.shiftKey || clicked.altKey) return;
    clicked.preventDefault();
    void router.navigate({ href });
  };
  return (
    <a href={href} className={className} onClick={follow}>
      {children}
    </a>
  );
}
