import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";

import { createSoukClient, ok, SoukProblem, type LiveEvent, type LiveEvents, type Schemas, type SoukClient } from "../src/index.js";
import { token } from "./tokens.js";

/*
 * A marketplace's frontend, written from the API description only: every call typed, no casts. Runs against
 * a node at SOUK_API_URL whose token secret is SOUK_TOKEN_SECRET (the integration tests start one).
 */
const baseUrl = process.env["SOUK_API_URL"] ?? "http://localhost:8181/api/v1";
const secret = process.env["SOUK_TOKEN_SECRET"] ?? "";
const run = randomUUID().slice(0, 8);

function as(user: string, role: "client" | "freelancer" | "admin"): SoukClient {
  return createSoukClient({ baseUrl, token: token(secret, `${user}-${run}`, role) });
}

const freelancer = as("fatima", "freelancer");
let reconnected = 0;
const client = as("omar", "client");

async function newGig(): Promise<Schemas["Gig"]> {
  return ok(await freelancer.POST("/gigs", {
    body: {
      title: "Logo design",
      description: "A memorable logo for your brand",
      packages: [
        { tier: "BASIC", title: "One concept", price: "250.00", deliveryDays: 3, revisions: 1, deliverables: ["PNG logo"] },
        { tier: "STANDARD", title: "Three concepts", price: "600.00", deliveryDays: 5, revisions: 3, deliverables: ["PNG", "SVG"] },
      ],
    },
  }));
}

async function placeOrder(gigId: string, by: SoukClient = client): Promise<Schemas["Order"]> {
  return ok(await by.POST("/orders", { body: { gigId, package: "STANDARD", requirements: "A logo for my cafe" } }));
}

async function pay(orderId: string, cardNumber: string): Promise<Schemas["Payment"]> {
  return ok(await client.POST("/orders/{id}/payment", {
    params: { path: { id: orderId } },
    body: { method: "sandbox.card", details: { cardNumber } },
  }));
}

async function refusal(call: () => Promise<unknown>): Promise<SoukProblem> {
  try {
    await call();
  } catch (error) {
    if (error instanceof SoukProblem) {
      return error;
    }
    throw error;
  }
  assert.fail("the call was not refused");
}

test("an order from gig to review, with live events, messages, the inbox and earnings", { timeout: 120_000 }, async () => {
  const gig = await newGig();
  assert.equal(gig.packages.length, 2);

  // The client listens from the start; one forced drop midway must cost nothing.
  let markOpen: () => void = () => undefined;
  const open = new Promise<void>((resolve) => { markOpen = resolve; });
  const live = client.events({ onOpen: (again) => { if (again) { reconnected++; } else { markOpen(); } } });
  const seen: LiveEvent[] = [];
  const listening = (async () => {
    for await (const event of live) {
      seen.push(event);
    }
  })();
  await open;
  try {
    await journey(gig, live, seen);
  } finally {
    live.close();
    await listening;
  }
});

async function journey(gig: Schemas["Gig"], live: LiveEvents, seen: LiveEvent[]): Promise<void> {

  const order = await placeOrder(gig.id);
  assert.equal(order.status, "PENDING");
  assert.equal(order.stage, null);

  // The first card is declined: a typed problem with why, and the payment left to try again.
  const declined = await refusal(() => pay(order.id, "4000 0000 0000 0002"));
  assert.equal(declined.status, 402);
  assert.equal(declined.code, "payment_declined");
  assert.equal(declined.declineCode, "card_declined");
  assert.equal(declined.payment?.status, "PENDING");
  const paid = await pay(order.id, "4242 4242 4242 4242");
  assert.equal(paid.status, "SUCCESS");
  assert.equal(paid.attempts.length, 2);

  const id = { params: { path: { id: order.id } } };
  assert.equal(ok(await freelancer.POST("/orders/{id}/accept", id)).stage, "IN_PROGRESS");
  live.dropConnection();
  assert.equal(ok(await freelancer.POST("/orders/{id}/deliveries", { ...id, body: { note: "Three concepts attached" } })).stage, "DELIVERED");
  assert.equal(ok(await client.POST("/orders/{id}/revisions", { ...id, body: { note: "Warmer colours, please" } })).stage, "IN_PROGRESS");
  ok(await freelancer.POST("/orders/{id}/deliveries", { ...id, body: { note: "Warmer now" } }));
  const completed = ok(await client.POST("/orders/{id}/complete", id));
  assert.equal(completed.status, "COMPLETED");

  const review = ok(await client.POST("/orders/{id}/review", { ...id, body: { rating: 5, comment: "Lovely work" } }));
  assert.equal(review.rating, 5);
  const replied = ok(await freelancer.POST("/orders/{id}/review/reply", { ...id, body: { reply: "Thank you!" } }));
  assert.equal(replied.reply, "Thank you!");

  // Messages both ways, newest first.
  ok(await client.POST("/orders/{id}/messages", { ...id, body: { body: "Can I get the SVG too?" } }));
  ok(await freelancer.POST("/orders/{id}/messages", { ...id, body: { body: "Sent it along with the PNG." } }));
  const messages = ok(await client.GET("/orders/{id}/messages", id));
  assert.deepEqual(messages.items.map((m) => m.authorRole).sort(), ["CLIENT", "FREELANCER"]);

  // The inbox: what happened, and how much is unread (notifications are delivered a moment after the change).
  let unread = 0;
  await waitFor(async () => (unread = ok(await freelancer.GET("/notifications/unread-count")).unread) >= 5);
  const inbox = ok(await freelancer.GET("/notifications", { params: { query: { unread: true, limit: 100 } } }));
  assert.equal(inbox.total, unread);
  assert.ok(inbox.items.some((n) => n.type === "NEW_ORDER" && n.orderId === order.id), JSON.stringify(inbox.items.map((n) => n.type)));
  ok(await freelancer.POST("/notifications/read-all"));
  assert.equal(ok(await freelancer.GET("/notifications/unread-count")).unread, 0);

  // Every transition of the order reached the client live, once each and in order, despite the drop.
  const expected = ok(await client.GET("/orders/{id}", id)).timeline.map((e) => e.sequence);
  await waitFor(async () => orderEvents(seen, order.id).length >= expected.length);
  assert.ok(reconnected > 0, "the stream was reconnected after the drop");
  assert.deepEqual(orderEvents(seen, order.id), expected);

  // Earnings: a sandbox payment is play money, shown apart and never withdrawn.
  const earnings = ok(await freelancer.GET("/earnings"));
  assert.equal(earnings.balances[0]?.test.amount, "480.00");
  const withdrawal = await refusal(async () => ok(await freelancer.POST("/withdrawals", { body: { amount: "100.00" } })));
  assert.equal(withdrawal.code, "insufficient_funds");
}

test("a cancellation request on a paid order, answered by the other side", { timeout: 60_000 }, async () => {
  const gig = await newGig();
  const order = await placeOrder(gig.id);
  await pay(order.id, "4242424242424242");
  const id = { params: { path: { id: order.id } } };
  ok(await freelancer.POST("/orders/{id}/accept", id));
  const asked = ok(await client.POST("/orders/{id}/cancellation-request", { ...id, body: { reason: "Plans changed" } }));
  assert.equal(asked.status, "OPEN");
  assert.equal(asked.refund?.amount, "600.00");
  const again = await refusal(() => client.POST("/orders/{id}/cancellation-request", { ...id, body: { reason: "Still" } }));
  assert.equal(again.code, "request_already_open");
  const declined = ok(await freelancer.POST("/orders/{id}/cancellation-request/decline", { ...id, body: { note: "Nearly done" } }));
  assert.equal(declined.status, "DECLINED");
});

test("cursor paging through fifty orders, newest first, each once", { timeout: 120_000 }, async () => {
  const gig = await newGig();
  const buyer = as("nadia", "client");
  const placed: string[] = [];
  for (let i = 0; i < 50; i++) {
    placed.push((await placeOrder(gig.id, buyer)).id);
  }
  const listed: string[] = [];
  for await (const summary of buyer.each((after) => buyer.GET("/orders", { params: { query: { limit: 20, after } } }).then(ok))) {
    listed.push(summary.id);
  }
  assert.deepEqual(listed, [...placed].reverse());
});

test("bad input is a typed problem naming the field", async () => {
  const problem = await refusal(() => client.POST("/orders", { body: { gigId: "", package: "STANDARD", requirements: "A logo" } }));
  assert.equal(problem.status, 400);
  assert.equal(problem.code, "validation");
  assert.ok(problem.errors.some((e) => e.field === "gigId"));
});

function orderEvents(events: LiveEvent[], orderId: string): number[] {
  const sequences: number[] = [];
  for (const event of events) {
    if (event.name === "order" && event.data.orderId === orderId) {
      sequences.push(event.data.event.sequence);
    }
  }
  return sequences;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
