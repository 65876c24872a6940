import { Field, ID, InputType } from 'type-graphql';
import { SubjectKind } from '../../common/subject-kind';

@InputType({ description: 'A subject to register or update (upsert by code).' })
export class SubjectInput {
  @Field(() => SubjectKind, {
    description: 'Kind of subject; must agree with the code (USCC category or resident ID).',
  })
  kind!: SubjectKind;

  @Field({ description: 'Registered name.' })
  name!: string;

  @Field({ description: 'USCC for organizations, resident identity number for civil servants.' })
  code!: string;

  @Field({ description: 'Administrative division code (GB/T 2260, 6 digits).' })
  regionCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the parent subject (registered, or earlier or later in this batch).',
  })
  parentCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title (civil servants only).' })
  position?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'USCC of the organization department that manages this civil servant (干部管理权限).',
  })
  managedByCode?: string | null;
}

@InputType({ description: 'Filter for searchSubjects; all given conditions must hold.' })
export class SubjectFilter {
  @Field(() => [SubjectKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: SubjectKind[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive fragment of the name.' })
  nameContains?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Division-code prefix, e.g. "3209" for Yancheng and its counties.',
  })
  regionPrefix?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this subject.' })
  parentId?: string | null;
}
