// The fiscal year a screen shows: named, spanned and moved the way the core names them
// (`2012-2013` from the organisation's start month; `2013` for a January start). It opens on
// the current year, or on the year of the last hours recorded when that is earlier (a database
// of past years, such as the demo, opens where its data is).
import { api } from './api/commands';

const pad = (n: number) => String(n).padStart(2, '0');

export class FiscalYearChoice {
  startMonth = $state(9);
  firstYear = $state(0);

  // firstYear stays 0 (screens wait) until the year is known: a screen that loaded the current
  // year first could see that answer arrive after the right year's, and show it.
  constructor(today: Date = new Date()) {
    Promise.all([api.getSettings(), api.latestWorkDate()])
      .then(([settings, latest]) => {
        if (settings) this.startMonth = settings.fiscal_year_start_month;
        const [y, m, d] = (latest ?? '').split('-').map(Number);
        const last = latest ? new Date(y, m - 1, d) : today;
        this.firstYear = this.containing(last < today ? last : today);
      })
      .catch(() => (this.firstYear = this.containing(today)));
  }

  private containing(date: Date): number {
    return date.getMonth() + 1 >= this.startMonth ? date.getFullYear() : date.getFullYear() - 1;
  }

  get name(): string {
    if (this.firstYear === 0) return '';
    return this.startMonth === 1 ? `${this.firstYear}` : `${this.firstYear}-${this.firstYear + 1}`;
  }

  /** The first and last day of the year, or of quarter 1 to 4. */
  span(quarter: number | null = null): { from: string; to: string } {
    const firstMonth = this.startMonth - 1 + (quarter ? (quarter - 1) * 3 : 0);
    const months = quarter ? 3 : 12;
    const start = new Date(this.firstYear, firstMonth, 1);
    const end = new Date(this.firstYear, firstMonth + months, 0);
    const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    return { from: iso(start), to: iso(end) };
  }
}
