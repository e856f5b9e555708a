import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Notice {
  id: number;
  text: string;
  kind: 'success' | 'error';
}

const NoticeContext = createContext<(text: string, kind?: Notice['kind']) => void>(() => undefined);

/** Short confirmations ("Product archived.") and background failures, read out by screen readers. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: Notice['kind'] = 'success') => {
      const id = next.current++;
      setNotices((all) => [...all.slice(-3), { id, text, kind }]);
      // Errors stay until dismissed: nothing fails silently.
      if (kind === 'success') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" aria-live="polite" aria-atomic="false">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            <button type="button" className="link-button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export const useNotify = () => useContext(NoticeContext);
