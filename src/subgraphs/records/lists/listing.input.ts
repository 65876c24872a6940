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
