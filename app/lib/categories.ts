// Dispute categories used in practice (domain.md, "分 — intake and routing").
export const CATEGORIES = [
  "婚姻家庭",
  "邻里",
  "房屋宅基地",
  "合同",
  "生产经营",
  "损害赔偿",
  "山林土地",
  "征地拆迁",
  "环境污染",
  "劳动争议",
  "消费",
  "医疗",
  "道路交通事故",
  "物业",
  "借贷",
  "其他",
] as const;
export type Category = (typeof CATEGORIES)[number];
