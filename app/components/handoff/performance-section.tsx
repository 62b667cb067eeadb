// The case page's 履行 and 赋强公证 panels, behind one line on the page.
import type { FulfilmentSection } from "~/services/performance.server";
import { NotarisationPanel } from "./notarisation-panel";
import { PerformancePanel } from "./performance-panel";

export function PerformanceSection({ caseId, data }: { caseId: string; data: FulfilmentSection | null }) {
  if (!data) return null;
  return (
    <>
      {data.performance ? <PerformancePanel caseId={caseId} data={data.performance} /> : null}
      {data.notarisation ? <NotarisationPanel caseId={caseId} data={data.notarisation} isDebtor={!!data.performance?.isDebtor} /> : null}
    </>
  );
}
