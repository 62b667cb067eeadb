export { childrenOf, countyOf, isKnownRegion, isRegionCodeShape, regionName, type Region } from "../../server/triage/regions";
