import { Arg, Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { InputError } from '../../../common/errors';
import { isIsoDate } from '../../../common/dates';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { Disclosure } from '../enums';
import { inEffect, sanctionEffect } from '../policy/sanction-effect';
import { CreditRecord } from './credit-record.entity';
import { SanctionInEffect, type SanctionRow } from './sanctions';

/** The records subgraph's part of an integrity file: findings naming the person. */
@ObjectType('IntegrityArchive')
@Directive('@key(fields: "personKey")')
export class ArchiveRecordsStub {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  personKey!: string;
}

export function toSanction(row: SanctionRow, on: string, ctx: RecordsContext): SanctionInEffect {
  const effect = sanctionEffect(row.sanction_kind, row.decided_at, ctx.records.policy);
  return Object.assign(new SanctionInEffect(), {
    recordId: row.id,
    kind: row.sanction_kind,
    decidedAt: row.decided_at,
    effectiveUntil: effect.until,
    inEffect: inEffect(effect, on),
    disclosure: row.disclosure,
    subjectKey: row.subject_key,
  });
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

  @FieldResolver(() => [SanctionInEffect], {
    // Nullable like every field a role may be denied (canReadSanctions): a refusal stays at this path.
    nullable: true,
    description:
      'Every disciplinary action (政务处分/党纪处分) on the person, newest first: kind, decision date, effect period and whether it is in effect on `on` (default today), whatever the record’s disclosure; for the managing organization department, discipline inspection and the credit office of the jurisdiction, and the person.',
  })
  async sanctions(
    @Root() archive: ArchiveRecordsStub,
    @Ctx() ctx: RecordsContext,
    @Arg('on', () => LocalDateResolver, { nullable: true, description: 'The date asked about; default today.' })
    on?: string | null,
  ): Promise<SanctionInEffect[]> {
    const day = on ?? ctx.records.today;
    if (!isIsoDate(day))
      throw new InputError(bilingual('on 须为日期 YYYY-MM-DD', 'on must be a date'), { field: 'on' });
    const sanctions = (await ctx.records.loaders.sanctionsNaming.load(archive.personKey)).map((row) =>
      toSanction(row, day, ctx),
    );
    for (const sanction of sanctions.filter((s) => s.disclosure === Disclosure.RESTRICTED))
      ctx.audit.note({
        resource: 'RESTRICTED_RECORD',
        subjectKey: sanction.subjectKey,
        fields: [`sanction:${sanction.recordId}`],
        outcome: 'GRANTED',
      });
    return sanctions;
  }
}

@Resolver(() => SanctionInEffect)
export class SanctionInEffectResolver {
  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The decision as a credit record, only as far as the reader may see it (its disclosure); else null.',
  })
  record(@Root() sanction: SanctionInEffect, @Ctx() ctx: RecordsContext): Promise<CreditRecord | null> {
    return ctx.records.loaders.recordById.load(sanction.recordId);
  }
}
