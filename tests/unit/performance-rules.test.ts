// The pure rules of 履行 and 赋强公证, each against the law it comes from.
import { describe, expect, it } from "vitest";
import { NO_ENFORCEMENT_CLAUSE, NOT_MONETARY, notarialRefNo, notarisationRefusal, officeAbbrev, verifyKey } from "../../server/handoff/notarisation/rules";
import { enforcementRoute, type RouteFacts } from "../../server/handoff/performance/route";

const payment = { payerPartyId: "b", payeePartyId: "a", totalFen: 300_000, instalments: [{ dueDate: "2027-01-01", amountFen: 300_000 }], method: "银行转账" };

describe("公证法 Art 37: what a notary may give enforcement effect", () => {
  it("a debt document for the payment of money with the debtor's acceptance of enforcement", () => {
    expect(notarisationRefusal({ payment, enforcementClause: true })).toBeNull();
  });
  it("not an agreement without a payment of money", () => {
    expect(notarisationRefusal({ payment: null, enforcementClause: false })).toBe(NOT_MONETARY);
    expect(NOT_MONETARY).toBe("非给付金钱类协议不能办理赋强公证（公证法第三十七条）");
  });
  it("not a payment without the debtor's written acceptance of compulsory enforcement", () => {
    expect(notarisationRefusal({ payment, enforcementClause: false })).toBe(NO_ENFORCEMENT_CLAUSE);
  });
});

describe("notarial numbers", () => {
  it("（年份）+ province, city and office + 证字/执字 + sequence", () => {
    expect(officeAbbrev("昆明市春城公证处")).toBe("云昆春");
    expect(officeAbbrev("大理州苍洱公证处")).toBe("云大苍");
    expect(officeAbbrev("公证处")).toBe("云公");
    expect(notarialRefNo("certificate", 2026, "云昆春", 1)).toBe("（2026）云昆春证字第1号");
    expect(notarialRefNo("execution", 2026, "云昆春", 12)).toBe("（2026）云昆春执字第12号");
  });
  it("verification keys are two letters and ten digits, as the verify page parses them", () => {
    expect(verifyKey("GZ", 2026, 1)).toBe("GZ2026000001");
    expect(verifyKey("ZX", 2026, 123456)).toBe("ZX2026123456");
  });
});

describe("the enforcement route a default opens", () => {
  const base: RouteFacts = { status: "effective", ruling: null, notarial: null, confirmWindow: { open: true, daysLeft: 12 }, notarisable: true };
  const text = (f: Partial<RouteFacts>) => enforcementRoute({ ...base, ...f }).lines.join("\n");

  it("民事诉讼法 Art 206: a ruling confirming the agreement is enforced by the court that ruled", () => {
    const r = enforcementRoute({ ...base, status: "confirmed", ruling: { courtName: "昆明市五华区人民法院", refNo: "（2026）云0102民特1号", docNo: "CD2026000001" } });
    expect(r.kind).toBe("court");
    expect(r.lines.join("")).toContain("本协议已经昆明市五华区人民法院裁定确认有效（民事裁定书 （2026）云0102民特1号，核验编号 CD2026000001）");
    expect(r.lines.join("")).toContain("向昆明市五华区人民法院申请强制执行（民事诉讼法第二百零六条");
  });
  it("公证程序规则 Art 55: a notarised agreement leads to an 执行证书, then the court where the debtor lives or the assets are", () => {
    const notarial = { officeName: "昆明市春城公证处", refNo: "（2026）云昆春证字第1号", execRequested: false, execIssued: false };
    expect(enforcementRoute({ ...base, status: "notarised", notarial })).toMatchObject({ kind: "exec_cert", title: "申请执行证书" });
    expect(text({ status: "notarised", notarial: { ...notarial, execRequested: true } })).toContain("已申请出具执行证书");
    expect(text({ status: "notarised", notarial: { ...notarial, execIssued: true } })).toContain("被执行人住所地或者被执行的财产所在地人民法院");
  });
  it("人民调解法 Arts 32-33: otherwise 司法确认 within the 30 days, 赋强公证 when eligible, or suing", () => {
    const all = text({});
    expect(all).toContain("申请司法确认：协议生效后30日内（还剩12天）");
    expect(all).toContain("申请赋强公证");
    expect(all).toContain("以上方式都需要双方共同申请");
    expect(all).toContain("向人民法院起诉");
    const closed = text({ confirmWindow: { open: false, daysLeft: 0 }, notarisable: false });
    expect(closed).not.toContain("申请司法确认");
    expect(closed).not.toContain("申请赋强公证");
    expect(closed).not.toContain("共同申请");
    expect(closed).toContain("向人民法院起诉");
  });
  it("an application under way says what comes next", () => {
    expect(enforcementRoute({ ...base, status: "confirming" }).kind).toBe("pending");
    expect(enforcementRoute({ ...base, status: "notarising" }).title).toBe("赋强公证办理中");
  });
  it("after a rejected confirmation only suing is left (民诉解释 Art 358 grounds were decided)", () => {
    const r = enforcementRoute({ ...base, status: "confirm_rejected" });
    expect(r.lines).toEqual(["向人民法院起诉：对方不履行调解协议的，您可以向人民法院提起诉讼，要求对方履行（人民调解法第三十二条）。"]);
  });
});
