// The case state machine against a table written here from the domain guide, not copied from
// RULES: every status × action × role, the targets each action may reach, and the buttons.
import { describe, expect, it } from "vitest";
import { CASE_STATUSES, type CaseStatus } from "~/lib/case-enums";
import { availableActions, CASE_ACTIONS, CASE_ROLES, check, type CaseAction, type CaseRole } from "../../server/cases/state-machine";

// Columns: the statuses, in lifecycle order. "x" = the action may be taken in that status.
//   draft unrouted await_acc await_con mediating agreed effective confirming confirmed confirm_rej notarising notarised failed refused expired withdrawn transferred
const WHEN: Record<CaseAction, string> = {
  submit: "x . . . . . . . . . . . . . . . .",
  route: ". x . . . . . . . . . . . . . . .",
  assign: ". x x x x . . . . . . . . . . . .",
  accept: ". . x . . . . . . . . . . . . . .",
  decline: ". . x . . . . . . . . . . . . . .",
  accept_timeout: ". . x . . . . . . . . . . . . . .",
  consent: ". . . x . . . . . . . . . . . . .",
  refuse: ". . . x . . . . . . . . . . . . .",
  consent_expire: ". . . x . . . . . . . . . . . . .",
  withdraw: "x x x x x . . . . . . . . . . . .",
  set_risk: ". x x x x . . . . . . . . . . . .",
  request_mediator_change: ". . . x x . . . . . . . . . . . .",
  disclosure_agree: ". . . x x . . . . . . . . . . . .",
  end_agreed: ". . . . x . . . . . . . . . . . .",
  end_failed: ". . . . x x . . . . . . . . . . .",
  extend_deadline: ". . . . x . . . . . . . . . . . .",
  draft_agreement: ". . . . x x . . . . . . . . . . .",
  comment_agreement: ". . . . x x . . . . . . . . . . .",
  sign_agreement: ". . . . . x . . . . . . . . . . .",
  upload_signed_scan: ". . . . . x . . . . . . . . . . .",
  apply_confirmation: ". . . . . . x . . . . . . . . . .",
  court_accept: ". . . . . . . x . . . . . . . . .",
  court_decline: ". . . . . . . x . . . . . . . . .",
  court_extend: ". . . . . . . x . . . . . . . . .",
  rule_valid: ". . . . . . . x . . . . . . . . .",
  rule_rejected: ". . . . . . . x . . . . . . . . .",
  remediate: ". . . . . . . . . x . . . . . . .",
  apply_notarisation: ". . . . . . x . . . . . . . . . .",
  notary_issue: ". . . . . . . . . . x . . . . . .",
  notary_refuse: ". . . . . . . . . . x . . . . . .",
  request_exec_cert: ". . . . . . . . . . . x . . . . .",
  issue_exec_cert: ". . . . . . . . . . . x . . . . .",
  confirm_payment: ". . . . . . x x x x x x . . . . .",
  transfer: ". . . . . . . . . x . . x . . . .",
  acknowledge_transfer: ". . . . . . . . . . . . . . . . x",
  escalate: ". . x x x . . . . . . . . . . . .",
  rate: ". . . . . . x x x x x x x . . . x",
};
const COLUMNS: CaseStatus[] = ["draft", "unrouted", "awaiting_acceptance", "awaiting_consent", "mediating", "agreed", "effective", "confirming", "confirmed", "confirm_rejected", "notarising", "notarised", "failed", "refused", "consent_expired", "withdrawn", "transferred"];

// Who may ever do it (domain.md "分"): the filer submits, the mediator answers, the respondent
// consents, timers are the system's, dispatchers and the organisation assign.
const WHO: Record<CaseAction, CaseRole[]> = {
  submit: ["filer"],
  route: ["system"],
  assign: ["dispatcher", "org_staff"],
  accept: ["mediator"],
  decline: ["mediator"],
  accept_timeout: ["system"],
  consent: ["respondent"],
  refuse: ["respondent"],
  consent_expire: ["system"],
  withdraw: ["filer", "applicant"],
  set_risk: ["mediator", "dispatcher", "org_staff"],
  request_mediator_change: ["applicant", "respondent"],
  disclosure_agree: ["applicant", "respondent"], // 在线调解规则 Art 13: the parties decide
  end_agreed: ["mediator"],
  end_failed: ["mediator"],
  extend_deadline: ["mediator"], // recording the parties' agreement to extend (Art 24)
  draft_agreement: ["mediator"], // the mediator drafts; parties comment
  comment_agreement: ["applicant", "respondent", "mediator"],
  sign_agreement: ["applicant", "respondent", "mediator"], // 在线调解规则 Art 19: parties and mediator sign
  upload_signed_scan: ["mediator"], // 电子签名法 Art 3: the wet-signed paper, scanned by the mediator
  apply_confirmation: ["applicant", "respondent"], // 人民调解法 Art 33: both parties apply jointly
  court_accept: ["court"],
  court_decline: ["court"],
  court_extend: ["court"],
  rule_valid: ["court"], // a single judge rules (民事诉讼法 Art 206)
  rule_rejected: ["court"],
  remediate: ["mediator"],
  apply_notarisation: ["applicant", "respondent"], // 公证法 Art 37: both apply to the notary office
  notary_issue: ["notary"],
  notary_refuse: ["notary"],
  request_exec_cert: ["applicant", "respondent"], // the creditor, whichever side they are
  issue_exec_cert: ["notary"],
  confirm_payment: ["applicant", "respondent"], // the creditor confirms receipt
  transfer: ["applicant", "respondent", "mediator"], // either party may go on to arbitration or court
  acknowledge_transfer: ["court", "arbitrator"],
  escalate: ["dispatcher", "org_staff"], // village → township → county, with a reason
  rate: ["applicant", "respondent"], // each party, once, after the mediation is over
};

// Where it may lead; null = the status stays (risk, requests).
const TO: Record<CaseAction, (CaseStatus | null)[]> = {
  submit: ["awaiting_acceptance", "unrouted"],
  route: ["awaiting_acceptance"],
  assign: ["awaiting_acceptance"],
  accept: ["awaiting_consent", "mediating"], // mediating when all respondents consented before a reassignment
  decline: ["awaiting_acceptance", "unrouted"], // next organisation, or the dispatcher's queue
  accept_timeout: ["awaiting_acceptance", "unrouted"],
  consent: ["awaiting_consent", "mediating"], // stays until the last respondent consents
  refuse: ["refused"],
  consent_expire: ["consent_expired"],
  withdraw: ["withdrawn"],
  set_risk: [null],
  request_mediator_change: [null],
  disclosure_agree: [null, "mediating"], // the last agreement starts the mediation
  end_agreed: ["agreed"],
  end_failed: ["failed"],
  extend_deadline: [null],
  draft_agreement: [null],
  comment_agreement: [null],
  sign_agreement: [null, "effective"], // the last signature makes it effective
  upload_signed_scan: ["effective"],
  apply_confirmation: [null, "confirming"], // the second applicant sends it to the court
  court_accept: [null],
  court_decline: ["effective"], // another competent court may be tried within the 30 days
  court_extend: [null],
  rule_valid: ["confirmed"],
  rule_rejected: ["confirm_rejected"],
  remediate: ["mediating"],
  apply_notarisation: [null, "notarising"],
  notary_issue: ["notarised"],
  notary_refuse: ["effective"],
  request_exec_cert: [null],
  issue_exec_cert: [null],
  confirm_payment: [null],
  transfer: ["transferred"],
  acknowledge_transfer: [null],
  escalate: ["awaiting_acceptance"], // the higher organisation accepts or declines like any assignment
  rate: [null],
};

function allowedIn(action: CaseAction, status: CaseStatus): boolean {
  const marks = WHEN[action].trim().split(/\s+/);
  expect(marks).toHaveLength(COLUMNS.length);
  return marks[COLUMNS.indexOf(status)] === "x";
}

const mayDo = (action: CaseAction, roles: readonly CaseRole[]) => roles.some((r) => WHO[action].includes(r));

describe("the expectation table itself", () => {
  it("covers every action, status and role the module declares", () => {
    expect(Object.keys(WHEN).sort()).toEqual([...CASE_ACTIONS].sort());
    expect([...COLUMNS].sort()).toEqual([...CASE_STATUSES].sort());
    expect(CASE_ROLES).toHaveLength(10);
  });
});

describe("check(): every status × action × role", () => {
  for (const action of CASE_ACTIONS) {
    describe(action, () => {
      for (const status of CASE_STATUSES) {
        for (const role of CASE_ROLES) {
          const label = `${role} in ${status}`;
          if (!mayDo(action, [role])) {
            it(`${label} → 403`, () => {
              const r = check(action, status, [role]);
              expect(r.ok).toBe(false);
              if (!r.ok) {
                expect(r.status).toBe(403);
                expect(r.message).toMatch(/^您无权对本案进行".+"操作$/);
              }
            });
          } else if (!allowedIn(action, status)) {
            it(`${label} → 409`, () => {
              const r = check(action, status, [role]);
              expect(r.ok).toBe(false);
              if (!r.ok) {
                expect(r.status).toBe(409);
                expect(r.message).toMatch(/^案件当前状态为".+"，不能.+$/);
              }
            });
          } else {
            it(`${label} → allowed`, () => {
              expect(check(action, status, [role])).toEqual({ ok: true });
            });
          }
        }
      }
    });
  }

  it("refuses with 403 before looking at the status: no hint about the case's state", () => {
    const r = check("accept", "withdrawn", ["respondent"]);
    expect(r).toEqual({ ok: false, status: 403, message: '您无权对本案进行"受理"操作' });
  });

  it("says in Chinese what the status is and what cannot be done", () => {
    expect(check("accept", "mediating", ["mediator"])).toEqual({ ok: false, status: 409, message: '案件当前状态为"调解中"，不能受理' });
    expect(check("withdraw", "refused", ["applicant"])).toEqual({ ok: false, status: 409, message: '案件当前状态为"对方已拒绝调解"，不能撤回申请' });
    expect(check("consent", "consent_expired", ["respondent"])).toEqual({ ok: false, status: 409, message: '案件当前状态为"邀请已过期"，不能同意调解' });
  });

  it("nobody holding no role on the case may do anything", () => {
    for (const action of CASE_ACTIONS) for (const status of CASE_STATUSES) expect(check(action, status, [])).toMatchObject({ ok: false, status: 403 });
  });

  it("one permitted role among several is enough", () => {
    expect(check("accept", "awaiting_acceptance", ["org_staff", "mediator"])).toEqual({ ok: true });
    expect(check("withdraw", "mediating", ["respondent", "applicant"])).toEqual({ ok: true });
    expect(check("accept", "awaiting_acceptance", ["org_staff", "dispatcher", "court", "filer"])).toMatchObject({ ok: false, status: 403 });
  });

  it("the court takes no triage or mediation step as 'court' (it files as filer); only 裁 steps", () => {
    const courtSteps = ["court_accept", "court_decline", "court_extend", "rule_valid", "rule_rejected", "acknowledge_transfer"];
    for (const action of CASE_ACTIONS)
      for (const status of CASE_STATUSES) if (!courtSteps.includes(action)) expect(check(action, status, ["court"]).ok).toBe(false);
  });

  it("a party may still refuse to sign: the mediator can end an agreed case as failed (Art 25)", () => {
    expect(check("end_failed", "agreed", ["mediator"], "failed")).toEqual({ ok: true });
    expect(check("end_failed", "effective", ["mediator"])).toMatchObject({ ok: false, status: 409 });
  });

  it("ended cases (refused, consent_expired, withdrawn) allow nothing, to anyone", () => {
    for (const status of ["refused", "consent_expired", "withdrawn"] as const)
      for (const action of CASE_ACTIONS) expect(check(action, status, [...CASE_ROLES]).ok).toBe(false);
  });
});

describe("check(): targets", () => {
  const TARGETS: (CaseStatus | null)[] = [...CASE_STATUSES, null];
  for (const action of CASE_ACTIONS) {
    const status = COLUMNS.find((s) => allowedIn(action, s))!;
    const role = WHO[action][0];
    it(`${action} (from ${status}) may lead only to ${TO[action].map(String).join(" / ")}`, () => {
      for (const to of TARGETS) {
        const r = check(action, status, [role], to);
        if (TO[action].includes(to)) expect(r, `${action} → ${to}`).toEqual({ ok: true });
        else {
          expect(r, `${action} → ${to}`).toMatchObject({ ok: false, status: 409 });
          if (!r.ok) expect(r.message).toMatch(/^".+"不能使案件进入该状态$/);
        }
      }
    });
  }

  it("leaving the target out checks only role and status", () => {
    expect(check("decline", "awaiting_acceptance", ["mediator"])).toEqual({ ok: true });
    expect(check("set_risk", "mediating", ["dispatcher"])).toEqual({ ok: true });
  });

  it("a wrong role is still 403 and a wrong status still 409, whatever the target", () => {
    expect(check("refuse", "awaiting_consent", ["applicant"], "refused")).toMatchObject({ ok: false, status: 403 });
    expect(check("refuse", "mediating", ["respondent"], "refused")).toMatchObject({ ok: false, status: 409 });
  });
});

describe("availableActions()", () => {
  it("never offers 'route' (the system's alone), not even to the system", () => {
    for (const status of CASE_STATUSES) {
      expect(availableActions(status, [...CASE_ROLES])).not.toContain("route");
      expect(availableActions(status, ["system"])).not.toContain("route");
    }
  });

  it("matches the table for every status and single role", () => {
    for (const status of CASE_STATUSES)
      for (const role of CASE_ROLES) {
        const expected = CASE_ACTIONS.filter((a) => a !== "route" && mayDo(a, [role]) && allowedIn(a, status));
        expect(availableActions(status, [role]), `${role} in ${status}`).toEqual(expected);
      }
  });

  it("gives the buttons people actually see", () => {
    expect(availableActions("awaiting_acceptance", ["mediator", "org_staff"])).toEqual(["assign", "accept", "decline", "set_risk", "escalate"]);
    expect(availableActions("awaiting_consent", ["respondent"])).toEqual(["consent", "refuse", "request_mediator_change", "disclosure_agree"]);
    expect(availableActions("awaiting_consent", ["filer", "applicant"])).toEqual(["withdraw", "request_mediator_change", "disclosure_agree"]);
    expect(availableActions("unrouted", ["dispatcher"])).toEqual(["assign", "set_risk"]);
    expect(availableActions("draft", ["filer"])).toEqual(["submit", "withdraw"]);
    expect(availableActions("unrouted", ["system"])).toEqual([]);
    expect(availableActions("withdrawn", [...CASE_ROLES])).toEqual([]);
    expect(availableActions("mediating", [])).toEqual([]);
  });
});
