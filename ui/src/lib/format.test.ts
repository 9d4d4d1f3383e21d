import { describe, expect, it } from 'vitest';
import cases from './money-cases.json';
import { parseIsoDate, formatDate, formatWeekday, formatSpan, formatDollars, formatHours, formatMoney, formatPercent, hoursInput, moneyInput, parseHours, parseMoney, parsePercent, todayIso } from './format';

const nbsp = (s: string) => s.replace(/ /g, '\u00a0');
/** A French figure written with spaces and `-` for readability: no-break spaces, the minus sign. */
const fr = (s: string) => nbsp(s).replace(/-/g, '\u2212');

describe('money', () => {
  // The table the core's tests read too (core/src/money.rs): screen and paper agree.
  const written = (text: string, lang: 'fr' | 'en') => (lang === 'fr' ? fr(text) : text);
  it.each(cases.cases)('formats $cents cents as the core does', (c) => {
    for (const lang of ['fr', 'en'] as const) {
      expect(formatMoney(c.cents, lang)).toBe(written(c[lang], lang));
      expect(formatDollars(c.cents, lang)).toBe(written(c[`${lang}_dollars`], lang));
      expect(parseMoney(formatMoney(c.cents, lang), lang)).toBe(c.cents);
    }
  });

  it('formats the French-Canadian and English-Canadian ways', () => {
    expect(formatMoney(123456, 'fr')).toBe(nbsp('1 234,56 $'));
    expect(formatMoney(123456, 'en')).toBe('$1,234.56');
    expect(formatMoney(-3200000, 'fr')).toBe(fr('-32 000,00 $'));
    expect(formatMoney(-3200000, 'en')).toBe('-$32,000.00');
    expect(formatDollars(-8170300, 'fr')).toBe('\u221281\u00a0703\u00a0$');
    expect(formatDollars(-8170300, 'en')).toBe('-$81,703');
    expect(formatDollars(58900000, 'fr')).toBe(nbsp('589 000 $'));
    expect(formatDollars(58900000, 'en')).toBe('$589,000');
  });

  it('never shows -0 $ for an amount that rounds to nothing', () => {
    expect(formatDollars(-40, 'fr')).toBe(nbsp('0 $'));
    expect(formatDollars(-49, 'en')).toBe('$0');
    expect(formatDollars(-50, 'fr')).toBe(fr('-1 $'));
    expect(formatMoney(-0, 'fr')).toBe(nbsp('0,00 $'));
    expect(formatMoney(-0.4, 'en')).toBe('$0.00');
    expect(formatMoney(-1, 'fr')).toBe(fr('-0,01 $'));
  });

  it('reads what people type', () => {
    expect(parseMoney('1 234,56 $', 'fr')).toBe(123456);
    expect(parseMoney('1234.5', 'fr')).toBe(123450);
    expect(parseMoney('$1,234.56', 'en')).toBe(123456);
    expect(parseMoney('65', 'en')).toBe(6500);
    expect(parseMoney('-12,05', 'fr')).toBe(-1205);
    expect(parseMoney('\u221212,05', 'fr')).toBe(-1205);
    expect(parseMoney(formatMoney(-8170300, 'fr'), 'fr')).toBe(-8170300);
    expect(parseMoney(formatMoney(-8170300, 'en'), 'en')).toBe(-8170300);
    for (const bad of ['', 'abc', '1,234', '1.234.5', '12,345']) expect(parseMoney(bad, 'fr')).toBeNull();
  });

  it('writes back what it reads', () => {
    for (const cents of [0, 5, 123456, 6500]) {
      expect(parseMoney(moneyInput(cents, 'fr'), 'fr')).toBe(cents);
      expect(parseMoney(moneyInput(cents, 'en'), 'en')).toBe(cents);
    }
  });
});

describe('hours and percentages', () => {
  it('reads hours into minutes', () => {
    expect(parseHours('35')).toBe(2100);
    expect(parseHours('37,5')).toBe(2250);
    expect(parseHours('x')).toBeNull();
    expect(hoursInput(2250, 'fr')).toBe('37,5');
    expect(hoursInput(2250, 'en')).toBe('37.5');
  });

  it('reads percentages into basis points', () => {
    expect(parsePercent('15')).toBe(1500);
    expect(parsePercent('12,5 %')).toBe(1250);
    expect(parsePercent('douze')).toBeNull();
  });
});

describe('dates', () => {
  it('never moves a date to the day before', () => {
    expect(formatDate('2013-01-01', 'fr')).toBe('1er janv. 2013');
    expect(formatDate('2013-01-11', 'fr')).toBe('11 janv. 2013');
    expect(formatDate('2013-01-21', 'fr')).toBe('21 janv. 2013');
    expect(formatDate('2013-09-01', 'en')).toBe('Sep 1, 2013');
    expect(formatWeekday('2013-10-01', 'fr')).toBe('mar. 1er');
    expect(formatWeekday('2013-09-16', 'fr')).toBe('lun. 16');
    expect(formatWeekday('2013-10-01', 'en')).toBe('Tue 1');
    expect(formatDate('2013-01-01', 'en')).toBe('Jan 1, 2013');
    expect(formatSpan('2012-12-01', '2012-12-31', 'fr')).toBe('décembre 2012');
    expect(formatSpan('2013-02-01', '2013-02-28', 'en')).toBe('February 2013');
    expect(formatSpan('2013-04-01', '2013-04-07', 'en')).toBe('Apr 1, 2013 – Apr 7, 2013');
    expect(formatDate(null, 'fr')).toBe('');
  });

  it('reads only real ISO dates', () => {
    expect(parseIsoDate('2012-02-29')).toBe('2012-02-29');
    expect(parseIsoDate(' 2013-08-31 ')).toBe('2013-08-31');
    for (const bad of ['2013-02-29', '2013-13-01', '31/08/2013', '2013-8-31', '']) expect(parseIsoDate(bad)).toBeNull();
  });

  it('gives today in local time', () => {
    expect(todayIso(new Date(2013, 7, 31, 23, 59))).toBe('2013-08-31');
  });
});

describe('report figures', () => {
  it('writes hours and percentages the French way', () => {
    expect(formatHours(1234 * 60 + 20, 'fr')).toBe(nbsp('1 234'));
    expect(formatHours(1234 * 60, 'en')).toBe('1,234');
    expect(formatPercent(-0.123, 'fr', true)).toBe(fr('-12 %'));
    expect(formatPercent(-0.123, 'en', true)).toBe('-12%');
    expect(formatPercent(0.25, 'fr', true)).toBe(nbsp('+25 %'));
    expect(formatPercent(0.25, 'en')).toBe('25%');
    expect(formatPercent(null, 'fr')).toBe('—');
    expect(formatPercent(-0.004, 'fr', true)).toBe(nbsp('0 %'));
  });
});
