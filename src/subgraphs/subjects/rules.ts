import { rule } from 'graphql-shield';
import { CONDITIONS, holds, mayReadFullPersonCode, needsManagement, type PersonFacts } from '../../auth/conditions';
import { Role } from '../../auth/roles';
import type { SubjectsContext } from './context';
import type { Subject } from './subject.entity';
import { SubjectKind } from '../../common/subject-kind';

/**
 * Named abilities of the subjects subgraph. Each says who may do what and why; the
 * permission table (permissions.ts) and the resolvers use these and nothing else. The
 * conditions themselves are written once, in auth/conditions.ts.
 */

/** registerSubjects: the credit office keeps the registry; organization departments add their cadres. */
export const canRegisterSubjects = rule('canRegisterSubjects', { cache: 'contextual' })(
  (_parent, _args, ctx: SubjectsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || ctx.viewer.role === Role.ORG_DEPT,
);

/**
 * The look-up key of the department managing a civil servant: selected with the subject by
 * the finders (subject.repository.ts), else loaded (one batched statement per page).
 */
export async function managerKeyOf(ctx: SubjectsContext, subject: Subject): Promise<string | null> {
  if (subject.managedByKey !== undefined) return subject.managedByKey;
  if (!subject.managedBy) return null;
  return (await ctx.subjects.loaders.byId.load(subject.managedBy.id))?.codeKey ?? null;
}

/** A civil servant's facts for the conditions; the managing department's only when the viewer's condition reads it. */
async function personFacts(ctx: SubjectsContext, subject: Subject, withManager: boolean): Promise<PersonFacts> {
  const managedByKey = withManager ? await managerKeyOf(ctx, subject) : null;
  return { key: subject.codeKey, regionCode: subject.regionCode, managedByKey };
}

/**
 * A civil servant's full resident ID number (PIPL sensitive data), and a look-up of the
 * person by it: conditions.mayReadFullPersonCode (the credit office within its jurisdiction,
 * the organization department that manages the person, the person). Everyone else sees it
 * masked. Organizations' codes are public. Every release is noted for the access log.
 */
export async function releaseFullCode(ctx: SubjectsContext, subject: Subject, use = 'code'): Promise<boolean> {
  if (subject.kind !== SubjectKind.PUBLIC_SERVANT) return true;
  const facts = await personFacts(ctx, subject, needsManagement(CONDITIONS.mayReadFullPersonCode, ctx.viewer));
  const entitled = mayReadFullPersonCode(ctx.viewer, ctx.subjects.selfKey, facts);
  if (entitled)
    ctx.audit.note({ resource: 'PERSON_CODE', subjectKey: subject.codeKey, fields: [use], outcome: 'GRANTED' });
  return entitled;
}

/** Who manages a cadre (干部管理权限) is personnel information: conditions.mayReadCadreManagement. */
export const canReadCadreManagement = rule('canReadCadreManagement', { cache: 'strict' })(
  (subject: Subject, _args, ctx: SubjectsContext) =>
    holds(CONDITIONS.mayReadCadreManagement, ctx.viewer, ctx.subjects.selfKey, {
      key: subject.codeKey,
      regionCode: subject.regionCode,
    }),
);
