import PDFDocument from "pdfkit";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import { translator, intlLocale, type Locale } from "../../i18n/i18n";
import type { Ctx } from "../core/services.server";
import { conflict } from "../errors";
import { requireVolunteer } from "./access.server";
import { organizationName } from "./coordinator-views.server";
import { ledgerOf, type LedgerSummary } from "./hours.server";

const require = createRequire(import.meta.url);
// DejaVu covers č, š, ž and the other Central European letters the PDF standard fonts lack.
const fontRegular = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const fontBold = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export interface CertificateData {
  organization: string;
  name: string;
  ledger: LedgerSummary;
  issuedOn: Date;
  locale: Locale;
}

/** Renders the certificate of volunteering (potrdilo o opravljenem prostovoljskem delu) as a PDF. */
export function renderCertificate(data: CertificateData): Promise<Buffer> {
  const t = translator(data.locale);
  const number = new Intl.NumberFormat(intlLocale[data.locale], { maximumFractionDigits: 2 });
  const date = (iso: string) => DateTime.fromISO(iso).setLocale(intlLocale[data.locale]).toFormat("d. M. yyyy");
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: t("volunteers:certificate.title"), Author: data.organization } });
  doc.registerFont("regular", fontRegular);
  doc.registerFont("bold", fontBold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc.font("bold").fontSize(11).fillColor("#1c5e52").text(data.organization);
  doc.moveDown(2);
  doc.font("bold").fontSize(20).fillColor("#111827").text(t("volunteers:certificate.title"));
  doc.moveDown();
  const period = data.ledger.firstDate && data.ledger.lastDate ? `${date(data.ledger.firstDate)} – ${date(data.ledger.lastDate)}` : "—";
  doc.font("regular").fontSize(12).text(t("volunteers:certificate.statement", { name: data.name, organization: data.organization, period, hours: number.format(data.ledger.total) }), { lineGap: 4 });
  doc.moveDown();
  doc.font("bold").text(t("volunteers:certificate.byType"));
  for (const type of ["organisational", "content", "other"] as const) {
    doc.font("regular").text(`${t(`volunteers:zprost.${type}`)}: ${number.format(data.ledger.byType[type])} h`);
  }
  doc.moveDown();
  doc.font("bold").text(t("volunteers:certificate.byMonth"));
  for (const { month, hours } of data.ledger.byMonth) {
    doc.font("regular").text(`${DateTime.fromISO(`${month}-01`).setLocale(intlLocale[data.locale]).toFormat("LLLL yyyy")}: ${number.format(hours)} h`);
  }
  doc.moveDown(3);
  doc.text(t("volunteers:certificate.issued", { date: DateTime.fromJSDate(data.issuedOn).setZone("Europe/Ljubljana").setLocale(intlLocale[data.locale]).toFormat("d. M. yyyy") }));
  doc.moveDown(3);
  doc.text("______________________________");
  doc.text(t("volunteers:certificate.signature"));
  doc.end();
  return done;
}

/** The signed-in volunteer's own certificate, from their hours ledger. */
export async function ownCertificate({ ctx }: { ctx: Ctx }) {
  const { user, profile } = requireVolunteer(ctx);
  if (!profile) throw conflict("volunteers:errors.noApplication");
  const ledger = ledgerOf(ctx.services.db, user.id, profile.organizationId);
  return renderCertificate({ organization: organizationName(ctx, profile.organizationId), name: `${user.firstName} ${user.lastName}`, ledger, issuedOn: ctx.now, locale: ctx.locale });
}
