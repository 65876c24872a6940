import { reportPage, type PrintedReport } from '../../../src/gateway/report-page';

/** The printable credit report: Chinese, escaped, printable (docs/credit-report.md "Downloading"). */
describe('credit report page', () => {
  const report: PrintedReport = {
    number: 'XYBG-20261201-000007',
    issuedAt: '2026-12-01T08:00:00.000Z',
    issuedOn: '2026-12-01',
    purpose: 'TENDERING',
    issuer: { client: 'yancheng-tendering', role: 'TENDERING', org: null },
    subject: {
      code: '913209021045930233',
      name: '盐城市<b>海瀚</b>建设工程有限公司',
      kind: 'ENTERPRISE',
      regionCode: '320902',
    },
    standing: {
      level: 'C',
      score: 70,
      undisclosedReasonCount: 0,
      policyVersion: '2026.1',
      reasons: [{ kind: 'RECORD', sourceId: '12', points: -30, explanation: '串通投标' }],
    },
    records: [
      {
        nature: 'DISHONESTY',
        category: 'ADMINISTRATIVE_PENALTY',
        severity: 'SERIOUS',
        title: '<script>alert(1)</script>',
      },
    ],
    listings: [{ listType: 'TENDER_BLACKLIST', reason: '串通投标', legalBasis: '条例', startsOn: '2026-09-10' }],
    commitments: [],
    rankings: [],
  };
  const html = reportPage(report, 'AB12-CD34-EF56-7890', '/verify-report');

  it('prints the number, the verification code and the sections in Chinese, with a print stylesheet', () => {
    for (const part of ['<html lang="zh-CN">', '信用报告', 'XYBG-20261201-000007', 'AB12-CD34-EF56-7890', '招标投标']) {
      expect(html).toContain(part);
    }
    for (const part of ['行政处罚', '严重', '招标投标黑名单', '无信用承诺。', '@media print', '/verify-report']) {
      expect(html).toContain(part);
    }
  });

  it('escapes every pushed text and carries no script', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('盐城市&lt;b&gt;海瀚&lt;/b&gt;');
  });
});
