import { addMonths } from '../../../common/dates';
import type { HubServices } from '../../../services';
import {
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../../subgraphs/records/enums';
import { CommitmentKind } from '../../../subgraphs/records/workflows/commitments/commitment.entity';
import { MeasureBasis, MeasureKind } from '../../../subgraphs/records/workflows/measures/measure.entity';
import type { DemoSubjects } from '../../demo-subjects';
import { findingsLike, submitDemoFindings } from '../push';
import type { WorkflowContext } from './context';

/** A cadre of the promotion round, by name (the seed's ROUND_CADRES). */
export function roundCadre(named: DemoSubjects, name: string): DemoSubjects['people'][number] {
  const found = named.people.find((p) => p.name === name);
  if (!found) throw new Error(`demo: no cadre named ${name}`);
  return found;
}

/**
 * What makes the promotion round's verdicts differ (appointmentCheck, docs/archives.md), each
 * on the person alone so no department's standing moves: 杨帆 a serious record in force
 * (ATTENTION), 马骏 an accepted promotion restriction (RESTRICTED), 罗娟 a breached commitment
 * (ATTENTION). 李明's sanction (RESTRICTED) and the assessment grades do the rest.
 */
export async function demoCadreFacts(services: HubServices, ctx: WorkflowContext): Promise<void> {
  const { now, named, office } = ctx;
  const finding = findingsLike({
    nature: RecordNature.DISHONESTY,
    category: C.ACCOUNTABILITY,
    domain: D.GENERAL,
    severity: Severity.GENERAL,
    disclosure: Disclosure.GOVERNMENT,
    decidingAuthorityCode: named.discipline.code,
  });
  const [, accountability] = await submitDemoFindings(services, now, office, [
    finding('GB-2026-007', roundCadre(named, '杨帆'), '预算执行监管失职被问责', addMonths(now, -5), {
      severity: Severity.SERIOUS,
    }),
    finding('GB-2026-011', roundCadre(named, '马骏'), '招商引资政策兑现失职被问责', addMonths(now, -4)),
  ]);
  const [restriction] = await ctx.measures(office).initiate({
    basisType: MeasureBasis.RECORD,
    basisId: accountability.recordId,
    kind: MeasureKind.PROMOTION_RESTRICTION,
    implementingUnitCodes: [named.orgDept.code],
    note: '问责影响期内不得提拔',
  });
  await ctx.measures(ctx.unit(named.orgDept.code)).accept(restriction, '已列入干部监督台账，影响期内不予提拔');
  const pledge = await ctx.commitments(office).register({
    subjectCode: roundCadre(named, '罗娟').code,
    kind: CommitmentKind.SERVICE,
    title: '重点项目服务专员限时办结承诺',
    content: '企业诉求 5 个工作日内办结答复',
    dueOn: addMonths(now, -1),
    disclosure: Disclosure.GOVERNMENT,
  });
  await ctx.commitments(office).breach(pledge, '3 项企业诉求逾期 20 日未答复', Severity.GENERAL);
}
