import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The records subgraph's view of Subject: it knows a subject only by the registry's
 * look-up key, and contributes creditStatus, records and listings to it.
 */
@ObjectType('Subject')
@Directive('@key(fields: "codeKey")')
export class SubjectStub {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  codeKey!: string;
}

export function subjectStub(codeKey: string): SubjectStub {
  return Object.assign(new SubjectStub(), { codeKey });
}
