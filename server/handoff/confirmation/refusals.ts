// What courts will not confirm (民诉解释 Art 355), decided from the case's category and the
// agreement's own text. Pure. The rules are deliberately simple, so a party can see why:
//
// - Item 1, outside the courts' civil jurisdiction: 征地拆迁 disputes turn on administrative
//   requisition and compensation decisions (土地管理法 Arts 47-48), which no civil confirmation
//   can settle.
// - Item 3, personal status: the category 婚姻家庭, or an agreement marked as concerning marriage,
//   adoption or inheritance (the flag that also forces wet signatures, 电子签名法 Art 3).
// - Item 5, title to property or IP: only when the agreement's terms themselves speak of deciding
//   title — for 房屋宅基地 / 山林土地 cases, words such as 确权, 所有权, 权属, 使用权归属; in any case, an
//   IP right (知识产权, 专利, 商标, 著作权, 版权) together with 归属/确权/权属 in the same term. A
//   neighbours' agreement about a leaking roof is not a title dispute just because of its category.
import { INTERP_355 } from "./law";

export type RefusalInput = { category: string | null; personalStatus: boolean; terms: string[]; other?: string | null };
export type Refusal = { item: 1 | 3 | 5; reason: string; article: string };

const PROPERTY_CATEGORIES = new Set(["房屋宅基地", "山林土地"]);
const PROPERTY_TITLE = /确权|所有权|权属|使用权归属|使用权归/;
const IP_RIGHT = /知识产权|专利|商标|著作权|版权/;
const IP_TITLE = /归属|确权|权属/;
const ITEM_TEXT = { 1: "第一项", 3: "第三项", 5: "第五项" } as const;

const refusal = (item: 1 | 3 | 5, reason: string): Refusal => ({ item, reason, article: `${INTERP_355}${ITEM_TEXT[item]}` });

export function confirmationRefusal(i: RefusalInput): Refusal | null {
  if (i.category === "征地拆迁")
    return refusal(1, "征地拆迁纠纷涉及行政机关的征收、补偿决定，不属于人民法院受理民事案件的范围，不能申请司法确认；可依法申请行政复议或提起行政诉讼");
  if (i.category === "婚姻家庭" || i.personalStatus)
    return refusal(3, "调解协议涉及婚姻、亲子、收养等身份关系，人民法院不予受理司法确认申请；涉及身份关系的事项应通过诉讼或婚姻登记机关办理");
  const clauses = [...i.terms, ...(i.other ? [i.other] : [])];
  if (i.category && PROPERTY_CATEGORIES.has(i.category) && clauses.some((t) => PROPERTY_TITLE.test(t)))
    return refusal(5, "调解协议内容涉及物权确权（房屋、宅基地、山林、土地的所有权或使用权归属），人民法院不予受理司法确认申请；权属争议可依法申请确权或提起诉讼");
  if (clauses.some((t) => IP_RIGHT.test(t) && IP_TITLE.test(t)))
    return refusal(5, "调解协议内容涉及知识产权确权，人民法院不予受理司法确认申请；权属争议可依法提起诉讼");
  return null;
}
