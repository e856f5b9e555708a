import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

/** The screen's h1 (also the document title), an optional way back, and its actions. */
export function PageHeader({ title, back, actions, children }: { title: string; back?: { to: string; label: string }; actions?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · OnePagePay`;
  }, [title]);
  return (
    <div className="page-header">
      {back && (
        <Link className="back-link" to={back.to}>
          ← {back.label}
        </Link>
      )}
      <div className="page-header-row">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
