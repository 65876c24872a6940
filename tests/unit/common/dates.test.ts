import { addDays, addMonths } from '../../../src/common/dates';

/** The arithmetic as it was done through Date's string parser, for comparison with the hand-read path. */
function viaDate(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

describe('calendar date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-03-10', 365)).toBe('2026-03-10');
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-10', 12)).toBe('2026-03-10');
    expect(addMonths('2025-03-10', -3)).toBe('2024-12-10');
  });

  it('answers as Date would for every day of four years, and for what Date reads oddly', () => {
    const days = ['2023-01-01'];
    for (let i = 1; i < 4 * 366; i++) days.push(viaDate('2023-01-01', i));
    for (const day of days) for (const n of [-400, -1, 0, 1, 30, 1826]) expect(addDays(day, n)).toBe(viaDate(day, n));
    // Day 30 of February overflows into March, as Date reads it; a year below 100 is not read as 19xx.
    for (const odd of ['2025-02-30', '2025-04-31', '0050-06-15', '0999-12-31', '9999-12-31'])
      expect(addDays(odd, 1)).toBe(viaDate(odd, 1));
    expect(() => addDays('2025-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('not a date', 1)).toThrow(RangeError);
  });
});
