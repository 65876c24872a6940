import { MeasureBasis, MeasureKind } from '../../../subgraphs/records/workflows/measures/measure.entity';
import type { RecordIdOf, WorkflowContext } from './context';

/**
 * Joint punishment on the unpaid project funds (WF-DEMO-02): the finance bureau accepted and
 * fed back, the housing bureau answered not applicable, the hospital has not answered yet;
 * 响水县's government accepted a public criticism.
 */
export async function demoMeasures({ now, named, xiangshui, office, unit, measures }: WorkflowContext, id: RecordIdOf) {
  const [toFinance, toHousing, toHospital] = await measures(office).initiate({
    basisType: MeasureBasis.RECORD,
    basisId: id('WF-DEMO-02'),
    kind: MeasureKind.FUNDING_RESTRICTION,
    implementingUnitCodes: [named.finance.code, named.housing.code, named.hospital.code],
    note: '暂停新增财政专项资金安排，整改到位前不予受理融资申请',
  });
  await measures(unit(named.finance.code)).accept(toFinance, '已暂停 2026 年度新增专项资金安排');
  await measures(unit(named.finance.code)).feedBack(toFinance, '已暂停新增专项资金 2 项，合计 800 万元', now);
  await measures(unit(named.housing.code)).decline(toHousing, '本单位不安排财政资金，措施不适用');
  void toHospital;
  const [criticism] = await measures(office).initiate({
    basisType: MeasureBasis.RECORD,
    basisId: id('WF-DEMO-02'),
    kind: MeasureKind.PUBLIC_CRITICISM,
    implementingUnitCodes: [xiangshui.government.code],
  });
  await measures(unit(xiangshui.government.code)).accept(criticism, '将在全县范围通报批评');
}
