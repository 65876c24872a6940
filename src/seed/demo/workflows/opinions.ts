import { addDays } from '../../../common/dates';
import { AppointmentPurpose } from '../../../common/appointment-purpose';
import { OpinionVerdict } from '../../../subgraphs/records/workflows/opinions/opinion.entity';
import type { WorkflowContext } from './context';

/**
 * 廉政意见: the city organization department asked discipline inspection about two of its cadres;
 * 陈志强 (promotion) was answered NO_OBJECTION, 刘洋 (appointment) is still pending, due in ten days.
 */
export async function demoOpinions({ now, named, orgDept, discipline, opinions }: WorkflowContext) {
  const person = (name: string) => {
    const found = named.people.find((p) => p.name === name);
    if (!found) throw new Error(`demo opinions: no person named ${name}`);
    return found.code;
  };
  const [promotion] = await opinions(orgDept).request({
    personCodes: [person('陈志强')],
    purpose: AppointmentPurpose.PROMOTION,
    dueOn: addDays(now, 10),
    note: '拟提拔为市商务局局长人选',
  });
  await opinions(discipline).answer(promotion, OpinionVerdict.NO_OBJECTION, '经查，未发现违反廉洁纪律问题。');
  await opinions(orgDept).request({
    personCodes: [person('刘洋')],
    purpose: AppointmentPurpose.APPOINTMENT,
    dueOn: addDays(now, 10),
    note: '拟任市信用办副主任人选',
  });
}
