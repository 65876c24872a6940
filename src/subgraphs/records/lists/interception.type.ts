import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CheckContext, CheckDecision, DepositReliefKind } from '../policy/interception';
import { SubjectStub } from '../subject.stub';

registerEnumType(CheckContext, {
  name: 'CheckContext',
  description:
    'Where a check is used (docs/interception.md): PROCUREMENT 政府采购, TENDERING 招标投标, FUNDING 专项资金申请, HONOURS 评优评先, APPROVAL 行政审批.',
});
registerEnumType(CheckDecision, {
  name: 'CheckDecision',
  description: 'What the interception policy says to do: BLOCK 拦截, WARN 提示（人工审查）, PASS 通过.',
});
registerEnumType(DepositReliefKind, {
  name: 'DepositReliefKind',
  description: '信易购 performance deposit (履约保证金): WAIVED 免收, REDUCED 减收 (by percent), NONE 不减免.',
});

@ObjectType('InterceptionRule', {
  description:
    'The rule of the interception policy that decided (config/interception-policy.json). It names a list, a record category or severity, or a level; never a record.',
})
export class InterceptionRuleType {
  @Field({ description: 'Stable id of the rule, e.g. PROC.BLOCK.LISTS; store it with the decision.' })
  id!: string;

  @Field({ description: 'What the rule says, in Chinese.' })
  description!: string;

  @Field({ description: 'The law, regulation or plan text the rule rests on.' })
  basis!: string;
}

@ObjectType('DepositRelief', { description: '信易购: the performance deposit relief a level earns in procurement.' })
export class DepositRelief {
  @Field(() => DepositReliefKind, { description: 'WAIVED, REDUCED or NONE.' })
  kind!: DepositReliefKind;

  @Field(() => Int, { description: 'Share of the performance deposit relieved, in percent (WAIVED 100, NONE 0).' })
  percent!: number;

  @Field(() => InterceptionRuleType, { description: 'The relief rule that applies.' })
  rule!: InterceptionRuleType;
}

@ObjectType('RepresentativeCheck', {
  description:
    'The check of a bidder’s legal representative by resident ID number. To a caller not entitled to look persons up by full number it tells ' +
    'only whether a rule blocks or warns (the rule names the list or record category): no subject, no listings, and PASS reads as for an unregistered number.',
})
export class RepresentativeCheck {
  @Field({ description: 'Whether the number given is a valid resident ID number.' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an invalid number is invalid.' })
  problem!: string | null;

  @Field(() => CheckDecision, { description: 'The decision on the representative alone.' })
  decision!: CheckDecision;

  @Field(() => InterceptionRuleType, { description: 'The rule that decided it.' })
  rule!: InterceptionRuleType;

  @Field(() => SubjectStub, {
    nullable: true,
    description: 'The registered person; only to those entitled to look the person up by full number.',
  })
  @Directive('@provides(fields: "name")')
  subject!: SubjectStub | null;
}
