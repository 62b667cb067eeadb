// The case page's one entry for 履行 and 赋强公证: both panels' data, or null when neither applies.
import type { CaseView } from "../../cases/access";
import { notarisationPanel } from "../notarisation/panel";
import { performancePanel } from "./panel";

export function fulfilmentSection(view: CaseView, now = new Date()) {
  const performance = performancePanel(view, now);
  const notarisation = notarisationPanel(view, now);
  return performance || notarisation ? { performance, notarisation } : null;
}
export type FulfilmentSection = NonNullable<ReturnType<typeof fulfilmentSection>>;
