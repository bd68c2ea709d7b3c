import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
/** The request's CSP nonce on the server; empty in the browser, which hides nonces from scripts. */
export const useNonce = () => useContext(NonceContext);
