import { createContext, useContext } from "react";

// The server renders with the request's CSP nonce; the browser hides the attribute, so the
// client renders with an empty string, which React accepts during hydration.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
