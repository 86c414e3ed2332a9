import createClient, { type Client, type Middleware } from "openapi-fetch";

import { LiveEvents, type LiveEventsOptions } from "./events.js";
import { SoukProblem } from "./problem.js";
import type { components, operations, paths } from "./schema.js";

export { LiveEvents, type LiveEvent, type LiveEventsOptions } from "./events.js";
export { SoukProblem, type FieldError, type Problem, type ProblemCode } from "./problem.js";
export type { components, operations, paths };
export type Schemas = components["schemas"];

export interface SoukClientOptions {
  /** The API's base, e.g. `http://localhost:8181/api/v1`. */
  baseUrl: string;
  /** The bearer token, or a function that gives the current one (called for every request). */
  token?: string | (() => string | Promise<string>);
  /** The languages the problems' `detail` should be in (`en`, `fr`, `ar`). */
  acceptLanguage?: string;
  /** Makes an `Idempotency-Key` for a mutating call that brings none (a random UUID by default). */
  idempotencyKey?: () => string;
  /** The fetch to use (the global one by default). */
  fetch?: typeof globalThis.fetch;
}

/** One page of a list paged by cursor: its items and the cursor of the next page (`null` on the last). */
export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

export type SoukClient = Client<paths> & {
  /** Every item of a list paged by cursor, fetching page after page as the iteration goes. */
  each<T>(page: (after: string | undefined) => Promise<CursorPage<T>>): AsyncGenerator<T>;
  /** The caller's live events, reconnecting by itself with a fresh ticket after every drop. */
  events(options?: LiveEventsOptions): LiveEvents;
};

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A client of Souk's REST API, typed from its OpenAPI description: `souk.GET("/orders/{id}", …)` and so on,
 * with the bearer token sent, an `Idempotency-Key` on every mutating call that brings none (to retry a call
 * safely, pass the same key yourself in `params.header`), and every refusal thrown as a {@link SoukProblem}.
 */
export function createSoukClient(options: SoukClientOptions): SoukClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const newKey = options.idempotencyKey ?? (() => globalThis.crypto.randomUUID());
  const token = async (): Promise<string | undefined> =>
    typeof options.token === "function" ? await options.token() : options.token;

  const souk: Middleware = {
    async onRequest({ request }) {
      const bearer = await token();
      if (bearer && !request.headers.has("Authorization")) {
        request.headers.set("Authorization", `Bearer ${bearer}`);
      }
      if (options.acceptLanguage && !request.headers.has("Accept-Language")) {
        request.headers.set("Accept-Language", options.acceptLanguage);
      }
      if (MUTATING.has(request.method) && !request.headers.has("Idempotency-Key")) {
        request.headers.set("Idempotency-Key", newKey());
      }
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) {
        throw await SoukProblem.from(response);
      }
      return response;
    },
  };
  const client = createClient<paths>({ baseUrl, fetch: doFetch });
  client.use(souk);

  async function* each<T>(page: (after: string | undefined) => Promise<CursorPage<T>>): AsyncGenerator<T> {
    let after: string | undefined;
    do {
      const current = await page(after);
      yield* current.items;
      after = current.next ?? undefined;
    } while (after !== undefined);
  }

  function events(eventOptions: LiveEventsOptions = {}): LiveEvents {
    return new LiveEvents(async (lastEventId, signal) => {
      const ticket = ok(await client.POST("/events/tickets", {}));
      const url = new URL(`${baseUrl}/events`);
      url.searchParams.set("ticket", ticket.ticket);
      if (lastEventId !== undefined) {
        url.searchParams.set("lastEventId", lastEventId);
      }
      const response = await doFetch(url, { headers: { Accept: "text/event-stream" }, signal });
      if (!response.ok) {
        throw await SoukProblem.from(response);
      }
      return response;
    }, eventOptions);
  }

  return Object.assign(client, { each, events });
}

/**
 * The data of a call that succeeded. Refusals are thrown before this (as {@link SoukProblem}), so a call
 * without data here is one that answers no body.
 */
export function ok<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${result.response.status} ${result.response.url}: no body`);
  }
  return result.data;
}
