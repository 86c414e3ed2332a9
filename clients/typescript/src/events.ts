import type { components } from "./schema.js";

type Schemas = components["schemas"];

/** A live event: its name says the shape of its data (the `x-events` of `GET /events`). */
export type LiveEvent =
  | { name: "notification"; id: string; data: Schemas["Notification"] }
  | { name: "order"; id: string; data: Schemas["OrderChange"] }
  | { name: "reset"; id: string; data: Schemas["StreamNotice"] }
  | { name: "replaced"; id: string; data: Schemas["StreamNotice"] };

export interface LiveEventsOptions {
  /** Where to resume: the id of the last event already seen. */
  lastEventId?: string;
  /** Called each time a stream is open, the first one and every reconnection. */
  onOpen?: (reconnection: boolean) => void;
}

/** What opens one stream: a fresh ticket each time, and the position to resume from. */
export type OpenStream = (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;

/**
 * The caller's live events, as an async iterable that reconnects by itself: after any drop it opens a new
 * stream with a fresh ticket and the id of the last event it delivered, so nothing is missed; what the
 * server sends again after a resumption (its last seconds, at least once) is not delivered twice. It ends when closed, or after a `replaced` event (the server closed this stream for
 * a newer one of the same user).
 */
export class LiveEvents implements AsyncIterable<LiveEvent> {
  private lastEventId: string | undefined;
  private current: AbortController | undefined;
  private closed = false;
  private retryMs = 1000;
  private opened = 0;
  /** What was delivered lately: a resumed stream may repeat the events of its last seconds. */
  private readonly delivered = new Set<string>();

  constructor(private readonly open: OpenStream, private readonly options: LiveEventsOptions = {}) {
    this.lastEventId = options.lastEventId;
  }

  /** The id of the last event delivered: where a new stream resumes. */
  get position(): string | undefined {
    return this.lastEventId;
  }

  /** Drops the current connection, as a network failure would; the iteration reconnects and goes on. */
  dropConnection(): void {
    this.current?.abort();
  }

  close(): void {
    this.closed = true;
    this.current?.abort();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<LiveEvent> {
    while (!this.closed) {
      const connection = new AbortController();
      this.current = connection;
      try {
        const response = await this.open(this.lastEventId, connection.signal);
        if (!response.body) {
          throw new Error("the event stream has no body");
        }
        this.options.onOpen?.(this.opened++ > 0);
        for await (const event of this.read(response.body, connection.signal)) {
          if (event.id !== "") {
            this.lastEventId = event.id;
          }
          if (this.again(event)) {
            continue;
          }
          yield event;
          if (event.name === "replaced") {
            this.closed = true;
          }
        }
      } catch (error) {
        if (!isAbort(error)) {
          if (this.closed) {
            return;
          }
          // A refused reconnection (a ticket the server would not take) is worth a pause, not the end.
        }
      }
      if (!this.closed) {
        await pause(connection.signal.aborted ? 0 : this.retryMs);
      }
    }
  }

  /** Whether the event was delivered already (notifications by id, order transitions by order and sequence). */
  private again(event: LiveEvent): boolean {
    const key = event.name === "notification" ? `n:${event.data.id}`
      : event.name === "order" ? `o:${event.data.orderId}#${event.data.event.sequence}` : undefined;
    if (key === undefined) {
      return false;
    }
    if (this.delivered.has(key)) {
      return true;
    }
    this.delivered.add(key);
    if (this.delivered.size > 10_000) {
      const oldest = this.delivered.values().next().value;
      if (oldest !== undefined) {
        this.delivered.delete(oldest);
      }
    }
    return false;
  }

  /** The events of one stream, parsed as text/event-stream says. */
  private async *read(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<LiveEvent> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let name = "message";
    let id: string | undefined;
    let data: string[] = [];
    try {
      while (!signal.aborted) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        let newline = buffer.search(/\r\n|\r|\n/);
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
          if (line === "") {
            const event = toEvent(name, id, data);
            if (event) {
              yield event;
            }
            name = "message";
            data = [];
          } else if (!line.startsWith(":")) {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "event") {
              name = text;
            } else if (field === "data") {
              data.push(text);
            } else if (field === "id") {
              id = text;
            } else if (field === "retry" && /^\d+$/.test(text)) {
              this.retryMs = Number(text);
            }
          }
          newline = buffer.search(/\r\n|\r|\n/);
        }
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }
}

/** An event of a known name with JSON data; one that ends a stream may come without an id (then ""). */
function toEvent(name: string, id: string | undefined, data: string[]): LiveEvent | undefined {
  if (data.length === 0 || (id === undefined && name !== "replaced")) {
    return undefined;
  }
  const parsed: unknown = JSON.parse(data.join("\n"));
  switch (name) {
    // The data is what the API description says each event carries.
    case "notification":
      return isRecord(parsed) ? { name, id: id ?? "", data: parsed as Schemas["Notification"] } : undefined;
    case "order":
      return isRecord(parsed) ? { name, id: id ?? "", data: parsed as Schemas["OrderChange"] } : undefined;
    case "reset":
    case "replaced":
      return isRecord(parsed) && typeof parsed["reason"] === "string"
        ? { name, id: id ?? "", data: { reason: parsed["reason"] } } : undefined;
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
