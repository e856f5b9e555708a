import type { ReactNode } from 'react';

/**
 * A table's frame: on a narrow screen the table scrolls sideways inside it, so it takes the
 * keyboard's focus (arrow keys scroll it) and is named after its table.
 */
export function TableFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
