// The OpenAPI document cannot drift from the code: every /api/v1 route file has its path, with
// a GET exactly where the file has a loader and a POST/DELETE exactly where it has an action.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "~/lib/openapi";
import { CASE_ACTION_ENDPOINTS, CASE_LIST_SCOPES } from "~/lib/openapi-schemas";
import { SCOPES } from "../../server/cases/queries";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
// api.v1.$.tsx only answers 404 for unknown paths: it is no operation of its own.
const apiFiles = fs.readdirSync(routesDir).filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f) && !f.startsWith("api.v1.$."));

/** Remix flat-route file name → URL path(s): dots split segments, [..] escapes, $x is {x}. */
function pathsOf(file: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of file.replace(/\.tsx?$/, "")) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const parts = segments
    .filter((s) => s !== "_index")
    .map((s) => {
      // Layouts, optional segments and splats would need more rules here: fail rather than guess.
      if (/^_|_$|^\(|^\$$/.test(s)) throw new Error(`route segment "${s}" in ${file} is not understood by this test`);
      return s.startsWith("$") ? `{${s.slice(1)}}` : s;
    });
  const url = `/${parts.join("/")}`;
  // The one dynamic action route stands for each word of the map it dispatches by.
  if (url.endsWith("/{action}")) return Object.keys(CASE_ACTION_ENDPOINTS).map((w) => url.replace("{action}", w));
  return [url];
}

const doc = openApiDocument();
const documented = doc.paths ?? {};
const WRITE_METHODS = ["post", "put", "patch", "delete"] as const;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with bearer auth applied by default", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it("finds the API's route files", () => {
    expect(apiFiles.length).toBeGreaterThanOrEqual(13);
    expect(pathsOf("api.v1.openapi[.json].tsx")).toEqual(["/api/v1/openapi.json"]);
    expect(pathsOf("api.v1.cases.$caseId.evidence.$evidenceId.tsx")).toEqual(["/api/v1/cases/{caseId}/evidence/{evidenceId}"]);
  });

  it.each(apiFiles)("describes %s with the methods the file handles", async (file) => {
    const mod = (await import(path.join(routesDir, file))) as { loader?: unknown; action?: unknown };
    // A handler that only answers 405 (methodNotAllowed) is not an operation.
    const handles = (h: unknown) => typeof h === "function" && !(h as { methodNotAllowed?: boolean }).methodNotAllowed;
    for (const url of pathsOf(file)) {
      const item = documented[url];
      expect(item, `${url} (${file}) is missing from the OpenAPI document`).toBeDefined();
      expect(!!item?.get, `${url}: GET documented ⇔ the file has a loader`).toBe(handles(mod.loader));
      const writes = WRITE_METHODS.filter((m) => item?.[m]);
      expect(writes.length > 0, `${url}: POST/DELETE documented ⇔ the file has an action`).toBe(handles(mod.action));
    }
  });

  it("documents no path that has no route file", () => {
    const served = new Set(apiFiles.flatMap(pathsOf));
    expect(Object.keys(documented).filter((p) => !served.has(p))).toEqual([]);
  });

  it("gives every operation a unique id, a tag, a Chinese summary and its error answers", () => {
    const ids = new Set<string>();
    for (const [url, item] of Object.entries(documented)) {
      for (const method of ["get", ...WRITE_METHODS] as const) {
        const op = item[method];
        if (!op) continue;
        expect(op.operationId, `${method} ${url}`).toBeTruthy();
        expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        expect(op.tags?.length, `${method} ${url} tags`).toBeGreaterThan(0);
        expect(op.summary, `${method} ${url} summary`).toMatch(/[\u4e00-\u9fa5]/);
        const authenticated = op.security === undefined;
        if (authenticated) expect(Object.keys(op.responses ?? {}), `${method} ${url} documents 401`).toContain("401");
      }
    }
  });

  it("resolves every $ref", () => {
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of new Set(refs)) expect(doc.components?.schemas?.[name], name).toBeDefined();
  });

  it("describes the filing body from the wizard's own schemas", () => {
    const citizen = doc.components?.schemas?.CitizenFiling as { properties: Record<string, { maxLength?: number; enum?: string[] }>; required: string[] };
    expect(citizen.properties.facts.maxLength).toBe(5000);
    expect(citizen.properties.category.enum).toContain("邻里");
    expect(citizen.required).toEqual(expect.arrayContaining(["category", "regionCode", "facts", "claims", "respondents"]));
  });

  it("lists the case-list scopes the service knows", () => {
    expect([...CASE_LIST_SCOPES]).toEqual([...SCOPES]);
  });
});
