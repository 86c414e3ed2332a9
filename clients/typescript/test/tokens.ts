import { createHmac } from "node:crypto";

/**
 * A development token, signed as the node's identity service would (HS256 with the node's secret): the
 * tests run against a node whose secret they know, and mint one token per user and role.
 */
export function token(secret: string, userId: string, role: "client" | "freelancer" | "admin"): string {
  const encode = (json: object): string => Buffer.from(JSON.stringify(json)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub: userId, role, iss: "souk", iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}
