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

// The fiscal year chosen on the screens about one year, for each database (by its path): the
// demo and the real books do not share a year, and a test's temporary database starts afresh.
const YEARS_KEY = 'konbit.years';

function loadYears(): Record<string, number> {
  try {
    const saved = JSON.parse(localStorage.getItem(YEARS_KEY) ?? 'null') as Record<string, unknown> | null;
    if (saved && typeof saved === 'object') {
      return Object.fromEntries(Object.entries(saved).filter((e): e is [string, number] => Number.isInteger(e[1])));
    }
  } catch {
    // A damaged entry is forgotten: the screens open on the year of the latest records.
  }
  return {};
}

export function rememberedYear(database: string): number | null {
  return loadYears()[database] ?? null;
}

export function rememberYear(database: string, firstYear: number): void {
  localStorage.setItem(YEARS_KEY, JSON.stringify({ ...loadYears(), [database]: firstYear }));
}
