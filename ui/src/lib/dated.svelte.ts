// A period's dated records (expenses, other income) a page at a time, newest first, with the
// period's count and totals (with the GST and QST of expenses) from the first page: the screen never holds a year of thousands.
import type { Cursor, DatedPage } from './bindings';

export class DatedList<T> {
  items = $state<T[]>([]);
  next = $state<Cursor | null>(null);
  count = $state(0);
  total = $state(0);
  gst = $state(0);
  qst = $state(0);

  constructor(private readonly fetch: (after: Cursor | null) => Promise<DatedPage<T>>) {}

  /** The first page again, or the one after `after`, added below the rows already shown. */
  async load(after: Cursor | null = null) {
    const page = await this.fetch(after);
    this.items = after ? [...this.items, ...page.items] : page.items;
    this.next = page.next;
    this.count = page.count;
    this.total = page.total;
    this.gst = page.gst;
    this.qst = page.qst;
  }
}
