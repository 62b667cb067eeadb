// The rating form: three scores of 1-5 and an optional comment. One schema for the route (form
// fields arrive as strings) and the service (typed callers, tests, a future API): both parse it.
import { z } from "zod";

export const COMMENT_MAX = 500;

// An unchecked radio group sends nothing; an empty string is the same "not answered".
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

function score(label: string) {
  const out = `“${label}”的评分须为1至5分`;
  return z.preprocess(
    blank,
    z.coerce
      .number({ error: `请为“${label}”打分（1至5分）` })
      .int({ error: out })
      .min(1, { error: out })
      .max(5, { error: out }),
  );
}

export const ratingSchema = z.object({
  mediatorScore: score("调解员"),
  processScore: score("调解过程"),
  outcomeScore: score("调解结果"),
  // Kept exactly as typed (only trimmed): the pages escape it on output, never the store on input.
  comment: z
    .preprocess((v) => (v == null ? undefined : v), z.string({ error: "留言格式不正确" }).optional())
    .transform((s) => (s ?? "").trim())
    // Counted in characters, not UTF-16 units, so an emoji counts once.
    .refine((s) => Array.from(s).length <= COMMENT_MAX, { error: `留言不能超过${COMMENT_MAX}字` })
    .transform((s) => (s.length ? s : null)),
  // Which party the rating is for: needed only when one person acts for several parties.
  partyId: z.preprocess(blank, z.string().trim().max(40).optional()),
});

export type RatingInput = z.input<typeof ratingSchema>;
export type RatingValues = z.output<typeof ratingSchema>;
