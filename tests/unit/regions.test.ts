import { describe, expect, it } from "vitest";
import { loader } from "~/routes/api.v1.regions";
import { childrenOf, countyOf, isKnownRegion, isRegionCodeShape, regionName } from "../../server/triage/regions";

describe("childrenOf", () => {
  it("lists the provinces for null", () => {
    const provinces = childrenOf(null);
    expect(provinces).toHaveLength(31); // the mainland's 31 provincial-level divisions
    expect(provinces).toContainEqual({ code: "53", name: "云南省" });
    expect(provinces).toContainEqual({ code: "11", name: "北京市" });
    expect(childrenOf("")).toEqual(provinces);
  });

  it("walks 云南省 → 昆明市 → 五华区 → 华山街道", () => {
    expect(childrenOf("53")).toContainEqual({ code: "5301", name: "昆明市" });
    const kunming = childrenOf("5301");
    expect(kunming).toEqual(expect.arrayContaining([
      { code: "530102", name: "五华区" },
      { code: "530103", name: "盘龙区" },
      { code: "530111", name: "官渡区" },
    ]));
    expect(kunming.every((r) => r.code.startsWith("5301") && r.code.length === 6)).toBe(true);
    const wuhua = childrenOf("530102");
    expect(wuhua).toContainEqual({ code: "530102001", name: "华山街道" });
    expect(wuhua).toContainEqual({ code: "530102002", name: "护国街道" });
    expect(wuhua.every((r) => r.code.startsWith("530102") && r.code.length === 9)).toBe(true);
  });

  it("has nothing below a street (villages are not served)", () => {
    expect(childrenOf("530102001")).toEqual([]);
  });

  it("gives municipalities whatever city level the data has", () => {
    expect(childrenOf("11")).toEqual([{ code: "1101", name: "市辖区" }]);
    expect(childrenOf("1101")).toContainEqual({ code: "110105", name: "朝阳区" });
  });

  it("returns nothing for unknown or malformed codes", () => {
    expect(childrenOf("99")).toEqual([]);
    expect(childrenOf("5399")).toEqual([]);
    expect(childrenOf("530199")).toEqual([]);
    expect(childrenOf("abc")).toEqual([]);
    expect(childrenOf("53010")).toEqual([]);
  });

  it("hands out copies: callers cannot corrupt the index", () => {
    childrenOf("5301").length = 0;
    expect(childrenOf("5301").length).toBeGreaterThan(10);
  });
});

describe("regionName", () => {
  it.each([
    ["53", "云南省"],
    ["5301", "云南省昆明市"],
    ["530102", "云南省昆明市五华区"],
    ["530102001", "云南省昆明市五华区华山街道"],
    ["110105", "北京市朝阳区"], // not 北京市市辖区朝阳区
    ["500229", "重庆市城口县"], // not 重庆市县城口县
    ["429004", "湖北省仙桃市"], // not 湖北省省直辖县级行政区划仙桃市
    ["441900", "广东省东莞市"], // a city without counties lists itself once
  ])("%s → %s", (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it("returns null for unknown codes", () => {
    expect(regionName("530199")).toBeNull();
    expect(regionName("530102999")).toBeNull();
    expect(regionName("530102001007")).toBeNull();
    expect(regionName("")).toBeNull();
    expect(regionName("五华区")).toBeNull();
  });
});

describe("isKnownRegion, isRegionCodeShape, countyOf", () => {
  it("knows real codes at every level", () => {
    for (const code of ["53", "5301", "530102", "530102001"]) expect(isKnownRegion(code)).toBe(true);
  });
  it("rejects unknown and malformed codes", () => {
    for (const code of ["00", "5399", "530199", "530102999", "530102001007", "5301020", "", " 530102"]) expect(isKnownRegion(code)).toBe(false);
  });
  it("checks shapes only", () => {
    expect(["53", "5301", "530102", "530102999"].every(isRegionCodeShape)).toBe(true);
    expect(["5", "530", "53010", "5301020", "530102001007", "53a1", ""].some(isRegionCodeShape)).toBe(false);
  });
  it("finds the county of a finer code", () => {
    expect(countyOf("530102")).toBe("530102");
    expect(countyOf("530102001")).toBe("530102");
    expect(countyOf("530102001007")).toBe("530102");
    expect(countyOf("5301")).toBeNull();
    expect(countyOf("999999001")).toBeNull();
  });
});

describe("GET /api/v1/regions", () => {
  const get = (query: string) =>
    loader({ request: new Request(`http://localhost/api/v1/regions${query}`), params: {}, context: { nonce: "", ip: "127.0.0.1" } }) as Promise<Response>;

  it("lists provinces without a parent, cacheable for a day", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const body = await res.json();
    expect(body.items).toContainEqual({ code: "53", name: "云南省" });
  });

  it("lists the children of a parent", async () => {
    const body = await (await get("?parent=530102")).json();
    expect(body.items).toContainEqual({ code: "530102001", name: "华山街道" });
  });

  it("answers an unknown but well-formed code with an empty list", async () => {
    const res = await get("?parent=530199");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
  });

  it.each(["abc", "53010", "5301020010", "53%2001"])("refuses a malformed code (%s) with a Chinese message", async (parent) => {
    const res = await get(`?parent=${parent}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain("行政区划代码格式不正确");
  });
});
