// 文书核验: anyone checks a document by its number (as printed or typed) or by uploading the PDF.
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { UploadCheck, uploadedBytes, type VerifyReply } from "~/components/agreement/verify-parts";
import { isAppError } from "~/services/auth.server";
import { parseDocNo, verifyUpload } from "~/services/agreements.server";

export const meta: MetaFunction = () => [{ title: "文书核验 · 云解纷" }];

export async function loader({ request }: { request: Request }) {
  const q = new URL(request.url).searchParams.get("docNo");
  if (q !== null) {
    const docNo = parseDocNo(q);
    if (docNo) throw redirect(`/verify/${docNo}`);
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const bytes = await uploadedBytes(request);
  if (typeof bytes === "string") return data<VerifyReply>({ error: bytes }, { status: 400 });
  try {
    return data<VerifyReply>({ verdict: verifyUpload(bytes, null) });
  } catch (e) {
    if (isAppError(e)) return data<VerifyReply>({ error: e.message }, { status: e.status });
    throw e;
  }
}

export default function VerifyIndex() {
  const reply = useActionData<typeof action>() as VerifyReply | undefined;
  const nav = useNavigation();
  const [params] = useSearchParams();
  const bad = params.get("docNo") !== null;
  return (
    <>
      <h1>文书核验</h1>
      <p>扫描调解协议书、裁定书、公证书上的二维码可直接核验；也可以输入文书上的核验编号，或上传 PDF 文件核验是否为本平台签发的原件。</p>
      <section className="card" aria-labelledby="no-title">
        <h2 id="no-title">按核验编号查询</h2>
        <Form method="get" className="form">
          <div className="field">
            <label htmlFor="docNo">核验编号或协议文书编号</label>
            <input id="docNo" name="docNo" defaultValue={params.get("docNo") ?? ""} placeholder="如 XY2026000123 或 云解纷协〔2026〕000123号" aria-invalid={bad || undefined} aria-describedby={bad ? "docNo-error" : undefined} required />
            {bad ? (
              <p id="docNo-error" className="error" role="alert">
                编号格式不正确：核验编号为两个字母加十位数字，如 XY2026000123
              </p>
            ) : null}
          </div>
          <button className="btn" type="submit">
            查询
          </button>
        </Form>
      </section>
      <UploadCheck busy={nav.state !== "idle"} reply={reply} label="上传 PDF 核验" />
    </>
  );
}
