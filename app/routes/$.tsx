import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "errorPage.notFound.title");

export function loader() {
  throw json({ messageKey: "errors.notFound" }, { status: 404 });
}

export function action() {
  throw json({ messageKey: "errors.notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary };
