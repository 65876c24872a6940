import type { EntityManager } from '@mikro-orm/postgresql';
import { InputError, invalidItemOf, itemError } from '../../common/errors';
import { bilingual } from '../../common/language';
import { invalidCodeItem } from '../../identity';
import type {
  DirectoryEntry,
  DirectoryViewer,
  SubjectDirectory,
  SubjectReference,
} from '../../common/subject-directory';
import type { SubjectKeys } from '../../identity/subject-keys';
import { pgArray } from '../../db/sql';
import { SubjectKind } from '../../common/subject-kind';
import { visibility } from './subject.repository';
import { SubjectRegistry } from './subject.service';
import type { SubjectDraft } from './subject.validation';

const NOT_REGISTERED = bilingual('没有已登记的主体使用该代码', 'no registered subject has this code');
const REQUIRED_FOR_NEW = bilingual('尚未登记的主体必须填写此项', 'required for a subject not yet registered');

/** The in-process SubjectDirectory: the registry's own service, on its own tables. */
export class InProcessSubjectDirectory implements SubjectDirectory {
  constructor(
    private readonly em: EntityManager,
    private readonly keys: SubjectKeys,
  ) {}

  private entries(where: 'code_key' | 'id', values: string[], visibleTo?: DirectoryViewer): Promise<DirectoryEntry[]> {
    if (values.length === 0) return Promise.resolve([]);
    return this.select(`s.${where} = ANY(?::${where === 'id' ? 'bigint' : 'text'}[])`, [pgArray(values)], visibleTo);
  }

  list(filter: { kinds: SubjectKind[]; regionPrefix: string }): Promise<DirectoryEntry[]> {
    if (filter.kinds.length === 0) return Promise.resolve([]);
    return this.select('s.kind = ANY(?::text[]) AND s.region_code LIKE ? ORDER BY s.region_code, s.code_key', [
      pgArray(filter.kinds),
      `${filter.regionPrefix}%`,
    ]);
  }

  private async select(where: string, params: unknown[], visibleTo?: DirectoryViewer): Promise<DirectoryEntry[]> {
    const scope = visibleTo ? visibility(visibleTo.viewer, visibleTo.selfKey) : { sql: 'NULL', params: [] };
    const rows = await this.em.execute(
      `SELECT s.id::text, s.code_key, s.name, s.kind, s.region_code, m.code_key AS managed_by_key, ${scope.sql} AS visible
       FROM subjects.subject s LEFT JOIN subjects.subject m ON m.id = s.managed_by_id
       WHERE ${where}`,
      [...scope.params, ...params],
    );
    return rows.map((row: Record<string, string | boolean | null>) => ({
      id: row.id as string,
      key: row.code_key as string,
      name: row.name as string,
      kind: row.kind as SubjectKind,
      regionCode: row.region_code as string,
      managedByKey: row.managed_by_key as string | null,
      ...(visibleTo ? { visible: row.visible === true } : {}),
    }));
  }

  lookup(keys: string[], visibleTo?: DirectoryViewer): Promise<DirectoryEntry[]> {
    return this.entries('code_key', keys, visibleTo);
  }

  describe(ids: string[]): Promise<DirectoryEntry[]> {
    return this.entries('id', ids);
  }

  async resolve(references: SubjectReference[], options: { register: boolean }): Promise<DirectoryEntry[]> {
    const identified = references.map((reference) => {
      const code = this.keys.identify(reference.code ?? '');
      if (!code.check.valid)
        throw itemError(invalidCodeItem(reference.code ?? '', code.check, reference.path.index, reference.path.field));
      return code;
    });
    const allKeys = [...new Set(identified.flatMap((code) => code.keys))];
    const byKey = new Map((await this.lookup(allKeys)).map((entry) => [entry.key, entry]));

    const missing = new Map<string, { reference: SubjectReference; draft: SubjectDraft }>();
    references.forEach((reference, i) => {
      if (identified[i].keys.some((key) => byKey.has(key))) return;
      const at = (field: string) => ({
        index: reference.path.index,
        field: `${reference.path.field.replace(/\.code$/, '')}.${field}`,
      });
      if (!options.register) throw itemError({ ...reference.path, message: NOT_REGISTERED });
      for (const field of ['name', 'kind', 'regionCode'] as const) {
        if (!reference[field]) throw itemError({ ...at(field), message: REQUIRED_FOR_NEW });
      }
      if (!missing.has(identified[i].normalized)) {
        missing.set(identified[i].normalized, {
          reference,
          draft: {
            code: identified[i].normalized,
            name: reference.name!,
            kind: reference.kind!,
            regionCode: reference.regionCode!,
          },
        });
      }
    });
    if (missing.size > 0) await this.register([...missing.values()], byKey);
    return identified.map((code) => code.keys.map((key) => byKey.get(key)).find(Boolean)!);
  }

  /** Registers the subjects first named in this input; an error points at the reference that named it. */
  private async register(
    pending: { reference: SubjectReference; draft: SubjectDraft }[],
    byKey: Map<string, DirectoryEntry>,
  ): Promise<void> {
    try {
      const created = await new SubjectRegistry(this.em.fork(), this.keys).ensureRegistered(
        pending.map((p) => p.draft),
      );
      for (const entry of await this.lookup(created.map((subject) => subject.codeKey))) byKey.set(entry.key, entry);
    } catch (error) {
      const item = invalidItemOf(error);
      if (error instanceof InputError && item) {
        // The registry's item is the pending draft; the caller's is where the reference sits.
        const { reference } = pending[item.index];
        const field = `${reference.path.field.replace(/\.code$/, '')}.${item.field}`;
        throw itemError({ ...item, index: reference.path.index, field });
      }
      throw error;
    }
  }
}
