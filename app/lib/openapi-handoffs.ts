// The answer of GET /api/v1/cases/{caseId}/handoffs: where the case went after mediation (裁) —
// 司法确认, 赋强公证, arbitration or court filing — with the deadlines that run now and the
// documents issued. The route replies through it; openapi-paths.ts documents it (ADR 007).
import { z } from "zod";
import { CASE_STATUSES, PARTY_SIDES } from "./case-enums";
import { DOCUMENT_KINDS, HANDOFF_KINDS, HANDOFF_STATUSES } from "./handoff-enums";

const text = z.string();
const maybe = text.nullable();
const when = z.date().nullable();

const issuedDocumentSchema = z.object({
  docNo: text.meta({ description: "文书核验编号（印在文书二维码旁）" }),
  kind: z.enum(DOCUMENT_KINDS),
  kindText: text.meta({ description: "民事裁定书、公证书、执行证书" }),
  title: text,
  status: text.meta({ description: "核验页显示的文书状态，如 有效" }),
  issuedAt: z.date(),
  verifyUrl: text.meta({ description: "公开核验页地址（与文书二维码相同）" }),
});

export const handoffItemSchema = z.object({
  id: text,
  kind: z.enum(HANDOFF_KINDS).meta({ description: "confirmation 司法确认；notarisation 赋强公证；arbitration 移送仲裁；litigation 移送诉讼（立案）" }),
  kindText: text,
  status: z.enum(HANDOFF_STATUSES).meta({ description: "applying 待各方签署；submitted 已提交待受理；accepted 已受理；decided 已作出决定；declined 不予受理；closed 已关闭" }),
  statusText: text,
  org: z.object({ id: text, name: text, type: text }).meta({ description: "接收机构：人民法院、公证处或仲裁委员会" }),
  basis: text.meta({ description: "该机构有管辖权的依据（法条）" }),
  refNo: maybe.meta({ description: "接收机构的编号：调确字案号、公证书编号或受移送机构的立案号" }),
  createdAt: z.date(),
  submittedAt: when,
  acceptedAt: when,
  decidedAt: when,
  extendedAt: when.meta({ description: "司法确认审查期限延长的时间（延长十日）" }),
  deadline: z
    .object({
      kind: z.enum(["accept", "ruling"]).meta({ description: "accept 法院决定是否受理的期限（三日）；ruling 法院作出裁定的期限（十五日，延长后二十五日）" }),
      label: text,
      due: z.date(),
      tone: z.enum(["ok", "near", "passed"]).meta({ description: "ok 未到期；near 不足一日；passed 已超过" }),
    })
    .nullable()
    .meta({ description: "现在正在计算的期限；没有时为 null" }),
  outcome: maybe.meta({ description: "valid 裁定有效；rejected 裁定驳回；declined 不予受理；issued 出具公证书；refused 不予办理；acknowledged 确认收到；expired 期限届满；withdrawn 撤回；superseded 已改走另一途径" }),
  outcomeText: maybe,
  outcomeGround: maybe.meta({ description: "驳回司法确认申请的理由代码（民诉解释第三百五十八条），如 unclear" }),
  outcomeGroundText: maybe,
  outcomeNote: maybe.meta({ description: "法院、公证处说明的理由" }),
  execRequestedAt: when.meta({ description: "赋强公证：债权人申请出具执行证书的时间" }),
  execIssuedAt: when.meta({ description: "赋强公证：出具执行证书的时间" }),
  applicants: z
    .array(z.object({ partyId: text, side: z.enum(PARTY_SIDES), name: text, signedAt: z.date() }))
    .meta({ description: "共同申请（司法确认、赋强公证）中已签署的当事人；移送为空" }),
  documents: z.array(issuedDocumentSchema).meta({ description: "就此次申请出具的文书" }),
});

export const caseHandoffsSchema = z
  .object({
    caseId: text,
    caseNoText: text,
    status: z.enum(CASE_STATUSES),
    statusText: text,
    agreement: z
      .object({ docNo: text, docNoText: text, effectiveAt: z.date(), verifyUrl: text })
      .nullable()
      .meta({ description: "已生效的调解协议书；没有时为 null" }),
    confirmationWindow: z
      .object({ effectiveAt: z.date(), endsAt: z.date(), open: z.boolean(), daysLeft: z.number().int() })
      .nullable()
      .meta({ description: "协议已生效、尚未向法院或公证处提交申请时：申请司法确认的三十日期限（《人民调解法》第三十三条）；其他情况为 null" }),
    items: z.array(handoffItemSchema).meta({ description: "按创建时间先后排列" }),
  })
  .meta({ id: "CaseHandoffs" });
