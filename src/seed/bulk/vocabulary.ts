/**
 * Word lists for generated names. Small on purpose: names only need to look plausible and
 * vary; codes, not names, identify subjects.
 */

/** Provinces and some of their prefecture-level cities (GB/T 2260 codes, real names). */
export interface PrefectureSeed {
  code: string; // 4 digits: province + prefecture
  name: string; // without 市
  abbr: string; // one-character short name used in document numbers
}
export interface ProvinceSeed {
  code: string;
  name: string;
  abbr: string;
  prefectures: PrefectureSeed[];
}

function prefectures(list: string): PrefectureSeed[] {
  return list.split(' ').map((entry) => {
    const [code, name, abbr] = entry.split(':');
    return { code: code!, name: name!, abbr: abbr ?? name!.slice(0, 1) };
  });
}

/**
 * The demo data uses 3209 (Yancheng) and 4103 (Luoyang); they are left out here so bulk
 * governments do not duplicate the demo ones.
 */
export const PROVINCES: ProvinceSeed[] = [
  {
    code: '32',
    name: '江苏省',
    abbr: '苏',
    prefectures: prefectures(
      '3201:南京:宁 3202:无锡:锡 3203:徐州 3204:常州 3205:苏州 3206:南通:通 3207:连云港:连 3208:淮安:淮 3210:扬州 3211:镇江 3212:泰州 3213:宿迁',
    ),
  },
  {
    code: '41',
    name: '河南省',
    abbr: '豫',
    prefectures: prefectures(
      '4101:郑州 4102:开封:汴 4104:平顶山:平 4105:安阳 4106:鹤壁 4107:新乡 4108:焦作 4109:濮阳 4110:许昌 4111:漯河 4112:三门峡:峡 4113:南阳:宛 4114:商丘 4115:信阳 4116:周口 4117:驻马店:驻',
    ),
  },
  {
    code: '37',
    name: '山东省',
    abbr: '鲁',
    prefectures: prefectures(
      '3701:济南 3702:青岛 3703:淄博 3704:枣庄 3705:东营 3706:烟台 3707:潍坊 3708:济宁 3709:泰安 3710:威海 3711:日照 3713:临沂 3714:德州 3715:聊城 3716:滨州 3717:菏泽',
    ),
  },
  {
    code: '51',
    name: '四川省',
    abbr: '川',
    prefectures: prefectures(
      '5101:成都:蓉 5103:自贡 5104:攀枝花:攀 5105:泸州 5106:德阳 5107:绵阳 5108:广元 5109:遂宁 5110:内江 5111:乐山 5113:南充 5114:眉山 5115:宜宾 5116:广安 5117:达州 5118:雅安 5119:巴中 5120:资阳',
    ),
  },
  {
    code: '44',
    name: '广东省',
    abbr: '粤',
    prefectures: prefectures(
      '4401:广州:穗 4402:韶关 4403:深圳 4404:珠海 4405:汕头 4406:佛山 4407:江门 4408:湛江 4409:茂名 4412:肇庆 4413:惠州 4414:梅州 4415:汕尾 4416:河源 4417:阳江 4418:清远 4419:东莞:莞 4420:中山 4451:潮州 4452:揭阳 4453:云浮',
    ),
  },
];

/** Characters for made-up place names (counties, townships, villages, communities): first and second. */
export const PLACE_FIRST = [
  ...'安平和东西南北清河山阳江湖城新丰宁泰兴华龙凤溪石柳桃林松梅金玉宝明德义仁惠福寿康盛昌隆顺文武光永长青白乐',
];
export const PLACE_SECOND = [
  ...'安平和东西南清河山阳江湖桥城新丰宁泰兴华龙溪石林水源港口集庄沟岭坪湾塘营堡店桥坝寨台圩乐康昌隆顺',
];
export const COMMUNITY_SUFFIX_RURAL = ['村村民委员会'];
export const COMMUNITY_SUFFIX_URBAN = ['社区居民委员会'];

/** Departments every government has; `role` marks those that decide or push findings. */
export type DeptRole =
  | 'orgDept'
  | 'discipline'
  | 'court'
  | 'creditOffice'
  | 'finance'
  | 'housing'
  | 'commerce'
  | 'statistics'
  | 'environment'
  | 'market';
export interface DeptTemplate {
  /** `{p}` = place name with suffix (南京市, 江宁区), `{s}` = 市/区/县 suffix. */
  name: string;
  role?: DeptRole;
  /** Short name used in positions (财政局) and document numbers (财). */
  short: string;
  docAbbr: string;
  /** Title of the head: 局长, 主任, 部长, 院长, 书记. */
  head: string;
}
export const CORE_DEPARTMENTS: DeptTemplate[] = [
  { name: '中共{p}委组织部', role: 'orgDept', short: '组织部', docAbbr: '组', head: '部长' },
  { name: '中共{p}纪律检查委员会', role: 'discipline', short: '纪委监委', docAbbr: '纪', head: '书记' },
  { name: '{p}人民法院', role: 'court', short: '人民法院', docAbbr: '法', head: '院长' },
  {
    name: '{p}发展和改革委员会（{s}信用办）',
    role: 'creditOffice',
    short: '发展改革委',
    docAbbr: '发改',
    head: '主任',
  },
  { name: '{p}财政局', role: 'finance', short: '财政局', docAbbr: '财', head: '局长' },
  { name: '{p}住房和城乡建设局', role: 'housing', short: '住建局', docAbbr: '住建', head: '局长' },
  { name: '{p}商务局（{s}投资促进中心）', role: 'commerce', short: '商务局', docAbbr: '商', head: '局长' },
  { name: '{p}统计局', role: 'statistics', short: '统计局', docAbbr: '统', head: '局长' },
  { name: '{p}生态环境局', role: 'environment', short: '生态环境局', docAbbr: '环', head: '局长' },
  { name: '{p}市场监督管理局', role: 'market', short: '市场监管局', docAbbr: '市监', head: '局长' },
];
export const OTHER_DEPARTMENTS: DeptTemplate[] = [
  ['{p}人民政府办公室', '政府办', '政办', '主任'],
  ['中共{p}委宣传部', '宣传部', '宣', '部长'],
  ['中共{p}委政法委员会', '政法委', '政法', '书记'],
  ['{p}教育局', '教育局', '教', '局长'],
  ['{p}科学技术局', '科技局', '科', '局长'],
  ['{p}工业和信息化局', '工信局', '工信', '局长'],
  ['{p}公安局', '公安局', '公', '局长'],
  ['{p}民政局', '民政局', '民', '局长'],
  ['{p}司法局', '司法局', '司', '局长'],
  ['{p}人力资源和社会保障局', '人社局', '人社', '局长'],
  ['{p}自然资源和规划局', '自然资源局', '自然资源', '局长'],
  ['{p}交通运输局', '交通运输局', '交', '局长'],
  ['{p}水利局', '水利局', '水', '局长'],
  ['{p}农业农村局', '农业农村局', '农', '局长'],
  ['{p}文化广电和旅游局', '文广旅局', '文旅', '局长'],
  ['{p}卫生健康委员会', '卫健委', '卫', '主任'],
  ['{p}退役军人事务局', '退役军人局', '退役', '局长'],
  ['{p}应急管理局', '应急局', '应急', '局长'],
  ['{p}审计局', '审计局', '审', '局长'],
  ['{p}医疗保障局', '医保局', '医保', '局长'],
  ['{p}城市管理局', '城管局', '城管', '局长'],
  ['{p}行政审批局', '行政审批局', '审批', '局长'],
  ['{p}数据局', '数据局', '数据', '局长'],
  ['{p}人民检察院', '人民检察院', '检', '检察长'],
  ['{p}税务局', '税务局', '税', '局长'],
].map(([name, short, docAbbr, head]) => ({ name: name!, short: short!, docAbbr: docAbbr!, head: head! }));

export const INSTITUTIONS_ALWAYS = ['{p}公共资源交易中心'];
export const INSTITUTIONS = [
  '{p}人民医院',
  '{p}中医院',
  '{p}妇幼保健院',
  '{p}疾病预防控制中心',
  '{p}第一中学',
  '{p}实验小学',
  '{p}第二实验小学',
  '{p}融媒体中心',
  '{p}档案馆',
  '{p}图书馆',
  '{p}不动产登记中心',
  '{p}政务服务中心',
  '{p}城市管理服务中心',
  '{p}农业技术推广中心',
  '{p}住房公积金管理中心',
  '{p}水务工程建设管理处',
  '{p}职业技术学校',
  '{p}社会福利院',
  '{p}城市建设投资服务中心',
  '{p}应急救援指挥中心',
];

/** Most common surnames first (draws favour the head of the list). */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN_CHARS = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红波辉建国建华志强志明文海燕鹏飞宇浩然晨曦欣怡子涵梓萱博文思远嘉怡一鸣振华国庆晓东雪梅春梅冬梅立新卫东永刚红梅',
];

export const ENTERPRISE_BRANDS = [
  ...'鑫达华兴恒宏泰盛鼎博瑞远通信安诚润丰嘉汇中天宇昊晟铭正德元和金银聚峰创合力源海邦',
];
export const ENTERPRISE_INDUSTRIES = [
  '建设工程',
  '市政工程',
  '建筑劳务',
  '招标代理',
  '工程咨询',
  '信息技术',
  '环保科技',
  '物业管理',
  '医疗器械',
  '园林绿化',
  '商贸',
  '农业开发',
  '电力工程',
  '交通工程',
  '装饰工程',
  '设备安装',
  '水利工程',
  '造价咨询',
  '项目管理',
  '网络科技',
  '食品',
  '物流',
  '建材',
  '化工',
  '机械制造',
  '教育咨询',
  '文化传媒',
  '安防科技',
  '能源',
  '置业',
];
export const ENTERPRISE_SUFFIXES: [string, number][] = [
  ['有限公司', 76],
  ['有限责任公司', 12],
  ['股份有限公司', 7],
  ['集团有限公司', 5],
];
export const INDIVIDUAL_SUFFIXES = ['商行', '五金店', '建材经营部', '餐馆', '便利店'];

/** Civil-service ranks (职级) with weights; heads and deputies are derived per department. */
export const RANKS: [string, number][] = [
  ['科员', 26],
  ['一级科员', 10],
  ['四级主任科员', 14],
  ['三级主任科员', 10],
  ['二级主任科员', 7],
  ['一级主任科员', 5],
  ['副科长', 10],
  ['科长', 8],
  ['四级调研员', 3],
  ['三级调研员', 2],
];
