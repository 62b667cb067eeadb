// The page the QR code on an agreement opens: is it genuine, what is its status, its SHA-256.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DocumentCard, UploadCheck, uploadedBytes, type VerifyReply } from "~/components/agreement/verify-parts";
import { isAppError } from "~/services/auth.server";
import { lookupDocument, verifyUpload } from "~/services/agreements.server";

export const meta: MetaFunction = () => [{ title: "文书核验 · 云解纷" }, { name: "robots", content: "noindex" }];

function find(docNo: string | undefined) {
  try {
    return lookupDocument(docNo ?? "");
  } catch (e) {
    if (isAppError(e)) throw new Response(e.message, { status: e.status });
    throw e;
  }
}

export async function loader({ params }: LoaderFunctionArgs) {
  return { doc: find(params.docNo) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const doc = find(params.docNo);
  const bytes = await uploadedBytes(request);
  if (typeof bytes === "string") return data<VerifyReply>({ error: bytes }, { status: 400 });
  try {
    return data<VerifyReply>({ verdict: verifyUpload(bytes, doc.docNo) });
  } catch (e) {
    if (isAppError(e)) return data<VerifyReply>({ error: e.message }, { status: e.status });
    throw e;
  }
}

export default function VerifyDocument() {
  const { doc } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as VerifyReply | undefined;
  const nav = useNavigation();
  return (
    <>
      <p>
        <Link to="/verify">← 文书核验</Link>
      </p>
      <h1>文书核验结果</h1>
      <p className="verdict-ok" role="status">
        本平台确有此文书：{doc.title}，状态为"{doc.status}"。如需确认手中的文件未被修改，请在下方上传比对。
      </p>
      <DocumentCard doc={doc} />
      <UploadCheck busy={nav.state !== "idle"} reply={reply} label="核验手中的 PDF 是否为原件" />
    </>
  );
}
