import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * What a credit report is issued for: the contexts in which 信用报告 are used (Qingdao: 行政审批、政府采购、招标投标、
 * 专项资金申请; 评优评先). The same values as the interception policy's contexts (#15 item 2).
 */
export enum ReportPurpose {
  PROCUREMENT = 'PROCUREMENT',
  TENDERING = 'TENDERING',
  FUNDING = 'FUNDING',
  HONOURS = 'HONOURS',
  APPROVAL = 'APPROVAL',
}
registerEnumType(ReportPurpose, {
  name: 'ReportPurpose',
  description:
    'What a credit report is for: PROCUREMENT (政府采购), TENDERING (招标投标), FUNDING (专项资金), HONOURS (评优评先), APPROVAL (行政审批).',
});

@ObjectType('CreditReport', {
  description:
    'A signed, dated credit report (信用报告): a snapshot of what the issuing client may read of the subject on the day (docs/credit-report.md).',
})
export class CreditReport {
  @Field({ description: 'Report number, XYBG-YYYYMMDD-NNNNNN (issue date in the hub’s time zone, per-day sequence).' })
  number!: string;

  @Field(() => ReportPurpose, { description: 'What the report was issued for.' })
  purpose!: ReportPurpose;

  @Field({ description: 'When the report was issued.' })
  issuedAt!: Date;

  @Field(() => LocalDateResolver, { description: 'The date the report’s facts are as of.' })
  issuedOn!: string;

  @Field({
    description:
      'The report as a compact JWS (RFC 7515, EdDSA over Ed25519): verify it with the key of its `kid` from /.well-known/credit-report-keys.json.',
  })
  jws!: string;

  @Field({ description: 'The signed payload (the report itself) as the JSON text inside the JWS.' })
  payloadJson!: string;

  @Field({ description: 'Id of the key that signed the report (the JWS header’s `kid`).' })
  keyId!: string;

  @Field({ description: 'SHA-256 of the compact JWS, in lowercase hex: what verifyCreditReport checks.' })
  digest!: string;

  @Field({
    description:
      'Verification code (验证码) printed on the report: the first 16 hex digits of the digest, upper case, in groups of four.',
  })
  verificationCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'One-time token for a download link (GET /reports/credit-report.html?number=…&token=…, or .json), valid 15 minutes: in creditReport’s answer only, null afterwards.',
  })
  downloadToken!: string | null;
}

@ObjectType('CreditReportVerification', {
  description:
    'Whether a presented report is authentic, and whether its subject’s facts changed since. Nothing else: no fact of the report is told.',
})
export class CreditReportVerification {
  @Field({ description: 'The number asked about, normalised.' })
  number!: string;

  @Field({
    description:
      'True when a report with this number was issued with this digest (or verification code) and its stored signature verifies.',
  })
  authentic!: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date of issue; null when not authentic.' })
  issuedOn!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the facts the report states (level, reasons, records, listings, commitments, rankings, as its issuer may read them) differ today; null when not authentic.',
  })
  changedSinceIssue!: boolean | null;
}
