import type { components } from "./schema.js";

type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type ProblemCode = Problem["code"];
export type FieldError = Schemas["FieldError"];
export type Payment = Schemas["Payment"];

/**
 * A refusal of the API, thrown by every call that gets one: the problem's stable `code` to branch on, the
 * offending fields of a bad request in `errors`, and for a declined payment (402) why the gateway declined
 * it (`declineCode`) and the payment as it now stands.
 */
export class SoukProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: FieldError[];
  readonly declineCode: string | undefined;
  readonly payment: Payment | undefined;
  readonly requestId: string | undefined;
  readonly problem: Problem;

  constructor(problem: Problem, extra: { declineCode?: string; payment?: Payment } = {}) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = "SoukProblem";
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
    this.declineCode = extra.declineCode;
    this.payment = extra.payment;
  }

  /** Reads a problem answer; an answer that is not one (a proxy's page, say) becomes one by its status. */
  static async from(response: Response): Promise<SoukProblem> {
    const type = response.headers.get("Content-Type") ?? "";
    if (type.includes("json")) {
      const body: unknown = await response.clone().json().catch(() => undefined);
      if (isPaymentDeclined(body)) {
        return new SoukProblem(body, { declineCode: body.declineCode, payment: body.payment });
      }
      if (isProblem(body)) {
        return new SoukProblem(body);
      }
    }
    const status = response.status;
    const code: ProblemCode = status === 404 ? "http_404" : status === 503 ? "unavailable" : status >= 500 ? "internal" : "http_400";
    return new SoukProblem({ type: "about:blank", code, title: response.statusText || "HTTP " + status, status });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value["code"] === "string" && typeof value["status"] === "number"
    && typeof value["title"] === "string" && typeof value["type"] === "string";
}

/** A 402: the problem with why the gateway declined and the payment (the API's PaymentDeclined schema). */
function isPaymentDeclined(value: unknown): value is Schemas["PaymentDeclined"] {
  if (!isRecord(value)) {
    return false;
  }
  return value["code"] === "payment_declined" && typeof value["declineCode"] === "string"
    && isRecord(value["payment"]) && isProblem(value);
}
