import { demoSubjects, type DemoSubjects } from '../../src/seed/demo-subjects';
import type { SubjectDraft } from '../../src/subgraphs/subjects/subject.validation';

/**
 * The demo subjects named by what the demo data makes of them (src/seed/demo-records.ts,
 * demo-archives.ts, demo-workflows.ts, demo-monitoring.ts), so a test says
 * `demo.expiredPublicityEnterprise` instead of `enterprises[4]`. Each is looked up by its
 * name or region in the seed: a seed change that drops or renames one breaks here, loudly.
 */
function subjectNamed(all: SubjectDraft[], name: string): SubjectDraft {
  const found = all.find((s) => s.name === name);
  if (!found) throw new Error(`tests/helpers/demo.ts: the demo seed has no subject named ${name}`);
  return found;
}

function countyIn(named: DemoSubjects, region: string): DemoSubjects['counties'][number] {
  const found = named.counties.find((c) => c.region === region);
  if (!found) throw new Error(`tests/helpers/demo.ts: the demo seed has no county or district ${region}`);
  return found;
}

function namesOf(named: DemoSubjects, all: SubjectDraft[]) {
  const by = (name: string) => subjectNamed(all, name);
  return {
    /** TP-2026-0117 serious collusion (PUBLIC), on the TENDER_BLACKLIST in force. 亭湖区 (320902). */
    blacklistedEnterprise: by('盐城市海瀚建设工程有限公司'),
    /** TP-2026-0121 a general PUBLIC penalty inside its publicity window, not listed: repairable. 射阳县. */
    penalizedAgency: by('射阳县鸿运招标代理有限公司'),
    /** TP-2024-0033 a serious penalty past its publicity window. 东台市. */
    expiredPublicityEnterprise: by('东台市金海岸环保科技有限公司'),
    /** GP-2026-010 an honour (PUBLIC), no dishonesty. City level (320900). */
    commendedEnterprise: by('江苏盐阜信息技术有限公司'),
    /** No finding in the demo. 盐都区 (320903). */
    cleanEnterprise: by('盐城市盐都区恒达市政工程有限公司'),
    // Enterprises the demo leaves (nearly) without findings: fresh subjects for tests that push their own.
    /** GP-2026-011, a serious procurement finding: the demo's PROCUREMENT_BAN (src/seed/demo/records/rule-lists.ts). */
    portConstructionGroup: by('江苏大丰港湾建设集团有限公司'),
    /** No finding. City level (320900). */
    consultancy: by('盐城市华信工程咨询有限公司'),
    /** No finding. 建湖县 (320925); the counterparty of test commitments. */
    propertyManager: by('建湖县宏图物业管理有限公司'),
    /** No finding. 滨海县 (320922). */
    labourContractor: by('滨海县兴业劳务有限公司'),
    /** YC-COURT-2026-003, an enforcement default: the demo's ENFORCEMENT_DEFAULTER (rule-lists.ts). 阜宁县 (320923). */
    farmingEnterprise: by('阜宁县绿源农业开发有限公司'),

    /**
     * 张建国, 市财政局副局长, managed by the city organization department; commended in his
     * archive; the person the self-service token speaks for.
     */
    cityCadre: by('张建国'),
    /** 李明, 市住建局, managed by the city organization department: RESTRICTED sanction JW-2026-031, a full archive. */
    sanctionedCadre: by('李明'),
    /** 王芳, 市公共资源交易中心主任, managed by the city organization department; no finding. */
    tradingCenterDirector: by('王芳'),
    /** 赵磊, 亭湖区财政局局长 (320902), managed by the district organization department. */
    districtCadre: by('赵磊'),
    /** 陈志强, 市商务局副局长: a 廉政意见 for PROMOTION answered NO_OBJECTION (demo/workflows/opinions.ts). */
    opinionAnsweredCadre: by('陈志强'),
    /** 刘洋, 市信用办科员: a 廉政意见 for APPOINTMENT still REQUESTED, due in ten days. */
    opinionPendingCadre: by('刘洋'),

    // The promotion round (appointmentCheck, src/seed/demo/workflows/cadre.ts): one cadre per verdict and reason.
    /** 陈志强, 市商务局副局长: nothing against him, grades 称职 and better: CLEAR. */
    clearCadre: by('陈志强'),
    /** 马骏, 市商务局外资处处长: an accepted promotion restriction (GB-2026-011): RESTRICTED for PROMOTION. */
    promotionRestrictedCadre: by('马骏'),
    /** 杨帆, 市财政局预算处处长: a SERIOUS record in force (GB-2026-007): ATTENTION. */
    seriousRecordCadre: by('杨帆'),
    /** 罗娟, 市投资促进中心副主任: a breached commitment: ATTENTION. */
    breachedCommitmentCadre: by('罗娟'),
    /** The twenty civil servants the city organization department manages, in seed order. */
    promotionRound: named.people.filter((p) => p.managedByCode === named.orgDept.code),

    /** 射阳县人民政府: YC-COURT-2026-001 enforcement default (SERIOUS), on the SERIOUS_DISHONESTY list in force. */
    listedGovernment: countyIn(named, '320924').government,
    /** The county or district of that region code (its government, departments and township). */
    county: (region: string) => countyIn(named, region),
  };
}

export type Demo = DemoSubjects & ReturnType<typeof namesOf>;

function buildDemo(): Demo {
  const { named, all } = demoSubjects();
  return { ...named, ...namesOf(named, all) };
}

/** The demo subjects (deterministic: the same codes the test hub loads). */
export const demo: Demo = buildDemo();
