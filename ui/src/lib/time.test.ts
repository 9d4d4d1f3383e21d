import { describe, expect, it } from 'vitest';
import { addDays, elapsed, hm } from './time';

describe('grid time', () => {
  it('writes minutes as h:mm and leaves zero empty', () => {
    expect(hm(90)).toBe('1:30');
    expect(hm(5)).toBe('0:05');
    expect(hm(0)).toBe('');
  });

  it('counts a running timer', () => {
    const start = '2013-01-15T14:00:00Z';
    expect(elapsed(start, Date.parse('2013-01-15T15:02:03Z'))).toBe('1:02:03');
    expect(elapsed(start, Date.parse('2013-01-15T13:00:00Z'))).toBe('0:00:00');
  });

  it('moves by days across months and leap days', () => {
    expect(addDays('2013-02-25', 7)).toBe('2013-03-04');
    expect(addDays('2012-03-01', -1)).toBe('2012-02-29');
  });
});
