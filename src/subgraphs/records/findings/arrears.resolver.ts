import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { RecordCategory } from '../enums';
import { Arrears } from './arrears';
import { CreditRecord } from './credit-record.entity';

/** CreditRecord.arrears: the money of an ARREARS record, one statement for a page of records (arrearsByRecord). */
@Resolver(() => CreditRecord)
export class RecordArrearsResolver {
  @FieldResolver(() => Arrears, {
    // Nullable like every field a role may be denied (canReadArrears): a refusal stays at this path.
    nullable: true,
    description:
      'Amount, creditor, repayments and outstanding of an ARREARS record (清欠): debt management and the credit office of the jurisdiction, and the pushing system; null for other categories.',
  })
  async arrears(@Root() record: CreditRecord, @Ctx() ctx: RecordsContext): Promise<Arrears | null> {
    if (record.category !== RecordCategory.ARREARS) return null;
    return ctx.records.loaders.arrearsByRecord.load(record.id);
  }
}
