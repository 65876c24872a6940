import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { ListType } from '../enums';
import { checkCodes } from './blacklist';
import { BlacklistResult } from './blacklist.type';
import { logChecks } from './check-log';

export const MAX_BLACKLIST_CODES = 1000;

/** The tender platform's batch check of bidders against the lists (docs/credit-status.md). */
@Resolver()
export class BlacklistResolver {
  @Query(() => [BlacklistResult], {
    description:
      `Checks up to ${MAX_BLACKLIST_CODES} codes against the lists in force today; one row per code, in input order. ` +
      'Resident ID numbers are answered only to those entitled to the full number (see BlacklistResult.withheld).',
  })
  async blacklistCheck(
    @Ctx() ctx: RecordsContext,
    @Arg('codes', () => [String]) codes: string[],
    @Arg('listTypes', () => [ListType], { nullable: true, description: 'Lists to check (default: all).' })
    listTypes?: ListType[],
  ): Promise<BlacklistResult[]> {
    if (codes.length > MAX_BLACKLIST_CODES) {
      throw new InputError(
        bilingual(`每次至多 ${MAX_BLACKLIST_CODES} 个代码`, `at most ${MAX_BLACKLIST_CODES} codes per call`),
        {
          field: 'codes',
        },
      );
    }
    const rows = await checkCodes(
      ctx,
      codes.map((code) => ctx.services.keys.identify(code)),
      listTypes,
    );
    const checkId = await logChecks(
      ctx.em,
      ctx.viewer,
      null,
      rows.flatMap((row, index) =>
        row.checkedKey
          ? [{ index, subjectKey: row.checkedKey, subjectRegion: row.checkedRegion, decision: null, ruleId: null }]
          : [],
      ),
    );
    for (const row of rows) row.checkId = checkId;
    return rows;
  }
}
