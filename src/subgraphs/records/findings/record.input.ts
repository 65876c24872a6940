import { Field, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { SubjectKind } from '../../../common/subject-kind';
import { Disclosure, ListType, RecordCategory, RecordDomain, RecordNature, RecordStatus, Severity } from '../enums';

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

  @Field(() => RecordNature)
  nature!: RecordNature;

  @Field(() => RecordCategory)
  category!: RecordCategory;

  @Field(() => RecordDomain)
  domain!: RecordDomain;

  @Field(() => Severity)
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

  /** Not part of the GraphQL input: the items of an imported source format (disclosure/), stored as given. */
  sourceItems?: Record<string, string> | null;
}

@InputType({ description: 'Filter for records; all given conditions must hold.' })
export class RecordFilterInput {
  @Field(() => [RecordNature], { nullable: true }) natures?: RecordNature[] | null;
  @Field(() => [RecordCategory], { nullable: true }) categories?: RecordCategory[] | null;
  @Field(() => [RecordDomain], { nullable: true }) domains?: RecordDomain[] | null;
  @Field(() => [Severity], { nullable: true }) severities?: Severity[] | null;
  @Field(() => [RecordStatus], { nullable: true }) statuses?: RecordStatus[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Decided on or after.' }) decidedFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Decided on or before.' }) decidedTo?: string | null;
}

@InputType({ description: 'A new listing.' })
export class ListingInput {
  @Field(() => SubjectRefInput, { description: 'The listed subject.' })
  subject!: SubjectRefInput;

  @Field(() => ListType)
  listType!: ListType;

  @Field({ description: 'Why the subject is listed.' })
  reason!: string;

  @Field({ description: 'Law, regulation or central policy the listing rests on (国办发〔2020〕49号).' })
  legalBasis!: string;

  @Field(() => [String], { description: 'Ids of the records the listing rests on (at least one).' })
  reasonRecordIds!: string[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day (default today).' })
  startsOn?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day (default: the longest publicity of its records).',
  })
  endsOn?: string | null;
}
