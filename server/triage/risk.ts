// 三色预警 at intake (domain.md "Risk grading"; local practice, no national standard). Pure: a
// dispatcher can always regrade, and risk may change during the case.
import type { Category } from "../../app/lib/categories";
import type { RiskGrade } from "../../app/lib/case-enums";

export type RiskInput = {
  /** The account of the facts, the claims and anything else the filer wrote. */
  texts: string[];
  amountFen: number | null;
  partyCount: number;
  /** 6-digit county code where the dispute arose. */
  disputeRegion: string;
  partyRegions: (string | null)[];
  /** Earlier filings on the same dispute. */
  priorFilings: number;
  category: Category;
};

export type RiskResult = { grade: RiskGrade; reasons: string[] };

/** Threats and violence: the 民转刑 signals a people's mediator must report (人民调解法 Art 25). */
export const VIOLENCE_WORDS = ["杀", "砍", "捅", "打死", "弄死", "同归于尽", "报复", "炸", "放火", "烧死", "拿刀", "威胁"];
export const SELF_HARM_WORDS = ["跳楼", "自杀", "喝农药"];
const POLICE_WORDS = ["报警多次", "多次报警", "反复报警", "屡次报警"];
// "报警三次", "报了5次警", "110报警过两次"
const TIMES = String.raw`(?:[2-9]|[1-9]\d+|[二两三四五六七八九十几]+|好几|很多)次`;
const POLICE_COUNT = new RegExp(`报警[了过]?${TIMES}|报了?${TIMES}警`);

/**
 * Everyday words that contain a violence word but mean nothing of the kind. Kept short on
 * purpose: a missed threat costs more than a dispatcher glancing at a false alarm.
 */
export const BENIGN_PHRASES = [
  "杀虫",
  "抹杀",
  "扼杀",
  "杀毒",
  "杀价",
  "砍价",
  "砍伐",
  "砍树",
  "炸鸡",
  "油炸",
  "炸酱",
  "捅破",
  "报复性消费",
];

export const LARGE_AMOUNT_FEN = 50_000_000; // 50万元
export const MANY_PARTIES = 5;
export const REPEAT_FILINGS_RED = 3;
const GROUP_RISK: Partial<Record<Category, string>> = {
  征地拆迁: "征地拆迁纠纷涉及人数多、利益大，有引发群体性事件的风险",
  环境污染: "环境污染纠纷往往涉及众多受影响群众，有引发群体性事件的风险",
};

function found(texts: string[], words: string[], ignore: string[] = []): string[] {
  const hits = new Set<string>();
  for (const raw of texts) {
    let text = raw.replace(/\s+/g, "");
    for (const phrase of [...BENIGN_PHRASES, ...ignore]) text = text.split(phrase).join("·");
    for (const w of words) if (text.includes(w)) hits.add(w);
  }
  return [...hits];
}

const quote = (words: string[]) => words.map((w) => `“${w}”`).join("");

function formatWan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(2))}万元`;
}

export function gradeRisk(input: RiskInput): RiskResult {
  const red: string[] = [];
  const yellow: string[] = [];
  const prior = Math.max(0, Math.floor(input.priorFilings));

  // "自杀" is reported as self-harm, not as the violence word "杀".
  const violence = found(input.texts, VIOLENCE_WORDS, SELF_HARM_WORDS);
  if (violence.length)
    red.push(`陈述中出现${quote(violence)}等暴力或威胁字样，有民转刑风险，须立即上报并处置（人民调解法第25条）`);
  const selfHarm = found(input.texts, SELF_HARM_WORDS);
  if (selfHarm.length) red.push(`陈述中出现${quote(selfHarm)}等自伤字样，须立即关注当事人安全并上报`);
  const police = found(input.texts, POLICE_WORDS);
  if (police.length || input.texts.some((t) => POLICE_COUNT.test(t.replace(/\s+/g, ""))))
    red.push("当事人反映多次报警，矛盾已经激化");
  if (prior >= REPEAT_FILINGS_RED) red.push(`反复纠纷，多次申请：此前已就本纠纷申请${prior}次`);

  if (input.partyCount >= MANY_PARTIES) yellow.push(`当事人${input.partyCount}人，涉及人数较多`);
  if (input.amountFen !== null && input.amountFen >= LARGE_AMOUNT_FEN)
    yellow.push(`争议金额${formatWan(input.amountFen)}，数额较大`);
  if (isCrossRegion(input.disputeRegion, input.partyRegions)) yellow.push("当事人不在纠纷发生地所在的市（州），属跨区域纠纷");
  if (prior >= 1 && prior < REPEAT_FILINGS_RED) yellow.push(`此前已就本纠纷申请${prior}次，属长期未化解的纠纷`);
  const group = GROUP_RISK[input.category];
  if (group) yellow.push(group);

  const grade: RiskGrade = red.length ? "red" : yellow.length ? "yellow" : "green";
  return { grade, reasons: [...red, ...yellow] };
}

/** A party registered in another city (first 4 digits) than where the dispute arose. */
export function isCrossRegion(disputeRegion: string, partyRegions: (string | null)[]): boolean {
  if (!/^\d{4}/.test(disputeRegion)) return false;
  const city = disputeRegion.slice(0, 4);
  return partyRegions.some((r) => r !== null && /^\d{4}/.test(r) && r.slice(0, 4) !== city);
}
