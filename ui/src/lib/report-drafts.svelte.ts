// The annual report's unsaved section texts, kept on this computer until they are saved or
// given up. A writer who looks at another section, another year or another screen, or closes
// Konbit, finds the text where they left it: nothing typed is lost, and no question stops them
// on the way (the outline marks each section whose text is not saved yet).
import { untrack } from 'svelte';

export type SectionText = { title: string; author: string; body: string };

// Section ids are only unique within one database: the drafts are kept per database file.
let key: string | null = null;

function load(from: string): Record<number, SectionText> {
  try {
    const saved = JSON.parse(localStorage.getItem(from) ?? 'null') as Record<number, SectionText> | null;
    if (saved && typeof saved === 'object') return saved;
  } catch {
    // A damaged entry is forgotten: the saved sections are still in the database.
  }
  return {};
}

export const drafts = $state<Record<number, SectionText>>({});

/** Shows the drafts of the database at `path` (the shell calls it when a database opens). */
export function openDrafts(path: string): void {
  // Called from effects: reading the drafts here must not make the caller depend on them, or
  // each kept draft would reload them all, without end.
  untrack(() => {
    key = `konbit.report_drafts:${path}`;
    for (const id of Object.keys(drafts)) delete drafts[Number(id)];
    Object.assign(drafts, load(key));
  });
}

function persist(): void {
  if (key) localStorage.setItem(key, JSON.stringify(drafts));
}

/** Keeps `text` for section `id` when it differs from what is saved, forgets it otherwise. */
export function keepDraft(id: number, saved: SectionText, text: SectionText): void {
  const same = saved.title === text.title && saved.author === text.author && saved.body.trimEnd() === text.body.trimEnd();
  untrack(() => {
    if (same && !(id in drafts)) return;
    if (same) delete drafts[id];
    else drafts[id] = { title: text.title, author: text.author, body: text.body };
    persist();
  });
}

export function forgetDraft(id: number): void {
  if (!(id in drafts)) return;
  delete drafts[id];
  persist();
}
