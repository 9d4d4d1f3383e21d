// Who is at the keyboard and what they last worked on, remembered on this computer between
// starts. Konbit has no log-in: the office laptop is shared, and each person picks their name.
export type Target = { project_id: number | null; committee_id: number | null };

type Session = { workerId: number | null; lastTarget: Target | null };

const KEY = 'konbit.session';

function load(): Session {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (saved && typeof saved === 'object') return { workerId: saved.workerId ?? null, lastTarget: saved.lastTarget ?? null };
  } catch {
    // A damaged entry is forgotten: the person picks their name again.
  }
  return { workerId: null, lastTarget: null };
}

export const session = $state<Session>(load());

export function remember(change: Partial<Session>): void {
  Object.assign(session, change);
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function sameTarget(a: Target | null, b: Target | null): boolean {
  return !!a && !!b && a.project_id === b.project_id && a.committee_id === b.committee_id;
}
