import { rule } from 'graphql-shield';
import { inJurisdiction } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { SubjectsContext } from './context';
import type { Subject } from './subject.entity';
import { SubjectKind } from './subject-kind';

/**
 * Named abilities of the subjects subgraph. Each says who may do what and why; the
 * permission table (permissions.ts) and the resolvers use these and nothing else.
 */

/** registerSubjects: the credit office keeps the registry; organization departments add their cadres. */
export const canRegisterSubjects = rule('canRegisterSubjects', { cache: 'contextual' })(
  (_parent, _args, ctx: SubjectsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || ctx.viewer.role === Role.ORG_DEPT,
);

/** Whether `subject`'s managing organization department is among the caller's own. */
async function managesPerson(ctx: SubjectsContext, subject: Subject): Promise<boolean> {
  if (ctx.viewer.role !== Role.ORG_DEPT || !ctx.subjects.selfKey || !subject.managedBy) return false;
  const own = await ctx.subjects.loaders.byCodeKey.load(ctx.subjects.selfKey);
  return own?.id === subject.managedBy.id;
}

function isSelf(ctx: SubjectsContext, subject: Subject): boolean {
  return ctx.viewer.role === Role.SUBJECT && ctx.subjects.selfKey === subject.codeKey;
}

/**
 * A civil servant's full resident ID number (PIPL sensitive data): the credit office within
 * its jurisdiction, the organization department that manages the person, the person.
 * Everyone else sees it masked. Organizations' codes are public. Every release of a
 * person's full number is noted for the access log.
 */
export async function releaseFullCode(ctx: SubjectsContext, subject: Subject): Promise<boolean> {
  if (subject.kind !== SubjectKind.PUBLIC_SERVANT) return true;
  const entitled =
    (ctx.viewer.role === Role.CREDIT_OFFICE && inJurisdiction(ctx.viewer, subject.regionCode)) ||
    isSelf(ctx, subject) ||
    (await managesPerson(ctx, subject));
  if (entitled) ctx.audit.note({ resource: 'PERSON_CODE', subjectKey: subject.codeKey, fields: ['code'], outcome: 'GRANTED' });
  return entitled;
}

/**
 * Who manages a cadre (干部管理权限) is personnel information: the credit office, discipline
 * inspection and organization departments within jurisdiction, and the person.
 */
export const canReadCadreManagement = rule('canReadCadreManagement', { cache: 'strict' })(
  (subject: Subject, _args, ctx: SubjectsContext) =>
    isSelf(ctx, subject) ||
    ([Role.CREDIT_OFFICE, Role.DISCIPLINE, Role.ORG_DEPT].includes(ctx.viewer.role) && inJurisdiction(ctx.viewer, subject.regionCode)),
);
