// The CSRF origin check is a pure function; these are its cases one by one.
import { describe, expect, it } from "vitest";
import { isSameOriginRequest, type OriginInput } from "../../server/http/origin";

const HOST = "localhost:3000";
const post = (over: Partial<OriginInput> = {}): OriginInput => ({ method: "POST", host: HOST, ...over });

describe("isSameOriginRequest", () => {
  it("always allows safe methods, whatever the origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isSameOriginRequest({ method, origin: "http://evil.example", host: HOST })).toBe(true);
    }
  });

  it("allows a POST from the same origin", () => {
    expect(isSameOriginRequest(post({ origin: "http://localhost:3000" }))).toBe(true);
    expect(isSameOriginRequest({ method: "post", origin: "http://localhost:3000", host: HOST })).toBe(true);
  });

  it("refuses a POST from another origin, including another port of the same host", () => {
    expect(isSameOriginRequest(post({ origin: "http://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "http://localhost:4000" }))).toBe(false);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(isSameOriginRequest({ method, origin: "http://evil.example", host: HOST })).toBe(false);
    }
  });

  it('refuses Origin "null" (sandboxed frames, file: pages)', () => {
    expect(isSameOriginRequest(post({ origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "null", secFetchSite: "same-origin" }))).toBe(false);
  });

  it("refuses an Origin that is not a URL", () => {
    expect(isSameOriginRequest(post({ origin: "://localhost:3000" }))).toBe(false);
  });

  it("lets Origin decide over Sec-Fetch-Site when both are present", () => {
    expect(isSameOriginRequest(post({ origin: "http://evil.example", secFetchSite: "same-origin" }))).toBe(false);
  });

  it("without Origin, trusts Sec-Fetch-Site same-origin or none and refuses cross-site and same-site", () => {
    expect(isSameOriginRequest(post({ secFetchSite: "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(post({ secFetchSite: "none" }))).toBe(true);
    expect(isSameOriginRequest(post({ secFetchSite: "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(post({ secFetchSite: "same-site" }))).toBe(false);
  });

  it("refuses a POST with neither header", () => {
    expect(isSameOriginRequest(post())).toBe(false);
    expect(isSameOriginRequest({ method: "POST" })).toBe(false);
    expect(isSameOriginRequest(post({ origin: null, secFetchSite: null }))).toBe(false);
  });

  it("allows a Bearer-token client from anywhere, but no other Authorization scheme", () => {
    expect(isSameOriginRequest(post({ authorization: "Bearer abc" }))).toBe(true);
    expect(isSameOriginRequest(post({ authorization: "Bearer abc", origin: "http://evil.example" }))).toBe(true);
    expect(isSameOriginRequest(post({ authorization: "Basic YTpi" }))).toBe(false);
    expect(isSameOriginRequest(post({ authorization: "bearer abc" }))).toBe(false);
  });

  it("accepts the public APP_ORIGIN behind a proxy, where Host is the internal address", () => {
    const behindProxy = post({ origin: "https://jiefen.example.cn", host: "127.0.0.1:3000" });
    expect(isSameOriginRequest(behindProxy)).toBe(false);
    expect(isSameOriginRequest(behindProxy, "https://jiefen.example.cn")).toBe(true);
    expect(isSameOriginRequest(behindProxy, "https://jiefen.example.cn/some/path")).toBe(true);
    expect(isSameOriginRequest(post({ origin: "http://jiefen.example.cn", host: "127.0.0.1:3000" }), "https://jiefen.example.cn")).toBe(false);
    expect(isSameOriginRequest(post({ origin: "https://evil.example", host: "127.0.0.1:3000" }), "https://jiefen.example.cn")).toBe(false);
  });
});
