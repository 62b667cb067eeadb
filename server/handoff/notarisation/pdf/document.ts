// What the notarial PDFs need, resolved to text and dates: rendering does no database work.

export type PartyLine = {
  role: string; // 申请人（债权人）, 被执行人（债务人）…
  name: string;
  /** One sentence of identity: 男，1990年5月15日出生，公民身份号码…，住址… */
  details: string;
};

export type ScheduleRow = { seq: number; dueDate: string; amountFen: number; note?: string };

type Common = {
  refNo: string; // （2026）云昆春证字第1号
  docNo: string; // the verification key printed beside the QR code
  officeName: string;
  notaryName: string;
  issuedAt: Date;
  verifyUrl: string;
};

export type NotarialCertificateDocument = Common & {
  parties: PartyLine[];
  creditor: string;
  debtor: string;
  agreement: { title: string; docNo: string; orgName: string; effectiveAt: Date; pdfSha256: string | null };
  appliedAt: Date;
  totalFen: number;
  method: string;
  schedule: ScheduleRow[];
  enforcementSentence: string;
};

export type ExecutionCertificateDocument = Common & {
  creditor: PartyLine;
  debtor: PartyLine;
  certificate: { refNo: string; issuedAt: Date };
  agreement: { title: string; docNo: string };
  requestedAt: Date;
  paid: ScheduleRow[];
  overdue: ScheduleRow[];
  notYetDue: ScheduleRow[];
  note: string | null; // what the notary found when checking with the debtor
};
