import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal';
import { creditOfficeOf, inJurisdiction, managesCadre } from '../../auth/conditions';
import { checkEach, ConflictError, InputError, itemError, itemMessage, refuseInvalid } from '../../common/errors';
import { bilingual } from '../../common/language';
import { maskResidentId } from '../../identity';
import { selfKeyOf, type SubjectKeys } from '../../identity/subject-keys';
import { Subject } from './subject.entity';
import { SubjectKind } from '../../common/subject-kind';
import { validateSubjectDraft, type SubjectDraft, type ValidSubject } from './subject.validation';

export const MAX_REGISTER_BATCH = 1000;
const MANAGING_KINDS = new Set([SubjectKind.DEPARTMENT, SubjectKind.GOVERNMENT]);

/**
 * The subject registry (主体库): validated, all-or-nothing upserts by code. Used by
 * `registerSubjects` and, for subjects named in pushed findings, by the records subgraph.
 */
export class SubjectRegistry {
  constructor(
    private readonly em: EntityManager,
    private readonly keys: SubjectKeys,
  ) {}

  /** registerSubjects: the caller may only register what lies in its write scope. */
  async register(viewer: Principal, drafts: SubjectDraft[]): Promise<Subject[]> {
    const items = this.validateBatch(drafts);
    const selfKey = selfKeyOf(viewer, this.keys);
    refuseInvalid(
      items
        .filter((item) => !mayRegister(viewer, selfKey, item))
        .map((item) => ({
          index: item.index,
          message: bilingual(`${viewer.role} 无权登记该主体`, `${viewer.role} may not register this subject`),
        })),
      'FORBIDDEN',
    );
    return this.upsert(items, true);
  }

  /**
   * Makes sure the subjects a pushed finding names exist, registering new ones with the
   * name, kind and division given; existing subjects are left as the registry has them.
   */
  async ensureRegistered(drafts: SubjectDraft[]): Promise<Subject[]> {
    return this.upsert(this.validateBatch(drafts, Number.MAX_SAFE_INTEGER), false);
  }

  private validateBatch(drafts: SubjectDraft[], limit = MAX_REGISTER_BATCH): ValidSubject[] {
    if (drafts.length > limit) {
      throw new InputError(
        bilingual(
          `每次最多登记 ${limit} 个主体，实际为 ${drafts.length} 个`,
          `at most ${limit} subjects per call, got ${drafts.length}`,
        ),
        { field: 'input' },
      );
    }
    // Every invalid item at once (common/errors.ts invalidItems), nothing written.
    const { valid, invalid } = checkEach(drafts, (draft, index) => validateSubjectDraft(this.keys, draft, index));
    const seen = new Map<string, number>();
    for (const item of valid) {
      const earlier = seen.get(item.key);
      if (earlier !== undefined)
        invalid.push({
          index: item.index,
          field: 'code',
          message: bilingual(`与 input[${earlier}] 是同一主体`, `same subject as input[${earlier}]`),
        });
      else seen.set(item.key, item.index);
    }
    refuseInvalid(invalid);
    return valid;
  }

  private async upsert(items: ValidSubject[], updateExisting: boolean): Promise<Subject[]> {
    if (items.length === 0) return [];
    try {
      return await this.em.transactional((em) => this.write(em, items, updateExisting));
    } catch (error) {
      // A concurrent call inserted one of our codes first: run again, now as updates.
      if (error instanceof UniqueConstraintViolationException) {
        return this.em.transactional((em) => this.write(em, items, updateExisting));
      }
      throw error;
    }
  }

  private async write(em: EntityManager, items: ValidSubject[], updateExisting: boolean): Promise<Subject[]> {
    const referenced = new Set<string>();
    for (const item of items) {
      referenced.add(item.key);
      if (item.parentKey) referenced.add(item.parentKey);
      if (item.managedByKey) referenced.add(item.managedByKey);
    }
    const existing = await em.find(Subject, { codeKey: { $in: [...referenced] } }, { populate: [] });
    const byKey = new Map(existing.map((subject) => [subject.codeKey, subject]));
    const preexisting = new Set(existing);
    const batchKinds = new Map(items.map((item) => [item.key, item.kind]));

    const subjects = items.map((item) => {
      let subject = byKey.get(item.key);
      if (subject && subject.kind !== item.kind) {
        const message = bilingual(`已登记为 ${subject.kind}`, `already registered as ${subject.kind}`);
        throw new ConflictError(itemMessage({ index: item.index, field: 'kind', message }), {
          index: item.index,
          field: 'kind',
        });
      }
      if (!subject) {
        subject = em.create(Subject, newSubjectFields(this.keys, item));
        byKey.set(item.key, subject);
      } else if (updateExisting) {
        subject.name = item.name;
        subject.regionCode = item.regionCode;
        subject.position = item.position ?? null;
      }
      return subject;
    });

    for (const [offset, item] of items.entries()) {
      const subject = subjects[offset];
      if (!updateExisting && preexisting.has(subject)) continue;
      subject.parent = item.parentKey ? reference(byKey, batchKinds, item, 'parentCode', item.parentKey) : null;
      subject.managedBy = item.managedByKey
        ? reference(byKey, batchKinds, item, 'managedByCode', item.managedByKey)
        : null;
    }
    await em.flush();
    return subjects;
  }
}

function newSubjectFields(keys: SubjectKeys, item: ValidSubject) {
  const person = item.kind === SubjectKind.PUBLIC_SERVANT;
  return {
    kind: item.kind,
    name: item.name,
    codeKey: item.key,
    codeDisplay: person ? maskResidentId(item.code.normalized) : item.code.normalized,
    codeCipher: person ? keys.pii.encrypt(item.code.normalized) : null,
    regionCode: item.regionCode,
    position: item.position ?? null,
  };
}

function reference(
  byKey: Map<string, Subject>,
  batchKinds: Map<string, SubjectKind>,
  item: ValidSubject,
  field: 'parentCode' | 'managedByCode',
  key: string,
): Subject {
  const target = byKey.get(key);
  const fail = (zh: string, en: string) => itemError({ index: item.index, field, message: bilingual(zh, en) });
  if (!target)
    throw fail('该代码的主体既未登记，也不在本批次中', 'no subject with this code is registered or in the batch');
  const kind = batchKinds.get(key) ?? target.kind;
  if (kind === SubjectKind.PUBLIC_SERVANT) throw fail('必须是机构', 'must be an organization');
  if (field === 'managedByCode' && !MANAGING_KINDS.has(kind))
    throw fail('必须是部门或政府', 'must be a department or government');
  return target;
}

/** Write scope of registerSubjects (row level): who may register what. */
export function mayRegister(viewer: Principal, selfKey: string | undefined, item: ValidSubject): boolean {
  if (creditOfficeOf(viewer, item.regionCode)) return true;
  // An organization department registers the cadres it manages, in its jurisdiction.
  return (
    item.kind === SubjectKind.PUBLIC_SERVANT &&
    inJurisdiction(viewer, item.regionCode) &&
    managesCadre(viewer, selfKey, item.managedByKey)
  );
}
