import { Field, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ListType } from '../enums';
import { SubjectRefInput } from '../findings/record.input';

@InputType({ description: 'A new listing.' })
export class ListingInput {
  @Field(() => SubjectRefInput, { description: 'The listed subject.' })
  subject!: SubjectRefInput;

  @Field(() => ListType, { description: 'The list (名单) to put the subject on.' })
  listType!: ListType;

  @Field({ description: 'Why the subject is listed.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The citation as the decision words it (default: the text of the configured basis). Law, regulation or central policy (国办发〔2020〕49号).',
  })
  legalBasis?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the configured basis of this list (config/list-rules.json) it rests on (default: the first).',
  })
  basisId?: string | null;

  @Field(() => [String], { description: 'Ids of the records the listing rests on (at least one).' })
  reasonRecordIds!: string[];

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'First day in effect, never before today (default today, or the day after the notice window).',
  })
  startsOn?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day, at most the list’s maximum duration (default: its default duration, else the maximum).',
  })
  endsOn?: string | null;
}
