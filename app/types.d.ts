import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Per-request CSP nonce for Remix's inline scripts. */
    nonce: string;
    /** Client IP (honours TRUST_PROXY), for login throttling and the audit log. */
    ip: string;
  }
}

declare module "@remix-run/node" {
  // Single fetch: loader/action types unwrap `data()` for useLoaderData/useActionData.
  interface Future {
    v3_singleFetch: true;
  }
}
