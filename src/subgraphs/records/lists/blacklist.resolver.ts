import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { ListType } from '../enums';
import { CheckContext } from '../policy/interception';
import { checkCodes } from './blacklist';
import { BlacklistResult } from './blacklist.type';
import { logCheckedRows } from './check-log';

export const MAX_BLACKLIST_CODES = 1000;

/** The tender platform's batch check of bidders against the lists (docs/interception.md). */
@Resolver()
export class BlacklistResolver {
  @Query(() => [BlacklistResult], {
    description:
      `Checks up to ${MAX_BLACKLIST_CODES} codes against the lists in force today, with the interception policy’s decision per code; ` +
      'one row per code, in input order. Resident ID numbers are answered only to those entitled to the full number (see BlacklistResult.withheld).',
  })
  async blacklistCheck(
    @Ctx() ctx: RecordsContext,
    @Arg('codes', () => [String]) codes: string[],
    @Arg('listTypes', () => [ListType], { nullable: true, description: 'Lists to check (default: all).' })
    listTypes?: ListType[],
    @Arg('context', () => CheckContext, {
      defaultValue: CheckContext.TENDERING,
      description: 'Where the check is used; the policy of that context decides (default TENDERING, the tender check).',
    })
    context: CheckContext = CheckContext.TENDERING,
    @Arg('legalRepresentatives', () => [String], {
      nullable: 'itemsAndList',
      description:
        'The legal representatives’ resident ID numbers, by position: item i is the representative of codes[i] (null: none given). ' +
        'As long as codes when given.',
    })
    legalRepresentatives?: (string | null)[],
  ): Promise<BlacklistResult[]> {
    if (codes.length > MAX_BLACKLIST_CODES) {
      throw new InputError(
        bilingual(`每次至多 ${MAX_BLACKLIST_CODES} 个代码`, `at most ${MAX_BLACKLIST_CODES} codes per call`),
        {
          field: 'codes',
        },
      );
    }
    if (legalRepresentatives && legalRepresentatives.length !== codes.length)
      throw new InputError(bilingual('法定代表人须与代码逐一对应', 'legalRepresentatives must be as long as codes'), {
        field: 'legalRepresentatives',
      });
    return checkAndLog(ctx, codes, { listTypes, context, legalRepresentatives });
  }
}

/** The check itself, its arguments checked: the decision per code, kept under a new check id (check-log.ts). */
export async function checkAndLog(
  ctx: RecordsContext,
  codes: string[],
  args: { listTypes?: ListType[] | null; context: CheckContext; legalRepresentatives?: (string | null)[] | null },
): Promise<BlacklistResult[]> {
  const identify = (code: string) => ctx.services.keys.identify(code);
  const rows = await checkCodes(ctx, codes.map(identify), {
    listTypes: args.listTypes,
    context: args.context,
    representatives: args.legalRepresentatives?.map((code) => (code ? identify(code) : null)),
  });
  return logCheckedRows(ctx, args.context, rows);
}
