import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubmitOutcome } from '../../../common/submission';

@ObjectType('SubmitRecordResult', { description: 'What a push did with one input item.' })
export class SubmitRecordResult {
  @Field(() => Int, { description: 'Position in the input.' })
  index!: number;

  @Field({ description: 'The pushing system’s id for the record.' })
  externalId!: string;

  @Field(() => SubmitOutcome, { description: 'CREATED, UPDATED (version + 1) or UNCHANGED.' })
  outcome!: SubmitOutcome;

  @Field(() => ID, { description: 'Id of the record in the hub.' })
  recordId!: string;
}

@ObjectType('SubmitRecordsPayload', {
  description: 'Outcome of a submitRecords batch, one result per input item, in input order.',
})
export class SubmitRecordsPayload {
  @Field(() => [SubmitRecordResult], { description: 'One result per input item, in input order.' })
  results!: SubmitRecordResult[];

  @Field(() => Int, { description: 'Records created.' }) created!: number;
  @Field(() => Int, { description: 'Records changed (version + 1).' }) updated!: number;
  @Field(() => Int, { description: 'Records pushed again with the same content.' }) unchanged!: number;
}
