// The rules of 司法确认 this module applies, cited the same way everywhere (pages, timeline, PDFs),
// so a reader can check each refusal against its source.
export const MEDIATION_LAW_33 = "《中华人民共和国人民调解法》第三十三条";
export const CPL_205 = "《中华人民共和国民事诉讼法》第二百零五条";
export const CPL_206 = "《中华人民共和国民事诉讼法》第二百零六条";
/** 民诉解释 (as numbered in the domain guide): Art 354 package, Art 355 refusals, Art 358 rejection grounds. */
export const SPC_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》";
export const INTERP_355 = `${SPC_INTERPRETATION}第三百五十五条`;
export const INTERP_358 = `${SPC_INTERPRETATION}第三百五十八条`;
/** 法释〔2011〕5号: Art 4 — decide on acceptance within 3 days, 调确字 number; Art 5 — 15 days, +10 once. */
export const CONFIRM_RULES = "《最高人民法院关于人民调解协议司法确认程序的若干规定》";
export const RULES_4 = `${CONFIRM_RULES}第四条`;
export const RULES_5 = `${CONFIRM_RULES}第五条`;
export const RULES_6 = `${CONFIRM_RULES}第六条`;
