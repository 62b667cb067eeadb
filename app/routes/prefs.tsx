import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { largeTextCookie } from "~/lib/prefs";
import { safeRedirect } from "~/lib/safe-redirect";

// Open to visitors too: elderly users need large text before they can even log in.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const on = form.get("largeText") === "on";
  return redirect(safeRedirect(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": largeTextCookie(on) },
  });
}

export async function loader() {
  return redirect("/");
}
