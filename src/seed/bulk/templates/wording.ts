// Titles and legal bases shared by the templates of several subject kinds.

export const COMMEND_GOV = [
  '省级社会信用体系建设示范单位',
  '政务诚信建设先进单位',
  '优化营商环境工作表彰',
  '法治政府建设示范单位',
];
export const LITIGATION = [
  '行政诉讼败诉（违法强制拆除）',
  '行政诉讼败诉（征收补偿决定被撤销）',
  '行政诉讼败诉（行政许可违法）',
  '行政诉讼败诉（信息公开答复违法）',
  '行政诉讼败诉（行政不作为）',
  '行政机关负责人未出庭应诉且败诉',
];
export const LITIGATION_BASIS = [
  '《中华人民共和国行政诉讼法》第七十条',
  '《中华人民共和国行政诉讼法》第七十四条',
  '《中华人民共和国行政诉讼法》第七十二条',
];
export const ENFORCEMENT = [
  '拒不履行生效判决（工程款给付）',
  '拒不履行生效判决（征收补偿款）',
  '拒不履行生效判决（合同价款）',
  '失信被执行人（拒不履行给付义务）',
];
export const ENFORCEMENT_BASIS = [
  '《中华人民共和国民事诉讼法》第二百五十九条',
  '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
];
export const ARREARS_GOV = [
  '拖欠民营企业工程款',
  '拖欠农民工工资及工程款',
  '政府投资项目拖欠工程款',
  '拖欠中小企业账款',
];
export const ARREARS_BASIS = ['《保障中小企业款项支付条例》', '《保障农民工工资支付条例》'];
export const INVEST = [
  '招商引资奖励政策未兑现',
  '招商引资承诺的土地未按期交付',
  '“新官不理旧账”，招商合同未履行',
  '承诺的设备补贴逾期未兑现',
];
export const PPP = ['PPP项目政府付费逾期', 'PPP项目可行性缺口补助未按约支付', 'PPP合同约定事项未履行'];
export const SERVICE = ['政务服务承诺时限未践行', '公开承诺事项逾期未办结', '信用承诺未履行'];
export const STAT = ['统计数据弄虚作假', '虚报统计数据', '统计数据差错被通报'];
export const ENV = ['环境违法行政处罚', '建设项目未批先建', '超标排放污染物', '危险废物处置不规范'];
