// A very small observable store: components subscribe with useStore and
// re-render when the slice they read changes.
import { useEffect, useState } from 'preact/hooks';

export interface Session {
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  department_id: number | null;
  institution_id: number | null;
  csrf_token: string;
  idle_timeout_s: number;
  permissions: string[];
}

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

export interface State {
  booted: boolean;
  session: Session | null;
  /** True while the re-login dialog is open. */
  reauth: boolean;
  flash: Flash | null;
}

let state: State = { booted: false, session: null, reauth: false, flash: null };
const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

export function setState(patch: Partial<State>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useStore<T>(select: (s: State) => T): T {
  const [value, setValue] = useState(() => select(state));
  useEffect(() => {
    const update = () => setValue(() => select(state));
    update();
    return subscribe(update);
  }, []);
  return value;
}

export function can(perm: string): boolean {
  return !!state.session?.permissions.includes(perm);
}
