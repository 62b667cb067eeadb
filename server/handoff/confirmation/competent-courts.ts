// Which basic courts may confirm this agreement (民事诉讼法 Art 205). Pure: the caller passes the
// case, the organisation that presided and the courts on the platform.
//
// - Item 1: when a court invited the mediation (委派 before filing, 委托 after, or a court-invited
//   organisation presided), only that court.
// - Item 2: otherwise the basic court where a party lives, where the property (the dispute) is, or
//   where the mediation organisation sits. A court that qualifies on several grounds appears once,
//   with every ground listed; the best-connected court comes first. (Disputes that belong to an
//   intermediate court are out of scope here.)
import type { CaseSource } from "../../../app/lib/case-enums";
import type { OrgType } from "../../../app/lib/roles";
import { CPL_205, INTERP_355 } from "./law";

export type CourtOrg = { id: string; name: string; regionCode: string };

export type CompetenceInput = {
  source: CaseSource;
  /** The court that sent the case out (委派/委托), if one did. */
  courtId: string | null;
  /** The organisation that presided over the mediation. */
  org: { name: string; type: OrgType; regionCode: string; parentId: string | null } | null;
  /** Each party's domicile (6-digit county, or finer). */
  parties: { name: string; regionCode: string | null }[];
  /** Where the dispute arose, which is where the property concerned is. */
  disputeRegion: string | null;
  /** The platform's courts (organisations of type "court"). */
  courts: CourtOrg[];
};

export type Ground = "invited" | "domicile" | "property" | "organisation";
export type Basis = { ground: Ground; text: string };
export type EligibleCourt = CourtOrg & { bases: Basis[] };
export type Competence = { invited: boolean; courts: EligibleCourt[]; /** Why the list is empty. */ none: string | null };

const county = (code: string | null): string | null => (code && /^\d{6}/.test(code) ? code.slice(0, 6) : null);

/** The inviting court's id when a court invited the mediation; undefined when none did. */
function invitingCourt(i: CompetenceInput): string | null | undefined {
  const invited = i.source === "court_delegated" || i.source === "court_entrusted" || i.org?.type === "court_invited";
  if (!invited) return undefined;
  // A court-invited studio belongs to its court (the organisation's parent).
  return i.courtId ?? (i.org?.type === "court_invited" ? i.org.parentId : null);
}

export function competentCourts(i: CompetenceInput): Competence {
  const inviter = invitingCourt(i);
  if (inviter !== undefined) {
    const court = i.courts.find((c) => c.id === inviter);
    if (!court)
      return { invited: true, courts: [], none: `本案系人民法院邀请调解，依照${CPL_205}第一项应向作出邀请的人民法院申请，但平台上没有该法院，请直接与该法院联系` };
    return { invited: true, courts: [{ ...court, bases: [{ ground: "invited", text: `作出邀请（委派/委托）调解的人民法院（${CPL_205}第一项）` }] }], none: null };
  }

  const found = new Map<string, EligibleCourt>();
  const add = (region: string | null, basis: Basis) => {
    if (!region) return;
    for (const c of i.courts.filter((x) => x.regionCode === region)) {
      const e = found.get(c.id) ?? { ...c, bases: [] };
      if (!e.bases.some((b) => b.text === basis.text)) e.bases.push(basis);
      found.set(c.id, e);
    }
  };
  for (const p of i.parties) add(county(p.regionCode), { ground: "domicile", text: `当事人${p.name}住所地基层人民法院（${CPL_205}第二项）` });
  add(county(i.disputeRegion), { ground: "property", text: `标的物所在地（纠纷发生地）基层人民法院（${CPL_205}第二项）` });
  if (i.org) add(county(i.org.regionCode), { ground: "organisation", text: `调解组织（${i.org.name}）所在地基层人民法院（${CPL_205}第二项）` });

  // The court with the most connections to the case first: the natural default to offer.
  const courts = [...found.values()].sort((a, b) => b.bases.length - a.bases.length);
  return {
    invited: false,
    courts,
    none: courts.length ? null : `当事人住所地、标的物所在地和调解组织所在地的基层人民法院均未入驻平台（${CPL_205}第二项），请直接向有管辖权的人民法院申请`,
  };
}

export type CourtChoice = { ok: true; court: EligibleCourt; basis: string } | { ok: false; reason: string };

/** The parties choose among the competent courts; any other court would refuse (民诉解释 Art 355 ②). */
export function chooseCourt(c: Competence, courtId: string): CourtChoice {
  const court = c.courts.find((x) => x.id === courtId);
  if (court) return { ok: true, court, basis: court.bases.map((b) => b.text).join("；") };
  if (c.courts.length === 0) return { ok: false, reason: c.none ?? "没有可申请的人民法院" };
  const rule = c.invited ? "人民法院邀请调解的，应向作出邀请的人民法院申请" : "应向当事人住所地、标的物所在地或调解组织所在地的基层人民法院申请";
  return {
    ok: false,
    reason: `所选法院对本案没有管辖权：依照${CPL_205}，${rule}，向其他法院申请将被裁定不予受理（${INTERP_355}第二项）。可选择：${c.courts.map((x) => x.name).join("、")}`,
  };
}
