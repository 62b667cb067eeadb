// 履行: when the debtor defaults, which way to enforcement is open depends on what the agreement
// became. Pure: the facts are gathered by the caller (panel.ts), the words are decided here.
import type { CaseStatus } from "../../../app/lib/case-enums";

export type RouteFacts = {
  status: CaseStatus;
  /** The court's ruling that the agreement is valid (司法确认), when there is one. */
  ruling: { courtName: string; refNo: string | null; docNo: string | null } | null;
  /** The notary's 公证书 with enforcement effect, when there is one. */
  notarial: { officeName: string; refNo: string; execRequested: boolean; execIssued: boolean } | null;
  confirmWindow: { open: boolean; daysLeft: number };
  /** A payment with the debtor's acceptance of enforcement (公证法 Art 37). */
  notarisable: boolean;
};

export type EnforcementRoute = { kind: "court" | "exec_cert" | "pending" | "options"; title: string; lines: string[] };

export const ENFORCEMENT_COURT_RULE = "被执行人住所地或者被执行的财产所在地人民法院（《最高人民法院关于公证债权文书执行若干问题的规定》第二条）";

export function enforcementRoute(f: RouteFacts): EnforcementRoute {
  if (f.ruling || f.status === "confirmed") {
    const court = f.ruling?.courtName ?? "作出裁定的人民法院";
    const which = [f.ruling?.refNo, f.ruling?.docNo ? `核验编号 ${f.ruling.docNo}` : null].filter(Boolean).join("，");
    return {
      kind: "court",
      title: "申请强制执行",
      lines: [
        `本协议已经${court}裁定确认有效${which ? `（民事裁定书 ${which}）` : ""}。`,
        `对方拒绝履行或者未全部履行的，您可以持该民事裁定书向${court}申请强制执行（民事诉讼法第二百零六条、人民调解法第三十三条）。`,
      ],
    };
  }
  if (f.notarial) {
    const n = f.notarial;
    const base = `本协议已由${n.officeName}办理赋强公证（${n.refNo}）。`;
    if (n.execIssued)
      return { kind: "exec_cert", title: "申请强制执行", lines: [base, `执行证书已出具。请持公证书和执行证书向${ENFORCEMENT_COURT_RULE}申请执行（民事诉讼法第二百四十九条）。`] };
    if (n.execRequested) return { kind: "exec_cert", title: "执行证书", lines: [base, "已申请出具执行证书，公证员核实履行情况后出具。"] };
    return {
      kind: "exec_cert",
      title: "申请执行证书",
      lines: [base, `债务人未按期履行，债权人可以请公证处出具执行证书，再持公证书和执行证书向${ENFORCEMENT_COURT_RULE}申请执行。`],
    };
  }
  if (f.status === "confirming")
    return { kind: "pending", title: "司法确认审查中", lines: ["法院裁定确认协议有效后，对方仍不履行的，可以向该法院申请强制执行。"] };
  if (f.status === "notarising")
    return { kind: "pending", title: "赋强公证办理中", lines: ["公证处出具公证书后，对方仍不履行的，债权人可以请公证处出具执行证书，再向法院申请执行。"] };

  const lines: string[] = [];
  if (f.status === "effective" && f.confirmWindow.open)
    lines.push(`申请司法确认：协议生效后30日内（还剩${f.confirmWindow.daysLeft}天），双方可以共同向人民法院申请确认协议有效；确认后对方仍不履行的，可以直接申请强制执行（人民调解法第三十三条）。`);
  if (f.status === "effective" && f.notarisable)
    lines.push("申请赋强公证：本协议约定了给付金钱，且付款方承诺自愿接受强制执行，双方可以共同向公证处申请办理；公证后对方仍不履行的，可以申请执行证书（公证法第三十七条）。");
  if (lines.length) lines.push("以上方式都需要双方共同申请。");
  lines.push("向人民法院起诉：对方不履行调解协议的，您可以向人民法院提起诉讼，要求对方履行（人民调解法第三十二条）。");
  return { kind: "options", title: "对方未按期履行，您可以这样做", lines };
}
