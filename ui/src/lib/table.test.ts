import { describe, expect, it } from 'vitest';
import { plainNumber } from './table';

describe('plainNumber', () => {
  it('turns what the screen shows into plain decimal numbers', () => {
    expect(plainNumber('1\u00a0923,89\u00a0$', 'fr')).toBe('1923.89');
    expect(plainNumber('−32\u00a0000\u00a0$', 'fr')).toBe('-32000');
    expect(plainNumber('$1,923.89', 'en')).toBe('1923.89');
    expect(plainNumber('-$150.00', 'en')).toBe('-150.00');
    expect(plainNumber('7,5 h', 'fr')).toBe('7.5');
    expect(plainNumber('48\u00a0%', 'fr')).toBe('48');
    expect(plainNumber('-0,00 $', 'fr')).toBe('0.00');
  });

  it('leaves text alone', () => {
    expect(plainNumber('2013-0322', 'fr')).toBeNull();
    expect(plainNumber('Brouillon', 'fr')).toBeNull();
    expect(plainNumber('', 'fr')).toBeNull();
  });
});
