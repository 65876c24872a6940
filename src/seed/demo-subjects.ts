import { makeResidentId, makeUscc } from '../identity';
import { SubjectKind } from '../common/subject-kind';
import type { SubjectDraft } from '../subgraphs/subjects/subject.validation';

/**
 * Demo data: Yancheng city (盐城市, 320900) with its counties and districts, plus a few
 * subjects of Luoyang (洛阳市, 410300) to show jurisdiction limits. Every code is computed
 * with its check characters, never typed by hand.
 */
export const DEMO_CITY = '320900';
export const DEMO_OTHER_CITY = '410300';

const COUNTIES: [string, string][] = [
  ['320902', '亭湖区'],
  ['320903', '盐都区'],
  ['320904', '大丰区'],
  ['320921', '响水县'],
  ['320922', '滨海县'],
  ['320923', '阜宁县'],
  ['320924', '射阳县'],
  ['320925', '建湖县'],
  ['320981', '东台市'],
];

let serial = 0;
/** Deterministic organization-code bodies: distinct, digits only. */
function body(): string {
  serial += 1;
  return String(10_000_000 + serial * 7919).slice(-8);
}

function org(kind: SubjectKind, category: string, region: string, name: string, parentCode?: string): SubjectDraft {
  return { kind, name, code: makeUscc(category, region, body()), regionCode: region, parentCode: parentCode ?? null };
}

function person(
  region: string,
  name: string,
  birth: string,
  seq: number,
  unit: string,
  position: string,
  managedBy: string,
): SubjectDraft {
  return {
    kind: SubjectKind.PUBLIC_SERVANT,
    name,
    code: makeResidentId(region, birth, seq),
    regionCode: region,
    parentCode: unit,
    position,
    managedByCode: managedBy,
  };
}

/** The city's government and the departments and institutions the demo names (org() order fixes the codes). */
function cityBodies() {
  const city = org(SubjectKind.GOVERNMENT, '11', DEMO_CITY, '盐城市人民政府');
  const department = (name: string) => org(SubjectKind.DEPARTMENT, '11', DEMO_CITY, name, city.code);
  return {
    city,
    orgDept: department('中共盐城市委组织部'),
    creditOffice: department('盐城市发展和改革委员会（市信用办）'),
    finance: department('盐城市财政局'),
    housing: department('盐城市住房和城乡建设局'),
    investment: department('盐城市商务局（市投资促进中心）'),
    court: department('盐城市中级人民法院'),
    discipline: department('中共盐城市纪律检查委员会'),
    tradingCenter: org(SubjectKind.INSTITUTION, '12', DEMO_CITY, '盐城市公共资源交易中心', city.code),
    hospital: org(SubjectKind.INSTITUTION, '12', DEMO_CITY, '盐城市第一人民医院', city.code),
  };
}

/** Each county's government, organization department, finance and housing bureaus, and one township. */
function countyBodies(cityCode: string) {
  return COUNTIES.map(([region, name]) => {
    const government = org(SubjectKind.GOVERNMENT, '11', region, `${name}人民政府`, cityCode);
    const suffix = name.endsWith('区') ? '区' : name.endsWith('市') ? '市' : '县';
    return {
      region,
      government,
      orgDept: org(SubjectKind.DEPARTMENT, '11', region, `中共${name}委组织部`, government.code),
      finance: org(SubjectKind.DEPARTMENT, '11', region, `${name}财政局`, government.code),
      housing: org(SubjectKind.DEPARTMENT, '11', region, `${name}住房和城乡建设局`, government.code),
      township: org(
        SubjectKind.TOWNSHIP,
        '11',
        region,
        `${name}${suffix === '区' ? '中心街道办事处' : '城关镇人民政府'}`,
        government.code,
      ),
    };
  });
}

type Counties = ReturnType<typeof countyBodies>;

/** A village of 射阳 and a residents' community of 亭湖. */
function grassroots(counties: Counties) {
  const sheyang = counties.find((c) => c.region === '320924')!;
  const village = org(
    SubjectKind.COMMUNITY,
    '54',
    sheyang.region,
    '射阳县城关镇幸福村村民委员会',
    sheyang.township.code,
  );
  const community = org(
    SubjectKind.COMMUNITY,
    '54',
    '320902',
    '亭湖区中心街道文峰社区居民委员会',
    counties[0].township.code,
  );
  return { village, community };
}

const ENTERPRISES = [
  ['320902', '盐城市海瀚建设工程有限公司'],
  ['320903', '盐城市盐都区恒达市政工程有限公司'],
  ['320904', '江苏大丰港湾建设集团有限公司'],
  ['320924', '射阳县鸿运招标代理有限公司'],
  ['320981', '东台市金海岸环保科技有限公司'],
  ['320900', '盐城市华信工程咨询有限公司'],
  ['320900', '江苏盐阜信息技术有限公司'],
  ['320925', '建湖县宏图物业管理有限公司'],
  ['320922', '滨海县兴业劳务有限公司'],
  ['320923', '阜宁县绿源农业开发有限公司'],
];

/**
 * More cadres the city organization department manages, for a promotion round of twenty
 * (appointmentCheck in the README): name, birth date, sequence, unit, post.
 */
const ROUND_CADRES: [string, string, number, keyof ReturnType<typeof cityBodies>, string][] = [
  ['杨帆', '19830417', 35, 'finance', '市财政局预算处处长'],
  ['何静', '19860823', 48, 'finance', '市财政局国库处副处长'],
  ['高峰', '19780109', 57, 'housing', '市住建局副局长'],
  ['林晓', '19890302', 64, 'housing', '市住建局城建处副处长'],
  ['马骏', '19810715', 73, 'investment', '市商务局外资处处长'],
  ['罗娟', '19870928', 82, 'investment', '市投资促进中心副主任'],
  ['梁超', '19800611', 91, 'tradingCenter', '市公共资源交易中心副主任'],
  ['宋佳', '19910120', 24, 'tradingCenter', '市公共资源交易中心综合科科长'],
  ['郭亮', '19770504', 15, 'creditOffice', '市发改委副主任'],
  ['谢敏', '19850216', 28, 'creditOffice', '市信用办主任'],
  ['韩冰', '19820930', 37, 'hospital', '市第一人民医院副院长'],
  ['唐磊', '19840808', 59, 'court', '市中级人民法院办公室主任'],
  ['许婷', '19880113', 66, 'discipline', '市纪委监委案件审理室副主任'],
  ['邓伟', '19760327', 77, 'housing', '市住建局总工程师'],
  ['曹阳', '19900605', 86, 'orgDept', '市委组织部干部一处副处长'],
];

/** Civil servants of the city's bodies, two of each of the first four counties, then the promotion round's cadres. */
function demoPeople(bodies: ReturnType<typeof cityBodies>, counties: Counties): SubjectDraft[] {
  const { finance, housing, tradingCenter, investment, creditOffice, orgDept } = bodies;
  return [
    person(DEMO_CITY, '张建国', '19750312', 31, finance.code, '市财政局副局长', orgDept.code),
    person(DEMO_CITY, '李明', '19820605', 52, housing.code, '市住建局建设管理处处长', orgDept.code),
    person(DEMO_CITY, '王芳', '19880921', 84, tradingCenter.code, '市公共资源交易中心主任', orgDept.code),
    person(DEMO_CITY, '陈志强', '19791130', 13, investment.code, '市商务局副局长', orgDept.code),
    person(DEMO_CITY, '刘洋', '19900214', 26, creditOffice.code, '市信用办科员', orgDept.code),
    ...counties
      .slice(0, 4)
      .flatMap((county, i) => [
        person(
          county.region,
          ['赵磊', '孙丽', '周伟', '吴静'][i],
          `19${80 + i}0${i + 1}15`,
          41 + i * 2,
          county.finance.code,
          '财政局局长',
          county.orgDept.code,
        ),
        person(
          county.region,
          ['郑浩', '冯雪', '褚刚', '卫敏'][i],
          `19${85 + i}0${i + 5}08`,
          62 + i * 2,
          county.housing.code,
          '住建局副局长',
          county.orgDept.code,
        ),
      ]),
    ...ROUND_CADRES.map(([name, birth, seq, unit, post]) =>
      person(DEMO_CITY, name, birth, seq, bodies[unit].code, post, orgDept.code),
    ),
  ];
}

/** Luoyang's government, two departments, an official and an enterprise: outside every Yancheng jurisdiction. */
function luoyangSubjects() {
  const government = org(SubjectKind.GOVERNMENT, '11', DEMO_OTHER_CITY, '洛阳市人民政府');
  const orgDept = org(SubjectKind.DEPARTMENT, '11', DEMO_OTHER_CITY, '中共洛阳市委组织部', government.code);
  const finance = org(SubjectKind.DEPARTMENT, '11', DEMO_OTHER_CITY, '洛阳市财政局', government.code);
  const official = person(DEMO_OTHER_CITY, '黄振华', '19770707', 17, finance.code, '洛阳市财政局副局长', orgDept.code);
  const enterprise = org(SubjectKind.ENTERPRISE, '91', '410302', '洛阳市老城区豫通建筑有限公司');
  return { government, orgDept, finance, official, enterprise };
}

function build() {
  serial = 0;
  // Codes are drawn in this order: keep it.
  const bodies = cityBodies();
  const counties = countyBodies(bodies.city.code);
  const { village, community } = grassroots(counties);
  const enterprises = ENTERPRISES.map(([region, name]) => org(SubjectKind.ENTERPRISE, '91', region, name));
  const people = demoPeople(bodies, counties);
  return { ...bodies, counties, village, community, enterprises, people, luoyang: luoyangSubjects() };
}

export type DemoSubjects = ReturnType<typeof build>;

/** The demo subjects, parents before children (the registry accepts any order). */
export function demoSubjects(): { named: DemoSubjects; all: SubjectDraft[] } {
  const named = build();
  const all: SubjectDraft[] = [
    named.city,
    named.orgDept,
    named.creditOffice,
    named.finance,
    named.housing,
    named.investment,
    named.court,
    named.discipline,
    named.tradingCenter,
    named.hospital,
    ...named.counties.flatMap((c) => [c.government, c.orgDept, c.finance, c.housing, c.township]),
    named.village,
    named.community,
    ...named.enterprises,
    ...named.people,
    named.luoyang.government,
    named.luoyang.orgDept,
    named.luoyang.finance,
    named.luoyang.official,
    named.luoyang.enterprise,
  ];
  return { named, all };
}

/** The demo county or district of a region code (its government, departments and township). */
export function demoCounty(named: DemoSubjects, region: string): DemoSubjects['counties'][number] {
  return named.counties.find((c) => c.region === region)!;
}
