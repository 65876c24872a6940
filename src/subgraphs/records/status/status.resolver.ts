import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InputError } from '../../../common/errors';
import type { RecordsContext } from '../context';
import { SubjectStub, subjectStub } from '../subject.stub';
import { CreditStatus } from './credit-status.type';
import { releasedStatus, statusByCode } from './standing';

/** Credit status by code (procurement review) and on Subject. */
@Resolver()
export class StatusResolver {
  @Query(() => CreditStatus, {
    nullable: true,
    description:
      'Credit status of the subject with this code. Invalid code: BAD_USER_INPUT; unregistered: subject null.',
  })
  async creditStatus(@Ctx() ctx: RecordsContext, @Arg('code') code: string): Promise<CreditStatus> {
    const identified = ctx.services.keys.identify(code);
    if (!identified.check.valid)
      throw new InputError(`无效代码 (invalid code): ${identified.check.message ?? identified.check.problem}`, {
        field: 'code',
      });
    return statusByCode(ctx, identified.normalized, identified.keys, identified.types.includes('RESIDENT_ID'));
  }
}

/** What credit status adds to Subject (nullable: the subject still arrives if records is down). */
@Resolver(() => SubjectStub)
export class SubjectStatusResolver {
  @FieldResolver(() => CreditStatus, { nullable: true, description: 'Credit status under the credit policy, today.' })
  creditStatus(@Root() subject: SubjectStub, @Ctx() ctx: RecordsContext): Promise<CreditStatus> {
    // Who may: canReadStanding (permissions.ts) has checked a civil servant's before.
    return releasedStatus(ctx, '', subject.codeKey, subjectStub(subject.codeKey));
  }
}
