import { ArchiveRefused, monthsToArchive, retainedFrom } from '../../../src/audit/archive';
import { addMonths, isMissingPartition, monthOf } from '../../../src/audit/partitions';
import { AuditConfigError, loadAuditSettings } from '../../../src/config/audit';

const partitions = ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'].map((month) => ({
  name: `access_log_${month.replace('-', '_')}`,
  month,
}));
const december = new Date('2026-12-01T21:00:00Z');

describe('access-log retention', () => {
  it('counts months in UTC across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -13)).toBe('2025-12');
    expect(monthOf(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12');
  });

  it('keeps a month until retention whole months have passed since it ended', () => {
    expect(retainedFrom(december, 1)).toBe('2026-11');
    const months = (before?: string) =>
      monthsToArchive(partitions, { retentionMonths: 1 }, december, before).map((p) => p.month);
    expect(months()).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(months('2026-10')).toEqual(['2026-08', '2026-09']);
    expect(() => months('2026-12')).toThrow(ArchiveRefused);
    expect(() => months('2026-1')).toThrow(ArchiveRefused);
  });

  it('archives nothing when no retention is set', () => {
    expect(() => monthsToArchive(partitions, { retentionMonths: null }, december)).toThrow(ArchiveRefused);
  });

  it('reads its settings: unset retention keeps everything, bad values are refused', () => {
    expect(loadAuditSettings({}, [])).toMatchObject({ retentionMonths: null, partitionMonthsAhead: 3 });
    expect(loadAuditSettings({ AUDIT_RETENTION_MONTHS: '36' }, []).retentionMonths).toBe(36);
    expect(() => loadAuditSettings({ AUDIT_RETENTION_MONTHS: '0' }, [])).toThrow(AuditConfigError);
    expect(() => loadAuditSettings({ AUDIT_PARTITION_MONTHS_AHEAD: '25' }, [])).toThrow(AuditConfigError);
  });

  it('tells a missing partition from other check violations', () => {
    expect(isMissingPartition({ code: '23514', message: 'no partition of relation "access_log" found for row' })).toBe(
      true,
    );
    expect(isMissingPartition({ code: '23514', message: 'violates check constraint' })).toBe(false);
  });
});
