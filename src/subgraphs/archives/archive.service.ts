import type { EntityManager } from '@mikro-orm/postgresql';
import { inJurisdiction, managesCadre } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isIsoDate } from '../../common/dates';
import { checkEach, ConflictError, InputError, itemError, refuseInvalid, type InvalidItem } from '../../common/errors';
import type { DirectoryEntry, SubjectDirectory } from '../../common/subject-directory';
import { upsertBySource, type UpsertOutcome } from '../../db/idempotent-upsert';
import { pgArray } from '../../db/sql';
import { selfKeyOf, type SubjectKeys } from '../../identity/subject-keys';
import { contentHash } from '../../common/submission';
import { SubjectKind } from '../../common/subject-kind';
import type { ArchiveEntryInput } from './archive.input';
import { ArchiveEntryKind } from './enums';
import { ARCHIVE_PUSH_SCOPE } from './push-scope';
import { bilingual, type Bilingual } from '../../common/language';

export const MAX_ARCHIVE_BATCH = 500;

const COLUMNS: [string, string][] = [
  ['person_id', 'bigint'],
  ['person_key', 'text'],
  ['external_id', 'text'],
  ['kind', 'text'],
  ['year', 'smallint'],
  ['title', 'text'],
  ['content', 'text'],
  ['grade', 'text'],
  ['occurred_on', 'date'],
  ['content_hash', 'text'],
];

function fail(index: number, field: string, message: Bilingual): never {
  throw itemError({ index, field, message });
}

/** One entry on its own (nothing here reads the database); throws the entry's first problem. */
function checkEntry(
  input: ArchiveEntryInput,
  index: number,
  today: string,
): { input: ArchiveEntryInput; index: number } {
  const year = Number(today.slice(0, 4));
  if (!input.externalId?.trim()) fail(index, 'externalId', bilingual('不能为空', 'must not be empty'));
  if (!input.title?.trim()) fail(index, 'title', bilingual('不能为空', 'must not be empty'));
  if (!Number.isInteger(input.year) || input.year < 1950 || input.year > year)
    fail(index, 'year', bilingual(`应在 1950 至 ${year} 之间`, `must be between 1950 and ${year}`));
  if (!isIsoDate(input.occurredOn) || input.occurredOn > today)
    fail(index, 'occurredOn', bilingual('应为不晚于今天的日期', 'must be a date, not in the future'));
  const assessment = input.kind === ArchiveEntryKind.ANNUAL_ASSESSMENT;
  if (assessment !== !!input.grade)
    fail(
      index,
      'grade',
      assessment
        ? bilingual('年度考核须给出等次', 'an annual assessment needs a grade')
        : bilingual('只有年度考核有等次', 'only annual assessments have a grade'),
    );
  return { input, index };
}

/** The entries against each other: an external id twice, two assessments of one person and year. */
function batchConflicts(entries: { input: ArchiveEntryInput; index: number }[]): InvalidItem[] {
  const invalid: InvalidItem[] = [];
  const seen = new Set<string>();
  const assessments = new Set<string>();
  for (const { input, index } of entries) {
    const externalId = input.externalId.trim();
    if (seen.has(externalId))
      invalid.push({
        index,
        field: 'externalId',
        message: bilingual('在本批次中出现两次', 'appears twice in the batch'),
      });
    seen.add(externalId);
    if (input.kind !== ArchiveEntryKind.ANNUAL_ASSESSMENT) continue;
    const key = `${input.personCode.trim().toUpperCase()}/${input.year}`;
    if (assessments.has(key))
      invalid.push({
        index,
        field: 'year',
        message: bilingual('同一人同一年度有两条考核', 'two assessments for the same person and year'),
      });
    assessments.add(key);
  }
  return invalid;
}

/**
 * Who may record an entry about `person`: its managing organization department, or discipline
 * inspection in jurisdiction.
 */
export function mayRecordFor(viewer: Principal, selfKey: string | undefined, person: DirectoryEntry): boolean {
  if (viewer.role === Role.ORG_DEPT) return managesCadre(viewer, selfKey, person.managedByKey);
  if (viewer.role === Role.DISCIPLINE) return inJurisdiction(viewer, person.regionCode);
  return false;
}

/**
 * recordArchiveEntries: validated whole, written in one transaction, idempotent on
 * (recording system, external id); one annual assessment per person and year.
 */
export class ArchiveRecording {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: SubjectDirectory,
    private readonly keys: SubjectKeys,
    private readonly today: string,
  ) {}

  async record(
    viewer: Principal,
    inputs: ArchiveEntryInput[],
  ): Promise<{ index: number; id: string; outcome: UpsertOutcome }[]> {
    if (inputs.length > MAX_ARCHIVE_BATCH)
      throw new InputError(
        bilingual(`每次最多 ${MAX_ARCHIVE_BATCH} 条`, `at most ${MAX_ARCHIVE_BATCH} entries per call`),
        { field: 'input' },
      );
    this.checkItems(viewer, inputs);
    if (inputs.length === 0) return [];
    const persons = await this.directory.resolve(
      inputs.map((input, index) => ({ code: input.personCode, path: { index, field: 'personCode' } })),
      { register: false },
    );
    this.checkPersons(viewer, persons);
    const rows = inputs.map((input, index) => {
      const content = {
        person_id: persons[index].id,
        person_key: persons[index].key,
        external_id: input.externalId.trim(),
        kind: input.kind,
        year: input.year,
        title: input.title.trim(),
        content: input.content?.trim() || null,
        grade: input.grade ?? null,
        occurred_on: input.occurredOn,
      };
      return { ...content, content_hash: contentHash(content) };
    });
    return this.em.transactional(async (em) => {
      await this.checkAssessmentConflicts(em, viewer, rows);
      const outcomes = await upsertBySource(
        em,
        { table: 'archives.archive_entry', columns: COLUMNS },
        { system: viewer.clientId, role: viewer.role },
        rows,
      );
      return rows.map((row, index) => ({ index, ...outcomes.get(row.external_id)! }));
    });
  }

  /**
   * Each item on its own and against the others of the batch, every invalid one at once
   * (BAD_USER_INPUT), then every kind the caller does not record (FORBIDDEN).
   */
  private checkItems(viewer: Principal, inputs: ArchiveEntryInput[]): void {
    const { valid, invalid } = checkEach(inputs, (input, index) => checkEntry(input, index, this.today));
    refuseInvalid([...invalid, ...batchConflicts(valid)]);
    refuseInvalid(
      valid
        .filter(({ input }) => !ARCHIVE_PUSH_SCOPE[viewer.role]?.includes(input.kind))
        .map(({ input, index }) => ({
          index,
          field: 'kind',
          message: bilingual(`${viewer.role} 不登记 ${input.kind}`, `${viewer.role} does not record ${input.kind}`),
        })),
      'FORBIDDEN',
    );
  }

  /** Every person named is a civil servant (else BAD_USER_INPUT) this caller may record for (else FORBIDDEN). */
  private checkPersons(viewer: Principal, persons: DirectoryEntry[]): void {
    const selfKey = selfKeyOf(viewer, this.keys);
    const at = (index: number, message: Bilingual) => ({ index, field: 'personCode', message });
    refuseInvalid(
      persons.flatMap((person, index) =>
        person.kind === SubjectKind.PUBLIC_SERVANT
          ? []
          : [at(index, bilingual('廉政档案只为公务员建立', 'integrity files are kept for civil servants only'))],
      ),
    );
    refuseInvalid(
      persons.flatMap((person, index) =>
        mayRecordFor(viewer, selfKey, person)
          ? []
          : [at(index, bilingual('您无权为此人登记', 'not a person you may record for'))],
      ),
      'FORBIDDEN',
    );
  }

  /** An assessment for the same person and year from another entry is a CONFLICT, not a second grade. */
  private async checkAssessmentConflicts(
    em: EntityManager,
    viewer: Principal,
    rows: { person_id: string; year: number; kind: string; external_id: string }[],
  ) {
    const wanted = rows
      .map((row, index) => ({ ...row, index }))
      .filter((row) => row.kind === ArchiveEntryKind.ANNUAL_ASSESSMENT);
    if (wanted.length === 0) return;
    const existing: { person_id: string; year: number; source_system: string; external_id: string }[] =
      await em.execute(
        `SELECT person_id::text, year, source_system, external_id FROM archives.archive_entry
       WHERE kind = 'ANNUAL_ASSESSMENT' AND person_id = ANY(?::bigint[]) FOR UPDATE`,
        [pgArray(wanted.map((row) => row.person_id))],
      );
    for (const row of wanted) {
      const clash = existing.find(
        (e) =>
          e.person_id === row.person_id &&
          e.year === row.year &&
          !(e.source_system === viewer.clientId && e.external_id === row.external_id),
      );
      if (clash) {
        const at = `input[${row.index}]`;
        throw new ConflictError(
          bilingual(
            `${at}：${row.year} 年度考核已登记`,
            `${at}: an annual assessment for ${row.year} is already recorded`,
          ),
          { index: row.index, field: 'year' },
        );
      }
    }
  }
}
