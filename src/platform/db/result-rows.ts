/** The rows of a raw `tx.execute(sql…)` result: both drivers answer `{ rows }`, which Drizzle's type leaves open. */
export const rowsOf = <T = Record<string, unknown>>(result: unknown): T[] => (result as { rows: T[] }).rows;
