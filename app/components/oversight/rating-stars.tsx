// A 1-5 score as five real radio buttons with labels: arrow keys move between them, Space picks
// one, and each label is a large target (at least 48 px, scaling with the large-text mode) for
// older users on phones. The stars are decoration; the label says the score in words.
import { useState } from "react";

/** The three things a party rates, in the order the form asks them. */
export const SCORE_ASPECTS = [
  { name: "mediatorScore", label: "调解员", question: "您对调解员的工作是否满意？" },
  { name: "processScore", label: "调解过程", question: "您对调解过程（沟通、安排、公正）是否满意？" },
  { name: "outcomeScore", label: "调解结果", question: "您对调解结果是否满意？" },
] as const;
export type ScoreName = (typeof SCORE_ASPECTS)[number]["name"];

export const SCORE_WORDS = ["", "非常不满意", "不满意", "一般", "满意", "非常满意"] as const;

export function Stars({ n }: { n: number }) {
  return (
    <span aria-hidden="true" style={{ color: "#9a6700", letterSpacing: ".05em" }}>
      {"★".repeat(n)}
      <span style={{ color: "#c9d1d9" }}>{"★".repeat(5 - n)}</span>
    </span>
  );
}

export function ScoreField({ id, name, legend, error }: { id: string; name: ScoreName; legend: string; error?: string }) {
  const [picked, setPicked] = useState<number | null>(null);
  const errorId = `${id}-error`;
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="row" style={{ gap: ".5rem" }}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            style={{
              display: "inline-flex",
              alignItems: "center",
              gap: ".5rem",
              minHeight: "3rem",
              padding: ".5rem .75rem",
              border: `2px solid ${picked === n ? "var(--c-primary)" : "var(--c-border)"}`,
              borderRadius: "var(--radius)",
              background: picked === n ? "#e7f0fa" : "#fff",
              fontSize: "1.05rem",
              cursor: "pointer",
            }}
          >
            <input type="radio" id={`${id}-${n}`} name={name} value={n} required onChange={() => setPicked(n)} style={{ width: "1.5rem", height: "1.5rem", margin: 0 }} />
            <Stars n={n} />
            <span>
              {n}分 {SCORE_WORDS[n]}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
