// Signing: get a code on one's own phone, draw a signature (mouse, finger or stylus), submit both.
// signature_pad is loaded only when this form is on screen, so no other page pays for it.
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type SignaturePad from "signature_pad";
import { SignCodeRow } from "~/components/sign-code-row";

type CodeReply = { intent: string; error?: string; done?: string; sentTo?: string };

function useSignaturePad(canvas: React.RefObject<HTMLCanvasElement>) {
  const pad = useRef<SignaturePad | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    let cleanup = () => {};
    void import("signature_pad").then(({ default: Pad }) => {
      const el = canvas.current;
      if (!live || !el) return;
      // Size the bitmap to the element and the screen's density, or strokes come out blurred.
      const resize = () => {
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        const data = pad.current?.toData();
        el.width = el.offsetWidth * ratio;
        el.height = el.offsetHeight * ratio;
        el.getContext("2d")?.scale(ratio, ratio);
        pad.current?.clear();
        if (data) pad.current?.fromData(data);
      };
      pad.current = new Pad(el, { penColor: "#111", minWidth: 1, maxWidth: 3 });
      resize();
      window.addEventListener("resize", resize);
      cleanup = () => window.removeEventListener("resize", resize);
      setReady(true);
    });
    return () => {
      live = false;
      cleanup();
      pad.current?.off();
    };
  }, [canvas]);
  return { pad, ready };
}

export function SignForm({ version, signers, busy, error }: { version: number; signers: string[]; busy: boolean; error?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { pad, ready } = useSignaturePad(canvas);
  const [padError, setPadError] = useState<string | null>(null);
  const code = useFetcher<CodeReply>();
  return (
    <section className="card" aria-labelledby="sign-title">
      <h2 id="sign-title">签署调解协议（第{version}版）</h2>
      <p>
        您将以 <strong>{signers.join("、")}</strong> 的身份签署。请先完整阅读上方协议内容；签署后即表示您同意协议的全部条款。
      </p>
      <SignCodeRow code={code} />
      <Form
        method="post"
        className="form"
        onSubmit={(e) => {
          const p = pad.current;
          if (!p || p.isEmpty()) {
            e.preventDefault();
            setPadError("请在签名框内手写签名");
            return;
          }
          setPadError(null);
          const input = e.currentTarget.elements.namedItem("signature") as HTMLInputElement;
          input.value = p.toDataURL("image/png");
        }}
      >
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="signature" />
        <div className="field">
          <label htmlFor="code">短信验证码</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required />
        </div>
        <div className="field">
          <span id="pad-label">手写签名（请用手指、手写笔或鼠标签写您的姓名）</span>
          <canvas ref={canvas} className="signature-box" role="img" aria-labelledby="pad-label" tabIndex={0} />
          <div className="row">
            <button type="button" className="btn btn-ghost" onClick={() => pad.current?.clear()} disabled={!ready}>
              清除重写
            </button>
          </div>
          {padError ? (
            <p className="error" role="alert">
              {padError}
            </p>
          ) : null}
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="btn" type="submit" disabled={busy || !ready}>
          {busy ? "正在签署…" : "确认签署"}
        </button>
      </Form>
    </section>
  );
}
