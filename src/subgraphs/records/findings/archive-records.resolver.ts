import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { CreditRecord } from './credit-record.entity';

/** The records subgraph's part of an integrity file: findings naming the person. */
@ObjectType('IntegrityArchive')
@Directive('@key(fields: "personKey")')
export class ArchiveRecordsStub {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  personKey!: string;
}

@Resolver(() => ArchiveRecordsStub)
export class ArchiveRecordsResolver {
  @FieldResolver(() => [CreditRecord], {
    description:
      'Dishonesty records naming the person as subject or as a responsible person, as far as the reader may see them.',
  })
  dishonestyRecords(@Root() archive: ArchiveRecordsStub, @Ctx() ctx: RecordsContext): Promise<CreditRecord[]> {
    return ctx.records.loaders.namingPerson.load(archive.personKey);
  }
}
