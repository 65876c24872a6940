import { Field, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ArchiveEntryKind, AssessmentGrade } from './enums';

@InputType({ description: 'An integrity-file entry; idempotent on (your system, externalId).' })
export class ArchiveEntryInput {
  @Field({ description: 'Your system’s own id for the entry.' })
  externalId!: string;

  @Field({ description: 'Resident ID number of the civil servant (registered).' })
  personCode!: string;

  @Field(() => ArchiveEntryKind, { description: 'What kind of entry (reported personal matter, assessment, …).' })
  kind!: ArchiveEntryKind;

  @Field(() => Int, { description: 'Year the entry belongs to.' })
  year!: number;

  @Field({ description: 'Short title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Contents.' })
  content?: string | null;

  @Field(() => AssessmentGrade, {
    nullable: true,
    description: 'Required for ANNUAL_ASSESSMENT, not allowed otherwise.',
  })
  grade?: AssessmentGrade | null;

  @Field(() => LocalDateResolver, { description: 'Date of the event (not in the future).' })
  occurredOn!: string;
}
