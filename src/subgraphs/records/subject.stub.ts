import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The records subgraph's view of Subject: it knows a subject only by the registry's
 * look-up key, and contributes creditStatus, records and listings to it. Where an answer
 * found the subject in the registry anyway (creditStatus, blacklistCheck look the codes up),
 * it provides the name with it (`@provides`), so the gateway need not fetch it again.
 */
@ObjectType('Subject')
@Directive('@key(fields: "codeKey")')
export class SubjectStub {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  codeKey!: string;

  @Field({ description: 'Name, as the registry has it (provided by creditStatus and blacklistCheck only).' })
  @Directive('@external')
  name?: string;
}

export function subjectStub(codeKey: string, name?: string): SubjectStub {
  return Object.assign(new SubjectStub(), name === undefined ? { codeKey } : { codeKey, name });
}
