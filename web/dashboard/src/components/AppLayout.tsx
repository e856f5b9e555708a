import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { useSignOut, useSwitchAccount } from '../api/me.js';
import { useCan, useSession } from '../auth/session.js';
import { ModeSwitch, TestModeBanner } from './ModeSwitch.js';
import { useNotify } from './notices.js';

const sections: Array<{ to: string; label: string; admin?: boolean }> = [
  { to: '/', label: 'Home' },
  { to: '/transactions', label: 'Transactions' },
  { to: '/contacts', label: 'Contacts' },
  { to: '/products', label: 'Products' },
  { to: '/forms', label: 'Payment forms' },
  { to: '/connections', label: 'Connections' },
  { to: '/sync', label: 'HubSpot sync' },
  { to: '/team', label: 'Team' },
  { to: '/audit-log', label: 'Audit log', admin: true },
];

function AccountSwitcher() {
  const me = useSession();
  const switchAccount = useSwitchAccount();
  const notify = useNotify();
  const navigate = useNavigate();
  if (me.accounts.length < 2) return <span className="account-name">{me.account.name}</span>;
  return (
    <label className="account-switcher">
      <span className="visually-hidden">Account</span>
      <select
        value={me.account.id}
        disabled={switchAccount.isPending}
        onChange={(e) =>
          switchAccount.mutate(e.target.value, {
            onSuccess: (signedIn) => {
              navigate('/');
              notify(`Switched to ${signedIn.account.name}.`);
            },
            onError: (error) => notify(`Could not switch account: ${error.message}`, 'error'),
          })
        }
      >
        {me.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.role})
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu() {
  const me = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const notify = useNotify();
  return (
    <div className="user-menu">
      <span className="user-email" title={`${me.user.email} · ${me.role}`}>
        {me.user.email} <span className="role-badge">{me.role}</span>
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={signOut.isPending}
        onClick={() =>
          signOut.mutate(undefined, {
            onSuccess: () => navigate('/sign-in?reason=signed-out', { replace: true }),
            onError: (error) => {
              if (error instanceof ApiError && error.status === 401) navigate('/sign-in?reason=signed-out', { replace: true });
              else notify(`Sign-out failed: ${error.message}`, 'error');
            },
          })
        }
      >
        Sign out
      </button>
    </div>
  );
}

/** One search box for payments and contacts (an id, an email, a name): opens the results page. */
function HeaderSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  return (
    <form
      className="header-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label htmlFor="header-search" className="visually-hidden">
        Search payments and contacts
      </label>
      <input id="header-search" type="search" placeholder="Payment id, email, name…" maxLength={254} value={q} onChange={(e) => setQ(e.target.value)} />
    </form>
  );
}

/** In sandbox mode, the inbox where every email the server sends (receipts) is caught. */
function SandboxInboxLink() {
  const { email } = useSession();
  if (!email.inboxUrl) return null;
  return (
    <p className="nav-aside">
      <a href={email.inboxUrl} target="_blank" rel="noreferrer">
        Sandbox inbox
      </a>
    </p>
  );
}

/** The signed-in frame: header (account, mode switch, user), navigation, test-mode banner. */
export function AppLayout() {
  const isAdmin = useCan('admin');
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TestModeBanner />
      <header className="app-header">
        <button type="button" className="button button-small menu-button" aria-expanded={menuOpen} aria-controls="app-nav" onClick={() => setMenuOpen((o) => !o)}>
          Menu
        </button>
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◎
          </span>{' '}
          OnePagePay
        </span>
        <AccountSwitcher />
        <span className="header-spacer" />
        <HeaderSearch />
        <ModeSwitch />
        <UserMenu />
      </header>
      <div className="app-body">
        <nav id="app-nav" className={menuOpen ? 'app-nav app-nav-open' : 'app-nav'} aria-label="Main">
          <ul>
            {sections
              .filter((s) => !s.admin || isAdmin)
              .map((s) => (
                <li key={s.to}>
                  <NavLink to={s.to} end={s.to === '/'}>
                    {s.label}
                  </NavLink>
                </li>
              ))}
          </ul>
          <SandboxInboxLink />
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
