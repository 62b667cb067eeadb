// The demo world: Kunming's 五华/盘龙/官渡 districts with mediation organisations at every level,
// a court, a notary office, arbitration, a 矛调中心 and people in each. Idempotent: it looks
// organisations up by name and people by phone, so running it twice changes nothing.
import { and, eq, inArray } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { residentIdCheckChar } from "../app/lib/id-checks";
import type { MembershipRole, OrgLevel, OrgType, Role, Sector } from "../app/lib/roles";
import type { Category } from "../app/lib/categories";
import { ensureOrgCertificates } from "../server/agreements/certs";
import { hashPassword } from "../server/auth/password";
import { getEnv } from "../server/env";
import { createId } from "../server/lib/ids";
import { getDb, closeDb, type Db } from "./client";
import { memberships, organisations, users } from "./schema";

export const DEMO_PASSWORD = "Demo2026";

type OrgSeed = {
  name: string;
  type: OrgType;
  level?: OrgLevel;
  regionCode: string;
  areaCode?: string;
  parent?: string;
  categories?: Category[];
  sector?: Sector;
  tags?: string[];
  charges?: boolean;
  feeNote?: string;
  address: string;
  phone: string;
};

const ALL_BUT_STATUS: Category[] = ["邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "劳动争议", "消费", "物业", "借贷", "其他"];

export const DEMO_ORGS: OrgSeed[] = [
  { name: "五华区人民调解委员会", type: "people_committee", level: "county", regionCode: "530102", address: "昆明市五华区人民中路", phone: "0871-63600001" },
  { name: "五华区调解协会人民调解委员会", type: "people_committee", level: "county", regionCode: "530102", parent: "五华区人民调解委员会", tags: ["lawyer_referral"], address: "昆明市五华区东风西路", phone: "0871-63600002" },
  { name: "华山街道人民调解委员会", type: "people_committee", level: "street", regionCode: "530102", areaCode: "530102001", parent: "五华区人民调解委员会", address: "昆明市五华区华山街道", phone: "0871-63600011" },
  { name: "护国街道人民调解委员会", type: "people_committee", level: "street", regionCode: "530102", areaCode: "530102002", parent: "五华区人民调解委员会", address: "昆明市五华区护国街道", phone: "0871-63600012" },
  { name: "翠湖社区人民调解委员会", type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102001007", parent: "华山街道人民调解委员会", categories: ["邻里", "婚姻家庭", "物业", "房屋宅基地", "其他"], address: "昆明市五华区翠湖社区居委会", phone: "0871-63600101" },
  { name: "文林社区人民调解委员会", type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102001013", parent: "华山街道人民调解委员会", categories: ["邻里", "婚姻家庭", "物业", "其他"], address: "昆明市五华区文林街", phone: "0871-63600102" },
  { name: "威远街社区人民调解委员会", type: "people_committee", level: "village", regionCode: "530102", areaCode: "530102002001", parent: "护国街道人民调解委员会", categories: ["邻里", "婚姻家庭", "物业", "其他"], address: "昆明市五华区威远街", phone: "0871-63600103" },
  { name: "盘龙区人民调解委员会", type: "people_committee", level: "county", regionCode: "530103", address: "昆明市盘龙区", phone: "0871-63600201" },
  { name: "拓东街道人民调解委员会", type: "people_committee", level: "street", regionCode: "530103", areaCode: "530103001", parent: "盘龙区人民调解委员会", address: "昆明市盘龙区拓东街道", phone: "0871-63600211" },
  { name: "官渡区人民调解委员会", type: "people_committee", level: "county", regionCode: "530111", address: "昆明市官渡区", phone: "0871-63600301" },
  { name: "关上街道人民调解委员会", type: "people_committee", level: "street", regionCode: "530111", areaCode: "530111001", parent: "官渡区人民调解委员会", address: "昆明市官渡区关上街道", phone: "0871-63600311" },
  { name: "五华区医疗纠纷人民调解委员会", type: "people_committee", level: "county", regionCode: "530102", sector: "medical", categories: ["医疗"], address: "昆明市五华区卫生健康局", phone: "0871-63600401" },
  { name: "五华交警大队道路交通事故调解室", type: "administrative", regionCode: "530102", sector: "traffic", categories: ["道路交通事故"], address: "昆明市公安局交通管理支队五华大队", phone: "0871-63600501" },
  { name: "五华区市场监管局消费纠纷调解室", type: "administrative", regionCode: "530102", sector: "consumer", categories: ["消费"], address: "昆明市五华区市场监督管理局", phone: "0871-63600502" },
  { name: "五华区劳动人事争议调解中心", type: "administrative", regionCode: "530102", sector: "labour", categories: ["劳动争议"], address: "昆明市五华区人力资源和社会保障局", phone: "0871-63600503" },
  { name: "五华区人民法院特邀调解工作室", type: "court_invited", regionCode: "530102", parent: "昆明市五华区人民法院", address: "昆明市五华区人民法院诉讼服务中心", phone: "0871-63600601" },
  { name: "云岭律师事务所律师调解工作室", type: "lawyer_studio", regionCode: "530102", categories: ALL_BUT_STATUS, charges: true, feeNote: "按争议金额的1%收取，最低200元、最高3000元；调解不成不收费", address: "昆明市五华区北京路", phone: "0871-63600701" },
  { name: "昆明市五华区人民法院", type: "court", regionCode: "530102", address: "昆明市五华区", phone: "0871-63600801" },
  { name: "昆明市盘龙区人民法院", type: "court", regionCode: "530103", address: "昆明市盘龙区", phone: "0871-63600802" },
  { name: "昆明市春城公证处", type: "notary_office", regionCode: "530102", address: "昆明市五华区青年路", phone: "0871-63600901" },
  { name: "五华区劳动人事争议仲裁委员会", type: "arbitration", regionCode: "530102", sector: "labour", categories: ["劳动争议"], address: "昆明市五华区人力资源和社会保障局", phone: "0871-63601001" },
  { name: "五华区社会治理综合服务中心（矛调中心）", type: "dispatch_center", regionCode: "530102", address: "昆明市五华区", phone: "0871-63601101" },
  // A commercial arbitration commission: failed contract cases whose parties agreed to arbitrate go here (仲裁法 Arts 4-6).
  { name: "昆明仲裁委员会", type: "arbitration", regionCode: "530102", address: "昆明市五华区崇仁街", phone: "0871-63601002" },
];

type PersonSeed = { name: string; phone: string; role: Role; birth: string; sex: "m" | "f"; org?: string; orgRole?: MembershipRole };

export const DEMO_PEOPLE: PersonSeed[] = [
  { name: "平台管理员", phone: "13800000000", role: "admin", birth: "19850101", sex: "m" },
  { name: "赵敏", phone: "13800000010", role: "dispatcher", birth: "19880312", sex: "f", org: "五华区社会治理综合服务中心（矛调中心）", orgRole: "member" },
  { name: "李桂芬", phone: "13800000101", role: "mediator", birth: "19650709", sex: "f", org: "翠湖社区人民调解委员会", orgRole: "head" },
  { name: "王建国", phone: "13800000102", role: "mediator", birth: "19700215", sex: "m", org: "华山街道人民调解委员会", orgRole: "head" },
  { name: "张丽", phone: "13800000103", role: "mediator", birth: "19780820", sex: "f", org: "五华区人民调解委员会", orgRole: "head" },
  { name: "刘强", phone: "13800000104", role: "mediator", birth: "19820505", sex: "m", org: "五华交警大队道路交通事故调解室", orgRole: "member" },
  { name: "陈静", phone: "13800000105", role: "mediator", birth: "19750918", sex: "f", org: "五华区人民法院特邀调解工作室", orgRole: "member" },
  { name: "杨帆", phone: "13800000106", role: "mediator", birth: "19860101", sex: "m", org: "云岭律师事务所律师调解工作室", orgRole: "member" },
  { name: "周文", phone: "13800000107", role: "mediator", birth: "19720606", sex: "m", org: "五华区医疗纠纷人民调解委员会", orgRole: "member" },
  { name: "孙磊", phone: "13800000108", role: "mediator", birth: "19800404", sex: "m", org: "五华区劳动人事争议调解中心", orgRole: "member" },
  { name: "马丽", phone: "13800000109", role: "mediator", birth: "19890909", sex: "f", org: "五华区市场监管局消费纠纷调解室", orgRole: "member" },
  { name: "黄海", phone: "13800000110", role: "mediator", birth: "19680303", sex: "m", org: "五华区调解协会人民调解委员会", orgRole: "head" },
  { name: "何志远", phone: "13800000201", role: "lawyer", birth: "19830722", sex: "m", org: "云岭律师事务所律师调解工作室", orgRole: "head" },
  { name: "林晓", phone: "13800000301", role: "judge", birth: "19810111", sex: "f", org: "昆明市五华区人民法院", orgRole: "member" },
  { name: "吴敏", phone: "13800000401", role: "notary", birth: "19790613", sex: "f", org: "昆明市春城公证处", orgRole: "member" },
  { name: "郑涛", phone: "13800000501", role: "arbitrator", birth: "19770827", sex: "m", org: "五华区劳动人事争议仲裁委员会", orgRole: "member" },
  { name: "李明", phone: "13900000001", role: "party", birth: "19900515", sex: "m" },
  { name: "王芳", phone: "13900000002", role: "party", birth: "19920830", sex: "f" },
  { name: "赵大伟", phone: "13900000003", role: "party", birth: "19751120", sex: "m" },
  { name: "钱秀英", phone: "13900000004", role: "party", birth: "19500301", sex: "f" },
  // Appended, so that everyone above keeps their 身份证 number (it depends on the position).
  { name: "孔雯", phone: "13800000502", role: "arbitrator", birth: "19840219", sex: "f", org: "昆明仲裁委员会", orgRole: "member" },
  { name: "周岚", phone: "13800000302", role: "judge", birth: "19830405", sex: "f", org: "昆明市盘龙区人民法院", orgRole: "member" },
];

/** A valid 身份证 number for a demo person: region 530102, the birth date, a sequence by sex. */
export function demoIdNumber(birth: string, index: number, sex: "m" | "f"): string {
  const seq = 100 + index * 2 + (sex === "m" ? 1 : 0); // odd = male, even = female (GB 11643)
  const first17 = `530102${birth}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

export async function seed(db: Db = getDb()): Promise<{ orgs: number; users: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: argon2 is deliberately slow
  let newOrgs = 0;
  let newUsers = 0;
  db.transaction((tx) => {
    const orgId = (name: string) => tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()?.id;
    // Parents first: a second pass fills parent links once every organisation exists.
    for (const o of DEMO_ORGS) {
      if (orgId(o.name)) continue;
      tx.insert(organisations)
        .values({
          id: createId(),
          name: o.name,
          type: o.type,
          level: o.level ?? null,
          regionCode: o.regionCode,
          areaCode: o.areaCode ?? null,
          categories: o.categories ?? [],
          sector: o.sector ?? null,
          tags: o.tags ?? [],
          charges: o.charges ?? false,
          feeNote: o.feeNote ?? null,
          address: o.address,
          phone: o.phone,
        })
        .run();
      newOrgs++;
    }
    for (const o of DEMO_ORGS) {
      if (!o.parent) continue;
      tx.update(organisations).set({ parentId: orgId(o.parent)! }).where(eq(organisations.name, o.name)).run();
    }
    DEMO_PEOPLE.forEach((p, i) => {
      let user = tx.select({ id: users.id }).from(users).where(eq(users.phone, p.phone)).get();
      if (!user) {
        user = { id: createId() };
        tx.insert(users)
          .values({ id: user.id, name: p.name, phone: p.phone, idNumber: demoIdNumber(p.birth, i, p.sex), passwordHash, role: p.role })
          .run();
        newUsers++;
      }
      if (p.org) {
        const oid = orgId(p.org)!;
        const has = tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.userId, user.id), eq(memberships.orgId, oid)))
          .get();
        if (!has) tx.insert(memberships).values({ id: createId(), userId: user.id, orgId: oid, role: p.orgRole ?? "member" }).run();
      }
    });
  });
  // Each organisation's seal certificate (ADR 012): generated the first time, then left alone.
  // Not under test: every test file seeds a fresh world in its own DATA_DIR, and 22 RSA keys cost
  // seconds each time; sealing generates a missing certificate on first use anyway.
  if (getEnv().NODE_ENV !== "test") {
    const seeded = db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, DEMO_ORGS.map((o) => o.name))).all();
    await ensureOrgCertificates(seeded);
  }
  return { orgs: newOrgs, users: newUsers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await seed();
  console.log(`演示数据已就绪：新增 ${r.orgs} 个机构、${r.users} 个账号（已存在的保持不变）。演示密码 ${DEMO_PASSWORD}`);
  // `npm run demo` also wants cases to look at; tests start from an empty docket.
  if (process.env.SEED_DEMO_CASES === "1") {
    const { seedDemoCases } = await import("./demo-cases");
    const n = await seedDemoCases();
    console.log(n ? `已创建 ${n} 个演示案件（含一份已生效的调解协议）。` : "演示案件已存在，未重复创建。");
  }
  closeDb();
}
