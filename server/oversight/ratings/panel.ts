// The case page's rating panel. Only for someone who rates for a party, and only with that party's
// own rating: the other side's rating never reaches this loader (nor any other a party can open).
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { ratings } from "../../../db/schema";
import type { CaseView } from "../../cases/access";
import { check } from "../../cases/state-machine";
import { COMMENT_MAX } from "./schema";
import { actsFor, sideWord } from "./sides";

export function ratingPanel(view: CaseView) {
  const mine = view.parties.filter((p) => actsFor(p, view.user.id));
  if (mine.length === 0) return null;
  const open = check("rate", view.row.status, view.roles).ok;
  const given = getDb()
    .select()
    .from(ratings)
    .where(and(eq(ratings.caseId, view.row.id), inArray(ratings.partyId, mine.map((p) => p.id))))
    .all();
  if (!open && given.length === 0) return null;
  return {
    caseId: view.row.id,
    commentMax: COMMENT_MAX,
    // An agent acting for two parties rates for each; the form then names whom it is for.
    several: mine.length > 1,
    entries: mine.map((p) => {
      const r = given.find((g) => g.partyId === p.id);
      return {
        partyId: p.id,
        who: `${sideWord(p)}${p.name}`,
        rating: r ? { mediatorScore: r.mediatorScore, processScore: r.processScore, outcomeScore: r.outcomeScore, comment: r.comment, createdAt: r.createdAt } : null,
        canRate: open && !r,
      };
    }),
  };
}

export type RatingPanelData = NonNullable<ReturnType<typeof ratingPanel>>;
