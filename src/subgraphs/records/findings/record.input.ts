import { Field, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { SubjectKind } from '../../../common/subject-kind';
import { ArrearsInput } from './arrears.input';
import { Disclosure, RecordCategory, RecordDomain, RecordNature, RecordStatus, SanctionKind, Severity } from '../enums';

@InputType({
  description: 'A subject named by code; name, kind and division are needed only when it is not yet registered.',
})
export class SubjectRefInput {
  @Field({ description: 'USCC, or resident ID number for a civil servant.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Registered name (for a new subject).' })
  name?: string | null;

  @Field(() => SubjectKind, { nullable: true, description: 'Kind (for a new subject).' })
  kind?: SubjectKind | null;

  @Field(() => String, { nullable: true, description: 'Division code (for a new subject).' })
  regionCode?: string | null;
}

@InputType({ description: 'A finding pushed by a client system; idempotent on (pushing system, externalId).' })
export class RecordInput {
  @Field({ description: 'The pushing system’s own id for the finding.' })
  externalId!: string;

  @Field(() => SubjectRefInput, { description: 'Who the finding is about.' })
  subject!: SubjectRefInput;

  @Field(() => RecordNature, { description: 'Dishonesty (失信) or honour (守信).' })
  nature!: RecordNature;

  @Field(() => RecordCategory, { description: 'What kind of finding this is.' })
  category!: RecordCategory;

  @Field(() => RecordDomain, { description: 'The field of government activity it concerns.' })
  domain!: RecordDomain;

  @Field(() => Severity, { description: 'General (一般) or serious (严重).' })
  severity!: Severity;

  @Field({ description: 'Short title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Facts of the finding.' })
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal basis.' })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'Decision document number (文书号).' })
  documentNo?: string | null;

  @Field(() => LocalDateResolver, { description: 'Decision date (not in the future).' })
  decidedAt!: string;

  @Field(() => String, { nullable: true, description: 'USCC of the deciding authority.' })
  decidingAuthorityCode?: string | null;

  @Field(() => Disclosure, { description: 'Who may see the record.' })
  disclosure!: Disclosure;

  @Field(() => [String], {
    nullable: true,
    description: 'Resident ID numbers of the responsible civil servants (registered).',
  })
  responsiblePersonCodes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Meets the fault-tolerance conditions (容错): kept, not counted.',
  })
  tolerated?: boolean | null;

  @Field(() => SanctionKind, {
    nullable: true,
    description: 'Kind of disciplinary action (处分种类); only with category DISCIPLINARY_SANCTION.',
  })
  sanctionKind?: SanctionKind | null;

  @Field(() => ArrearsInput, {
    nullable: true,
    description: 'Amount, creditor and due date (清欠): required with category ARREARS, refused with any other.',
  })
  arrears?: ArrearsInput | null;

  /** Not part of the GraphQL input: the items of an imported source format (disclosure/), stored as given. */
  sourceItems?: Record<string, string> | null;
}

@InputType({ description: 'Filter for records; all given conditions must hold.' })
export class RecordFilterInput {
  @Field(() => [RecordNature], { nullable: true, description: 'Only these natures.' }) natures?: RecordNature[] | null;
  @Field(() => [RecordCategory], { nullable: true, description: 'Only these categories.' }) categories?:
    RecordCategory[] | null;
  @Field(() => [RecordDomain], { nullable: true, description: 'Only these domains.' }) domains?: RecordDomain[] | null;
  @Field(() => [Severity], { nullable: true, description: 'Only these severities.' }) severities?: Severity[] | null;
  @Field(() => [RecordStatus], { nullable: true, description: 'Only these statuses.' }) statuses?:
    RecordStatus[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Decided on or after.' }) decidedFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Decided on or before.' }) decidedTo?: string | null;
}
