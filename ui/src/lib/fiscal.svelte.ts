// The fiscal year the screens about one year show: ONE choice shared by all of them, so that
// moving to 2011-2012 on Résultats shows 2011-2012 on Budget too, remembered for each database on
// this computer across restarts. The years offered are those with records plus the current one
// (`fiscal_years_on_record`); before any choice the screens open on the most recent year with
// records, not on an empty current year. Years are named and spanned as the core names them
// (`2012-2013` from the organisation's start month; `2013` for a January start).
import type { YearOnRecord } from './bindings';
import { api } from './api/commands';
import { rememberYear, rememberedYear } from './session.svelte';

const pad = (n: number) => String(n).padStart(2, '0');

export class FiscalYearChoice {
  startMonth = $state(9);
  /** 0 until the year is known: screens wait rather than load a year they would then replace. */
  firstYear = $state(0);
  /** The years offered, the most recent first. */
  years = $state<YearOnRecord[]>([]);
  private database: string | null = null;

  /** Loads the years of the database at `database` (its path), and the choice kept for it. */
  async open(database: string): Promise<void> {
    if (this.database === database && this.firstYear) return;
    this.database = database;
    this.firstYear = 0;
    const [settings, onRecord] = await Promise.all([api.getSettings(), api.fiscalYearsOnRecord()]);
    if (settings) this.startMonth = settings.fiscal_year_start_month;
    this.years = onRecord.years;
    this.firstYear = rememberedYear(database) ?? onRecord.opening;
  }

  /** Reads the years again: hours or an expense recorded since may have opened a new one. */
  async refresh(): Promise<void> {
    if (this.database === null) return;
    this.years = (await api.fiscalYearsOnRecord()).years;
  }

  /** The years the picker lists: those offered, and the chosen one if it is not among them. */
  get options(): { firstYear: number; name: string }[] {
    const listed = this.years.map((y) => ({ firstYear: y.first_year, name: y.name }));
    if (!this.firstYear || listed.some((y) => y.firstYear === this.firstYear)) return listed;
    return [...listed, { firstYear: this.firstYear, name: this.nameOf(this.firstYear) }].sort((a, b) => b.firstYear - a.firstYear);
  }

  choose(firstYear: number): void {
    this.firstYear = firstYear;
    if (this.database !== null) rememberYear(this.database, firstYear);
  }

  get name(): string {
    return this.firstYear === 0 ? '' : this.nameOf(this.firstYear);
  }

  private nameOf(firstYear: number): string {
    return this.startMonth === 1 ? `${firstYear}` : `${firstYear}-${firstYear + 1}`;
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

/** The one choice every screen about a year reads; the Shell opens it on the database. */
export const fiscalYear = new FiscalYearChoice();
