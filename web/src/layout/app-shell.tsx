import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api } from '../api/api-client.ts';
import { can, useMe } from '../auth/session.ts';
import { NAV_ITEMS, navLabel } from './nav-items.ts';

/** The signed-in frame: navigation (a menu button on phones), who is signed in, and the page. */
export function AppShell() {
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  const logout = useMutation({
    mutationFn: () => api('POST', '/auth/logout'),
    onSettled: async () => {
      queries.clear();
      await navigate({ to: '/login', search: {} });
    },
  });
  const items = NAV_ITEMS.filter((item) => can(me, item.permission));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          Tollgate
        </Link>
        <button type="button" className="button menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <div className="whoami">
          <span title={me.user.roles.join(', ')}>{me.user.name ?? me.user.email}</span>
          <button type="button" className="button subtle" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Log out
          </button>
        </div>
      </header>
      <nav id="main-nav" className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} activeOptions={{ exact: item.to === '/' }} activeProps={{ className: 'active', 'aria-current': 'page' }}>
                {navLabel(item, (permission) => can(me, permission))}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
