import { useSyncExternalStore } from 'react';

/** Small per-browser facts (the embed code was copied, the checklist was hidden), kept in localStorage. */
const listeners = new Set<() => void>();
const prefix = 'onepagepay:';

function read(key: string): boolean {
  try {
    return window.localStorage.getItem(prefix + key) === '1';
  } catch {
    return false;
  }
}

export function setFlag(key: string, value = true) {
  try {
    if (value) window.localStorage.setItem(prefix + key, '1');
    else window.localStorage.removeItem(prefix + key);
  } catch {
    // storage disabled: the flag lives only until reload
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function useFlag(key: string): boolean {
  return useSyncExternalStore(subscribe, () => read(key));
}
