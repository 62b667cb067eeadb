// Deterministic make-believe for the benchmark: names, identity numbers, addresses and the
// texts of a case. Seeded, so two fills of the same size produce the same database.
import { residentIdCheckChar } from "../../app/lib/id-checks";
import { CATEGORIES, type Category } from "../../app/lib/categories";

/** mulberry32: tiny, fast and good enough to spread test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  /** Picks from [value, weight] pairs. */
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const B32 = "abcdefghijklmnopqrstuvwxyz234567";
  /** Same shape as server/lib/ids.ts createId(): 16 base32 characters, 80 bits. */
  const id = () => {
    let s = "";
    for (let i = 0; i < 16; i++) s += B32[int(32)];
    return s;
  };
  return { next, int, pick, weighted, id };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志文斌红梅玉兰海燕春雪云飞鹏辉丹萍琳晨宇浩然子轩欣怡思雨佳琪俊杰";

export function personName(r: Rng): string {
  const given = r.next() < 0.7 ? GIVEN[r.int(GIVEN.length)] + GIVEN[r.int(GIVEN.length)] : GIVEN[r.int(GIVEN.length)];
  return SURNAMES[r.int(SURNAMES.length)] + given;
}

/**
 * A valid, unique 身份证 number for person `k` of a given county: the birth date walks a day per
 * 250 people and the 3-digit sequence stays in 500–999, which the demo seed (100–140) never uses.
 */
export function residentId(county: string, k: number): string {
  const day = new Date(Date.UTC(1955, 0, 1) + Math.floor(k / 250) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replaceAll("-", "");
  const seq = 500 + (k % 250) * 2;
  const first17 = `${county}${birth}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

export const COUNTIES = [
  { code: "530102", name: "五华区", share: 0.5, streets: ["530102001", "530102002", "530102003", "530102004", "530102005", "530102006", "530102007"] },
  { code: "530103", name: "盘龙区", share: 0.25, streets: ["530103001", "530103002", "530103003", "530103004", "530103005"] },
  { code: "530111", name: "官渡区", share: 0.25, streets: ["530111001", "530111002", "530111003", "530111004", "530111005"] },
] as const;
export type County = (typeof COUNTIES)[number];

const ROADS = ["人民中路", "东风西路", "翠湖南路", "北京路", "青年路", "白塔路", "拓东路", "关上中路", "春城路", "滇池路", "金碧路"];

export function address(r: Rng, county: County): string {
  return `昆明市${county.name}${r.pick(ROADS)}${1 + r.int(300)}号${1 + r.int(6)}单元${1 + r.int(20)}0${1 + r.int(4)}室`;
}

/** Shares of each category among filed disputes (neighbours and family first, as in practice). */
export const CATEGORY_WEIGHTS: readonly (readonly [Category, number])[] = CATEGORIES.map((c) => {
  const w: Partial<Record<Category, number>> = { 邻里: 18, 婚姻家庭: 14, 物业: 10, 合同: 9, 借贷: 8, 劳动争议: 7, 道路交通事故: 7, 消费: 6, 损害赔偿: 6, 房屋宅基地: 5, 医疗: 2, 生产经营: 2, 山林土地: 1, 征地拆迁: 1, 环境污染: 1, 其他: 3 };
  return [c, w[c] ?? 1] as const;
});

const FACTS: Partial<Record<Category, string>> = {
  邻里: "楼上住户长期在夜间发出噪音，多次上门沟通无果，严重影响家人休息",
  婚姻家庭: "双方就离婚后子女抚养费的支付和探望时间安排产生分歧，协商多次未能达成一致",
  物业: "物业公司未按合同约定提供保洁和安保服务，业主拒交物业费后被停止门禁卡使用",
  合同: "双方签订装修合同后，对方未按约定工期完工，已付款项也拒绝退还",
  借贷: "对方向申请人借款后约定半年内归还，到期后多次催要仍以各种理由拖延不还",
  劳动争议: "申请人在对方处工作两年，离职时对方拒绝支付最后两个月工资和经济补偿",
  道路交通事故: "双方车辆在路口发生碰撞，交警认定对方负主要责任，但对方拒绝赔偿车辆维修费用",
  消费: "申请人在对方店内购买的家电使用一周后出现故障，对方拒绝退换也不提供维修",
  损害赔偿: "对方饲养的犬只咬伤申请人，申请人就医后要求赔偿医疗费和误工费遭拒",
  房屋宅基地: "双方因宅基地界址不清发生争执，对方新建围墙占用了申请人家的通道",
  医疗: "申请人在对方医院手术后出现并发症，认为医院存在过错，要求赔偿未果",
};

export function facts(r: Rng, category: Category): { facts: string; claims: string } {
  const base = FACTS[category] ?? `双方因${category}事项发生纠纷，经多次协商仍未能解决，申请人希望通过调解化解矛盾`;
  const days = 3 + r.int(90);
  return { facts: `${base}。纠纷已持续约${days}天，申请人保留了相关聊天记录和票据。`, claims: r.next() < 0.5 ? "请求对方停止侵害并赔礼道歉" : `请求对方赔偿损失${1 + r.int(50)}千元` };
}

/** Risk as graded at intake: mostly green, some yellow, a few red. */
export function risk(r: Rng): { grade: "green" | "yellow" | "red"; reasons: string } {
  const x = r.next();
  if (x < 0.03) return { grade: "red", reasons: JSON.stringify(["陈述中出现“威胁”等暴力或威胁字样，有民转刑风险，须立即上报并处置（人民调解法第25条）"]) };
  if (x < 0.15) return { grade: "yellow", reasons: JSON.stringify(["争议金额较大"]) };
  return { grade: "green", reasons: "[]" };
}
