import type { EntityManager } from '@mikro-orm/postgresql';
import { inJurisdiction, managesCadre } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isIsoDate } from '../../common/dates';
import { ConflictError, ForbiddenError, InputError } from '../../common/errors';
import type { DirectoryEntry, SubjectDirectory } from '../../common/subject-directory';
import { upsertBySource, type UpsertOutcome } from '../../db/idempotent-upsert';
import { pgArray } from '../../db/sql';
import { selfKeyOf, type SubjectKeys } from '../../identity/subject-keys';
import { contentHash } from '../../common/submission';
import { SubjectKind } from '../../common/subject-kind';
import type { ArchiveEntryInput } from './archive.input';
import { ArchiveEntryKind } from './enums';
import { ARCHIVE_PUSH_SCOPE } from './push-scope';

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

function fail(index: number, field: string, message: string): never {
  throw new InputError(`input[${index}].${field}: ${message}`, { index, field });
}

/** Who may record an entry about `person`: its managing organization department, or discipline inspection in jurisdiction. */
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
      throw new InputError(`at most ${MAX_ARCHIVE_BATCH} entries per call`, { field: 'input' });
    const year = Number(this.today.slice(0, 4));
    const seen = new Set<string>();
    const assessments = new Set<string>();
    inputs.forEach((input, index) => {
      const externalId = input.externalId?.trim();
      if (!externalId) fail(index, 'externalId', 'must not be empty');
      if (seen.has(externalId)) fail(index, 'externalId', 'appears twice in the batch');
      seen.add(externalId);
      if (!input.title?.trim()) fail(index, 'title', 'must not be empty');
      if (!Number.isInteger(input.year) || input.year < 1950 || input.year > year)
        fail(index, 'year', `must be between 1950 and ${year}`);
      if (!isIsoDate(input.occurredOn) || input.occurredOn > this.today)
        fail(index, 'occurredOn', 'must be a date, not in the future');
      const assessment = input.kind === ArchiveEntryKind.ANNUAL_ASSESSMENT;
      if (assessment !== !!input.grade)
        fail(
          index,
          'grade',
          assessment ? 'an annual assessment needs a grade' : 'only annual assessments have a grade',
        );
      if (assessment) {
        const key = `${input.personCode.trim().toUpperCase()}/${input.year}`;
        if (assessments.has(key)) fail(index, 'year', 'two assessments for the same person and year');
        assessments.add(key);
      }
      if (!ARCHIVE_PUSH_SCOPE[viewer.role]?.includes(input.kind)) {
        throw new ForbiddenError(`input[${index}]: ${viewer.role} does not record ${input.kind}`, { index });
      }
    });
    if (inputs.length === 0) return [];
    const persons = await this.directory.resolve(
      inputs.map((input, index) => ({ code: input.personCode, path: { index, field: 'personCode' } })),
      { register: false },
    );
    const selfKey = selfKeyOf(viewer, this.keys);
    persons.forEach((person, index) => {
      if (person.kind !== SubjectKind.PUBLIC_SERVANT)
        fail(index, 'personCode', 'integrity files are kept for civil servants only');
      if (!mayRecordFor(viewer, selfKey, person))
        throw new ForbiddenError(`input[${index}]: not a person you may record for`, { index });
    });
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
      if (clash)
        throw new ConflictError(`input[${row.index}]: an annual assessment for ${row.year} is already recorded`, {
          index: row.index,
          field: 'year',
        });
    }
  }
}
