import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { blankSessionCookie, getAuth, logout } from "~/services/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const auth = getAuth(request);
  if (auth) logout(auth.token, auth.user.id);
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
