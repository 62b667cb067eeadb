// Which notary offices may take a 赋强公证 application (公证法 Art 25; 公证程序规则 Art 10): the office
// of the place where a party lives or habitually resides, or where the act or the facts took place.
// The platform knows each party's place (case_parties.regionCode: where they live or work) and
// where the dispute arose (cases.regionCode). An office's region is a 6-digit 行政区划代码: a county's
// office (530102) serves that county; a city's office (530100, as 公证法 Art 7 allows offices set up
// by a 设区的市) serves the whole city. Pure: the caller loads the offices and the case.

export const OFFICE_RULE = "公证法第二十五条";

export type OfficeFacts = {
  /** Where each party of the agreement lives or habitually resides (6-digit county code, or null). */
  parties: (string | null)[];
  /** Where the dispute arose: the place of the facts (事实发生地). */
  disputeRegion: string | null;
};

export type EligibleOffice<O> = O & { basis: string };

/** Whether an office of `officeRegion` serves `place` (both 行政区划代码). */
export function officeServes(officeRegion: string, place: string | null): boolean {
  if (!place || !/^\d{6}$/.test(officeRegion) || !/^\d{6}/.test(place)) return false;
  // 530000 → "53", 530100 → "5301", 530102 → "530102": the trailing zero pairs are the level.
  const prefix = officeRegion.replace(/(00)+$/, "");
  return prefix.length > 0 && place.startsWith(prefix);
}

/** The offices the parties may choose, each with why it is competent, in the given order. */
export function eligibleOffices<O extends { regionCode: string }>(offices: O[], f: OfficeFacts): EligibleOffice<O>[] {
  const out: EligibleOffice<O>[] = [];
  for (const o of offices) {
    const grounds: string[] = [];
    if (f.parties.some((p) => officeServes(o.regionCode, p))) grounds.push("当事人住所地（经常居住地）");
    if (officeServes(o.regionCode, f.disputeRegion)) grounds.push("纠纷发生地（事实发生地）");
    if (grounds.length) out.push({ ...o, basis: `${grounds.join("、")}的公证机构，当事人共同选择（${OFFICE_RULE}、第三十七条）` });
  }
  return out;
}

export const NO_OFFICE = `本平台暂无当事人住所地、经常居住地或纠纷发生地的公证处（${OFFICE_RULE}），请当事人向有权办理的公证机构申请`;

/** Why the chosen office may not take it, naming those that may. */
export function notCompetent(name: string, eligible: { name: string }[]): string {
  return `${name}不是当事人住所地、经常居住地或纠纷发生地的公证处（${OFFICE_RULE}）${eligible.length ? `；可以选择：${eligible.map((o) => o.name).join("、")}` : ""}`;
}
