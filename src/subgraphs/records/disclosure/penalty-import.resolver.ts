import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { countOutcomes, PenaltyImport } from './import';
import type { SgsRow } from './items';
import { ImportPenaltiesPayload, PenaltyRowInput, PenaltyRowReport } from './penalty-import.types';

/** Rows per importPenalties call (written in batches of submitRecords' size); files go through the CLI. */
export const MAX_IMPORT_ROWS = 2000;

@Resolver()
export class PenaltyImportResolver {
  @Mutation(() => ImportPenaltiesPayload, {
    description: `Imports 双公示 administrative-penalty rows (at most ${MAX_IMPORT_ROWS}) as records, idempotent on (your system, decision number): valid rows are written in all-or-nothing batches, invalid ones reported per row.`,
  })
  async importPenalties(
    @Ctx() ctx: RecordsContext,
    @Arg('rows', () => [PenaltyRowInput]) rows: PenaltyRowInput[],
  ): Promise<ImportPenaltiesPayload> {
    if (rows.length > MAX_IMPORT_ROWS)
      throw new InputError(
        bilingual(
          `每次最多导入 ${MAX_IMPORT_ROWS} 行，收到 ${rows.length} 行；未导入任何数据`,
          `at most ${MAX_IMPORT_ROWS} rows per call, got ${rows.length}; nothing imported`,
        ),
        { field: 'rows' },
      );
    const numbered = rows.map((input, i) => ({ row: input.row ?? i + 1, items: input as unknown as Partial<SgsRow> }));
    const seen = new Map<number, number>();
    numbered.forEach(({ row }, i) => {
      if (seen.has(row))
        throw new InputError(
          bilingual(
            `rows[${i}].row：行号 ${row} 已用于 rows[${seen.get(row)}]`,
            `rows[${i}].row: row number ${row} also given to rows[${seen.get(row)}]`,
          ),
          { index: i, field: 'row' },
        );
      seen.set(row, i);
    });
    const importer = new PenaltyImport(
      () => ({ em: ctx.em, directory: ctx.records.directory }),
      ctx.services.keys,
      ctx.records.policy,
      ctx.records.today,
      ctx.records.evaluation,
      ctx.language,
    );
    const reports = await importer.importRows(ctx.viewer, numbered);
    const counts = countOutcomes(reports);
    return Object.assign(new ImportPenaltiesPayload(), {
      rows: reports.map((report) => Object.assign(new PenaltyRowReport(), report)),
      imported: counts.IMPORTED,
      updated: counts.UPDATED,
      unchanged: counts.UNCHANGED,
      rejected: counts.REJECTED,
    });
  }
}
