import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { ownCertificate } from "~/modules/volunteers/certificate.server";

/** The certificate of volunteering as a PDF download. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    const pdf = await ownCertificate({ ctx });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${ctx.locale === "sl" ? "potrdilo-prostovoljsko-delo" : "volunteering-certificate"}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}
