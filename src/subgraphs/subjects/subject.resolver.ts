import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/connection';
import { InputError } from '../../common/errors';
import { parseId } from '../../common/ids';
import { bilingual } from '../../common/language';
import { invalidCodeError } from '../../identity';
import type { SubjectsContext } from './context';
import { managerKeyOf, releaseFullCode } from './rules';
import { Subject } from './subject.entity';
import { SubjectFilter, SubjectInput } from './subject.input';
import { MAX_REGISTER_BATCH } from './subject.service';

const { ConnectionType } = Connection(Subject, 'Subject');
@ObjectType('SubjectConnection', { description: 'A page of subjects.' })
export class SubjectConnection extends ConnectionType {}

const MAX_CHILDREN = 500;

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, {
    nullable: true,
    description:
      'One subject by id or by code (USCC or resident ID number); null when unknown, not visible to the caller, or a person looked up by a full ID number the caller may not read.',
  })
  async subject(
    @Ctx() ctx: SubjectsContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<Subject | null> {
    if ((id ? 1 : 0) + (code ? 1 : 0) !== 1)
      throw new InputError(bilingual('id 与 code 须且只须给出一个', 'give exactly one of id or code'), {
        field: id ? 'code' : 'id',
      });
    if (id) {
      return ctx.subjects.loaders.byId.load(parseId(id));
    }
    const identified = ctx.services.keys.identify(code!);
    if (!identified.check.valid) throw invalidCodeError(code!, identified.check, { field: 'code' });
    for (const key of identified.keys) {
      const found = await ctx.subjects.loaders.byCodeKey.load(key);
      // A look-up by full ID number confirms the person only to those entitled to that number (and is logged).
      if (found) return (await releaseFullCode(ctx, found, 'lookup:subject')) ? found : null;
    }
    return null;
  }

  @Query(() => SubjectConnection, {
    description: 'Subjects visible to the caller, in registration order, with cursor pagination.',
  })
  async searchSubjects(
    @Ctx() ctx: SubjectsContext,
    @Arg('filter', () => SubjectFilter, { nullable: true }) filter?: SubjectFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<SubjectConnection> {
    const criteria = filter ?? {};
    if (criteria.regionPrefix && !/^\d{1,6}$/.test(criteria.regionPrefix)) {
      throw new InputError(bilingual('regionPrefix 应为 1 至 6 位数字', 'regionPrefix must be 1 to 6 digits'), {
        field: 'filter.regionPrefix',
      });
    }
    if (criteria.parentId) parseId(criteria.parentId, 'filter.parentId');
    const size = pageSize(first);
    const { nodes, hasNextPage } = await ctx.subjects.repository.search(criteria, size, decodeCursor(after));
    return toConnection(SubjectConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.subjects.repository.count(criteria),
      cursorOf: (node) => encodeCursor(node.id),
    });
  }

  @Mutation(() => [Subject], {
    description: `Registers or updates subjects by code, all or nothing, at most ${MAX_REGISTER_BATCH} per call. Returns them in input order.`,
  })
  registerSubjects(
    @Ctx() ctx: SubjectsContext,
    @Arg('input', () => [SubjectInput]) input: SubjectInput[],
  ): Promise<Subject[]> {
    return ctx.subjects.registry.register(ctx.viewer, input);
  }

  @FieldResolver(() => String, {
    description: 'USCC, or the resident ID number — masked (110105********002X) unless the caller is entitled to it.',
  })
  async code(@Root() subject: Subject, @Ctx() ctx: SubjectsContext): Promise<string> {
    if (!subject.codeCipher || !(await releaseFullCode(ctx, subject))) return subject.codeDisplay;
    return ctx.services.keys.pii.decrypt(subject.codeCipher);
  }

  @FieldResolver(() => Subject, {
    nullable: true,
    description: 'The subject this one belongs to (government of a department, unit of a civil servant).',
  })
  parent(@Root() subject: Subject, @Ctx() ctx: SubjectsContext): Promise<Subject | null> | null {
    return subject.parent ? ctx.subjects.loaders.byId.load(subject.parent.id) : null;
  }

  @FieldResolver(() => [Subject], { description: 'Direct children visible to the caller, in registration order.' })
  children(
    @Root() subject: Subject,
    @Ctx() ctx: SubjectsContext,
    @Arg('first', () => Int, { defaultValue: 100, description: `At most this many (up to ${MAX_CHILDREN}).` })
    first: number,
  ): Promise<Subject[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CHILDREN) {
      throw new InputError(
        bilingual(`first 应在 0 至 ${MAX_CHILDREN} 之间`, `first must be between 0 and ${MAX_CHILDREN}`),
        {
          field: 'first',
        },
      );
    }
    return ctx.subjects.loaders.childrenOf(first).load(subject.id);
  }

  @FieldResolver(() => Subject, {
    nullable: true,
    description: 'Organization department managing this civil servant (restricted).',
  })
  managedBy(@Root() subject: Subject, @Ctx() ctx: SubjectsContext): Promise<Subject | null> | null {
    return subject.managedBy ? ctx.subjects.loaders.byId.load(subject.managedBy.id) : null;
  }

  // Never reaches a client (@inaccessible): the gateway hands it to the archives subgraph with a Subject
  // reference (@requires), which decides the file grant on it instead of looking the person up again.
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Internal: look-up key of the organization department managing this civil servant.',
  })
  @Directive('@inaccessible')
  managedByKey(@Root() subject: Subject, @Ctx() ctx: SubjectsContext): Promise<string | null> {
    return managerKeyOf(ctx, subject);
  }
}
