// Routes reach server/api through this file (ADR 003, ADR 007): the Remix compiler empties
// *.server modules in the browser build only under app/; under server/ the name does nothing.
export { allowMethods, api, badInput, conflict, contentDisposition, methodNotAllowed, notFound, parseQuery, parseWith, readJson, reply } from "../../server/api/http.server";
export { parseFiling } from "../../server/api/filing.server";
export { consumeLookup } from "../../server/api/lookup-limit.server";
