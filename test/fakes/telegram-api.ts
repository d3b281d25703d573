/**
 * A small fake of the Telegram Bot API on 127.0.0.1 for end-to-end tests: the real bot
 * long-polls it (getUpdates honours offset and timeout), tests inject updates as users
 * would send them, and every call the bot makes is recorded. It checks what Telegram
 * checks where a bug could hide: HTML that Telegram would refuse, messages over 4096
 * characters, callback data over 64 bytes.
 *
 * Sends can be made slow (slowSends), as a congested Bot API is.
 *
 * Like Telegram, it answers getUpdates with 409 Conflict while another process polls the
 * token (otherPollerStarts) or a webhook is set; with a webhook set (setWebhook), it POSTs
 * each update to the webhook's URL with its secret token, as Telegram does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Form, multipartBoundary, parseMultipart, pngSize, type UploadedFile } from "./multipart.ts";

/** A token in Telegram's format; never valid anywhere. */
export const TEST_TOKEN = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** One API call as the fake saw it. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** The HTTP status the fake answered with (200, or 400/429 … when it refused; 0 when it hung up). */
  status: number;
  /** What it returned on success (the sent Message, true, …). */
  result?: unknown;
}

/** A chat as Telegram describes it in updates. */
export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  first_name?: string;
}

/** A user as Telegram describes it in updates. */
export interface FakeUser {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
}

type Json = Record<string, unknown>;

/** The tags this bot may use in Telegram HTML. */
const ALLOWED_TAGS = new Set(["b", "i", "u", "s", "code", "pre", "a", "blockquote"]);
const TOKEN_PATTERN =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|[<>&]/g;
const NAMED_ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"' };

/**
 * Checks text for Telegram's HTML parse mode: only the allowed tags, balanced and
 * properly nested, and every <, > and & outside a tag written as an entity. Returns what
 * is wrong, or null when Telegram would accept it.
 */
export function checkTelegramHtml(html: string): string | null {
  const open: string[] = [];
  for (const m of html.matchAll(TOKEN_PATTERN)) {
    const [token, closing, rawName] = m;
    if (rawName === undefined) {
      if (token === "<" || token === ">" || token === "&") return `unescaped "${token}" at ${m.index}`;
      if (token.startsWith("&") && !(token in NAMED_ENTITIES) && !token.startsWith("&#")) {
        return `unknown entity ${token} at ${m.index}`;
      }
      continue;
    }
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return `tag <${name}> is not allowed (at ${m.index})`;
    if (closing) {
      const top = open.pop();
      if (top !== name) return `</${name}> closes <${top ?? "nothing"}> at ${m.index}`;
    } else {
      open.push(name);
    }
  }
  return open.length > 0 ? `unclosed <${open.join(">, <")}>` : null;
}

/** The text a user sees: tags dropped, entities decoded (in one pass: "&amp;#65;" shows as "&#65;"). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:lt|gt|amp|quot);|&#(x?)([0-9a-fA-F]+);/g, (entity, hex?: string, digits?: string) =>
      digits === undefined
        ? (NAMED_ENTITIES[entity] ?? entity)
        : String.fromCodePoint(Number.parseInt(digits, hex ? 16 : 10)),
    );
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Json,
  ) {
    super(description);
  }
}

function asRecord(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Refuses text Telegram would refuse: empty, over 4096 characters, or bad HTML. */
function checkText(text: unknown, parseMode: unknown): string {
  if (typeof text !== "string" || text.trim() === "")
    throw new Refusal(400, "Bad Request: message text is empty");
  if (parseMode === "HTML") {
    const problem = checkTelegramHtml(text);
    if (problem) throw new Refusal(400, `Bad Request: can't parse entities: ${problem}`);
  }
  const shown = parseMode === "HTML" ? visibleText(text) : text;
  if (shown.length > 4096) throw new Refusal(400, "Bad Request: message is too long");
  return shown;
}

/** Refuses buttons whose callback_data Telegram would refuse (empty or over 64 bytes). */
function checkKeyboard(markup: unknown): void {
  for (const row of asArray(asRecord(markup).inline_keyboard)) {
    for (const button of asArray(row)) {
      const data = asRecord(button).callback_data;
      if (data === undefined) continue;
      if (typeof data !== "string" || data === "" || Buffer.byteLength(data, "utf8") > 64) {
        throw new Refusal(400, "Bad Request: BUTTON_DATA_INVALID");
      }
    }
  }
}

/** The longest a getUpdates call is held, whatever timeout it asks for. */
const MAX_HOLD_MS = 30_000;

/** A fake Bot API server; start it with FakeTelegramApi.start(). */
export class FakeTelegramApi {
  /** Every call, in the order it arrived (getUpdates included); none when started with keepCalls false. */
  readonly calls: RecordedCall[] = [];
  /** What getMe says. */
  readonly me = {
    id: 987654321,
    is_bot: true,
    first_name: "Report Bot",
    username: "ReportTestBot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  private updates: (Json & { update_id: number })[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  /** Long polls waiting for updates: `send` hands them out, `conflict` ends them with a 409. */
  private readonly heldPolls = new Set<{ send: () => void; conflict: () => void }>();
  /** Whether "another process" is polling the token now. */
  private otherPolling = false;
  private webhook: { url: string; secret: string | undefined; allowedUpdates: unknown } | null = null;
  /** Each POST of an update to the webhook, with the status the bot answered (0: no answer). */
  readonly webhookDeliveries: { updateId: number; status: number }[] = [];
  private readonly deliveriesInFlight = new Set<number>();
  private readonly onCall = new Set<() => void>();
  private readonly failures = new Map<string, number[]>();
  private readonly drops = new Set<string>();
  /** How long sendMessage takes to answer (see slowSends). */
  private sendDelayMs = 0;
  private readonly refusals = new Map<string, number[]>();
  private readonly menus = new Map<string, unknown[]>();
  private readonly members = new Map<string, string>();
  private readonly closedChats = new Map<
    string,
    { status: number; description: string; parameters?: Json }
  >();
  private readonly observers = new Set<(call: RecordedCall, receivedAt: number) => void>();
  // When the body of the request being handled was read (performance.now()): after that the
  // handling is synchronous up to record(), so the observers get the arrival time, not the
  // time the fake spent checking the message.
  private receivedAt = 0;
  private readonly handOutObservers = new Set<(update: Json & { update_id: number }) => void>();
  private handedOutUpTo = 0;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    private readonly keepCalls: boolean,
  ) {}

  /**
   * Starts the fake on 127.0.0.1 on a free port. With `keepCalls: false` (benchmarks) calls
   * reach the observers only and are not kept in `calls`, which `waitFor` and `callsTo` read:
   * over a long run the history would grow by every message the bot sent, and with it the
   * work of this process's garbage collector, which shares the machine with the bot measured.
   */
  static async start(token = TEST_TOKEN, options: { keepCalls?: boolean } = {}): Promise<FakeTelegramApi> {
    const server = createServer();
    const fake = new FakeTelegramApi(server, token, options.keepCalls ?? true);
    server.on("request", (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** The value for grammY's client.apiRoot (no trailing slash). */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues an update (its id is assigned here) and wakes a waiting getUpdates. */
  pushUpdate(update: Json): number {
    const updateId = this.nextUpdateId++;
    this.updates.push({ ...update, update_id: updateId });
    for (const poll of [...this.heldPolls]) poll.send();
    this.deliverToWebhook();
    return updateId;
  }

  /**
   * A user writes `text` in `chat`, as a reply to message `replyTo` if given (the bot's unless
   * `from` says whose); returns the message's and the update's id. A mention of the bot comes
   * with its entity, as Telegram sends it.
   */
  sendText(
    chat: FakeChat,
    from: FakeUser,
    text: string,
    replyTo?: { messageId: number; from?: FakeUser },
  ): { messageId: number; updateId: number } {
    const messageId = this.nextMessageId++;
    const mention = `@${this.me.username}`;
    const at = text.toLowerCase().indexOf(mention.toLowerCase());
    const message: Json = { message_id: messageId, date: now(), chat, from, text };
    if (at >= 0) message.entities = [{ type: "mention", offset: at, length: mention.length }];
    if (replyTo !== undefined) {
      message.reply_to_message = {
        message_id: replyTo.messageId,
        date: now(),
        chat,
        from: replyTo.from ?? this.me,
        text: "…",
      };
    }
    const updateId = this.pushUpdate({ message });
    return { messageId, updateId };
  }

  /** An admin posts `text` in a channel; returns the post's id. */
  postToChannel(chat: FakeChat, text: string): number {
    const messageId = this.nextMessageId++;
    this.pushUpdate({ channel_post: { message_id: messageId, date: now(), chat, sender_chat: chat, text } });
    return messageId;
  }

  /** A user presses a button with `data` under the bot's message `messageId`; returns the query id. */
  pressButton(chat: FakeChat, from: FakeUser, messageId: number, data: string): string {
    const id = `cb${this.nextUpdateId}`;
    const message = { message_id: messageId, date: now(), chat, from: this.me, text: "…" };
    this.pushUpdate({ callback_query: { id, from, message, chat_instance: `ci${chat.id}`, data } });
    return id;
  }

  /** A user types "@bot query" in any chat; returns the query id. */
  inlineQuery(from: FakeUser, query: string, offset = ""): string {
    const id = `iq${this.nextUpdateId}`;
    this.pushUpdate({ inline_query: { id, from, query, offset, chat_type: "sender" } });
    return id;
  }

  /** The next `times` calls to `method` fail with 429 and the given retry_after. */
  failNext(method: string, retryAfterSeconds = 1, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(retryAfterSeconds);
    this.failures.set(method, queue);
  }

  /** The next `times` calls to `method` are refused with `status` (a server error by default). */
  refuseNext(method: string, status = 500, times = 1): void {
    const queue = this.refusals.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(status);
    this.refusals.set(method, queue);
  }

  /**
   * Another process starts polling the token: from now on the bot's long poll is ended
   * with 409 Conflict, and so is every getUpdates it sends, until the returned function
   * stops the other process.
   */
  otherPollerStarts(): () => void {
    this.otherPolling = true;
    for (const poll of [...this.heldPolls]) poll.conflict();
    return () => {
      this.otherPolling = false;
    };
  }

  /** The webhook set with setWebhook, or null (long polling). */
  get webhookSet(): { url: string; secret: string | undefined; allowedUpdates: unknown } | null {
    return this.webhook;
  }

  /**
   * sendMessage answers only after `ms` from now on. The message counts as delivered when
   * the request arrives (it is recorded then), as Telegram has a message it was sent whether
   * or not the sender lives to read the answer.
   */
  slowSends(ms: number): void {
    this.sendDelayMs = ms;
  }

  /** The next call to `method` gets no answer: the connection is cut (grammY throws an HttpError). */
  dropNext(method: string): void {
    this.drops.add(method);
  }

  /**
   * Calls `listener` with every call as it is recorded, and the time (performance.now()) its
   * request had arrived, before any waiter sees it (for the benchmarks, which time each
   * reply); returns a function that stops the calls.
   */
  observe(listener: (call: RecordedCall, receivedAt: number) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** Calls `listener` with each update when getUpdates first hands it out; returns a function that stops it. */
  observeHandOut(listener: (update: Json & { update_id: number }) => void): () => void {
    this.handOutObservers.add(listener);
    return () => this.handOutObservers.delete(listener);
  }

  /** What getChatMember says of the user in the chat from now on (default "member"). */
  setMemberStatus(
    chat: FakeChat,
    user: FakeUser,
    status: "creator" | "administrator" | "member" | "left",
  ): void {
    this.members.set(`${chat.id}:${user.id}`, status);
  }

  /**
   * Every sendMessage to the chat is refused from now on, as Telegram refuses a chat that
   * blocked or kicked the bot (403), no longer exists (400 chat not found), or became a
   * supergroup (400 with parameters.migrate_to_chat_id).
   */
  closeChat(chatId: number, status: number, description: string, parameters?: Json): void {
    this.closedChats.set(String(chatId), { status, description, ...(parameters ? { parameters } : {}) });
  }

  /** The calls to one method. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call matching `predicate` (maybe one already made); rejects after the timeout. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 15_000): Promise<RecordedCall> {
    return this.until(() => this.calls.find(predicate), timeoutMs);
  }

  /** Resolves once `count` calls match `predicate`, with those calls. */
  waitForCount(
    predicate: (call: RecordedCall) => boolean,
    count: number,
    timeoutMs = 15_000,
  ): Promise<RecordedCall[]> {
    return this.until(() => {
      const matches = this.calls.filter(predicate);
      return matches.length >= count ? matches : undefined;
    }, timeoutMs);
  }

  /** Answers held polls and closes every connection. */
  async close(): Promise<void> {
    this.webhook = null;
    for (const poll of [...this.heldPolls]) poll.send();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = probe();
        if (hit === undefined) return;
        finish();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.calls
          .filter((c) => c.method !== "getUpdates")
          .slice(-10)
          .map((c) => `${c.method} ${c.status} ${JSON.stringify(c.payload).slice(0, 200)}`);
        reject(new Error(`no such call within ${timeoutMs} ms; the last calls were:\n${seen.join("\n")}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.onCall.delete(check);
      };
      this.onCall.add(check);
    });
  }

  private record(method: string, payload: Json, status: number, result?: unknown): RecordedCall {
    const call = { method, payload, status, ...(result === undefined ? {} : { result }) };
    if (this.keepCalls) this.calls.push(call);
    for (const observer of this.observers) observer(call, this.receivedAt);
    for (const listener of [...this.onCall]) listener();
    return call;
  }

  /**
   * POSTs each queued update to the webhook, one request per update as Telegram does; an
   * update the bot accepted (2xx) is done, any other answer leaves it queued for the next try.
   */
  private deliverToWebhook(): void {
    const hook = this.webhook;
    if (!hook) return;
    for (const update of this.updates) {
      if (this.deliveriesInFlight.has(update.update_id)) continue;
      this.deliveriesInFlight.add(update.update_id);
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (hook.secret !== undefined) headers["x-telegram-bot-api-secret-token"] = hook.secret;
      fetch(hook.url, { method: "POST", headers, body: JSON.stringify(update) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0)
        .then((status) => {
          this.deliveriesInFlight.delete(update.update_id);
          this.webhookDeliveries.push({ updateId: update.update_id, status });
          if (status >= 200 && status < 300) {
            this.updates = this.updates.filter((u) => u.update_id !== update.update_id);
          }
          for (const listener of [...this.onCall]) listener();
        });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.receivedAt = performance.now();
    const raw = Buffer.concat(chunks);
    const body = raw.toString("utf8");
    const boundary = multipartBoundary(req.headers);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match) {
      reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const [, token = "", method = ""] = match;
    let payload: Json;
    try {
      if (boundary) payload = formPayload(parseMultipart(raw, boundary));
      else payload = body === "" ? {} : asRecord(JSON.parse(body));
    } catch {
      this.record(method, {}, 400);
      reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid request body" });
      return;
    }
    if (token !== this.token) {
      this.record(method, payload, 401);
      reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    if (this.drops.delete(method)) {
      this.record(method, payload, 0);
      req.socket.destroy();
      return;
    }
    const refused = this.refusals.get(method)?.shift();
    if (refused !== undefined) {
      this.record(method, payload, refused);
      reply(res, refused, { ok: false, error_code: refused, description: "Internal Server Error" });
      return;
    }
    const retryAfter = this.failures.get(method)?.shift();
    if (retryAfter !== undefined) {
      this.record(method, payload, 429);
      reply(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
      return;
    }
    if (method === "getUpdates") {
      if (this.webhook) {
        this.record(method, payload, 409);
        conflict(
          res,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
        return;
      }
      if (this.otherPolling) {
        this.record(method, payload, 409);
        conflict(res, OTHER_POLLER);
        return;
      }
      this.poll(this.record(method, payload, 200), payload, res);
      return;
    }
    try {
      const result = this.result(method, payload);
      this.record(method, payload, 200, result);
      const delay = method === "sendMessage" ? this.sendDelayMs : 0;
      const answer = () => {
        if (!res.destroyed) reply(res, 200, { ok: true, result });
      };
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, String(error));
      this.record(method, payload, refusal.status);
      reply(res, refusal.status, {
        ok: false,
        error_code: refusal.status,
        description: refusal.description,
        ...(refusal.parameters ? { parameters: refusal.parameters } : {}),
      });
    }
  }

  /**
   * getUpdates: confirms updates below offset, then answers at once or holds until one
   * comes; a poll held when another process starts polling ends with 409 (recorded so).
   */
  private poll(call: RecordedCall, payload: Json, res: ServerResponse): void {
    const offset = typeof payload.offset === "number" ? payload.offset : 0;
    const limit = typeof payload.limit === "number" ? payload.limit : 100;
    const timeoutS = typeof payload.timeout === "number" ? payload.timeout : 0;
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const handOut = () => {
      const batch = this.updates.slice(0, limit);
      for (const update of batch) {
        if (update.update_id <= this.handedOutUpTo) continue;
        this.handedOutUpTo = update.update_id;
        for (const observer of this.handOutObservers) observer(update);
      }
      reply(res, 200, { ok: true, result: batch });
    };
    const end = (answer: () => void) => {
      this.heldPolls.delete(held);
      clearTimeout(timer);
      if (!res.writableEnded && !res.destroyed) answer();
    };
    const held = {
      send: () => end(handOut),
      conflict: () =>
        end(() => {
          call.status = 409;
          conflict(res, OTHER_POLLER);
        }),
    };
    if (this.updates.length > 0 || timeoutS <= 0) {
      handOut();
      return;
    }
    const timer = setTimeout(held.send, Math.min(timeoutS * 1000, MAX_HOLD_MS));
    this.heldPolls.add(held);
    res.on("close", () => {
      this.heldPolls.delete(held);
      clearTimeout(timer);
    });
  }

  private result(method: string, p: Json): unknown {
    switch (method) {
      case "getMe":
        return this.me;
      case "setWebhook": {
        if (typeof p.url !== "string" || p.url === "")
          throw new Refusal(400, "Bad Request: bad webhook: URL is empty");
        const secret = typeof p.secret_token === "string" ? p.secret_token : undefined;
        this.webhook = { url: p.url, secret, allowedUpdates: p.allowed_updates };
        // Updates queued while nobody took them go to the new webhook.
        setImmediate(() => this.deliverToWebhook());
        return true;
      }
      case "deleteWebhook":
        this.webhook = null;
        return true;
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: 0 };
      case "sendChatAction":
      case "answerCallbackQuery":
        return true;
      case "sendMessage": {
        const closed = this.closedChats.get(String(p.chat_id));
        if (closed) throw new Refusal(closed.status, closed.description, closed.parameters);
        checkKeyboard(p.reply_markup);
        const text = checkText(p.text, p.parse_mode);
        return {
          message_id: this.nextMessageId++,
          date: now(),
          chat: { id: p.chat_id, type: "private" },
          text,
        };
      }
      case "editMessageText": {
        checkKeyboard(p.reply_markup);
        const text = checkText(p.text, p.parse_mode);
        return { message_id: p.message_id, date: now(), chat: { id: p.chat_id, type: "private" }, text };
      }
      case "sendPhoto": {
        checkKeyboard(p.reply_markup);
        const photo = checkPhoto(p.photo);
        if (p.caption !== undefined && (typeof p.caption !== "string" || p.caption.length > 1024)) {
          throw new Refusal(400, "Bad Request: message caption is too long");
        }
        return {
          message_id: this.nextMessageId++,
          date: now(),
          chat: { id: p.chat_id, type: "private" },
          photo: [
            { file_id: `photo${this.nextMessageId}`, file_unique_id: `u${this.nextMessageId}`, ...photo },
          ],
          ...(p.caption === undefined ? {} : { caption: p.caption }),
        };
      }
      case "answerInlineQuery": {
        const results = asArray(p.results);
        if (results.length > 50) throw new Refusal(400, "Bad Request: RESULTS_TOO_MUCH");
        for (const r of results.map(asRecord)) {
          if (typeof r.id !== "string" || Buffer.byteLength(r.id) > 64) {
            throw new Refusal(400, "Bad Request: RESULT_ID_INVALID");
          }
          const content = asRecord(r.input_message_content);
          checkText(content.message_text, content.parse_mode);
        }
        return true;
      }
      case "setMyCommands":
        this.menus.set(String(p.language_code ?? ""), asArray(p.commands));
        return true;
      case "getMyCommands":
        return this.menus.get(String(p.language_code ?? "")) ?? [];
      case "getChatMember": {
        const status = this.members.get(`${String(p.chat_id)}:${String(p.user_id)}`) ?? "member";
        return { status, user: { id: p.user_id, is_bot: false, first_name: "User" } };
      }
      default:
        throw new Refusal(404, "Not Found: method not found");
    }
  }
}

/**
 * A form as the payload Telegram reads from it: values that are JSON (numbers, objects)
 * decoded, and attach://name replaced by the file sent under that name.
 */
function formPayload(form: Form): Json {
  const payload: Json = {};
  for (const [name, value] of form.fields) {
    const attached = value.startsWith("attach://") ? value.slice("attach://".length) : null;
    if (attached !== null) {
      payload[name] = form.files.find((f) => f.field === attached) ?? value;
      continue;
    }
    try {
      const decoded: unknown = JSON.parse(value);
      payload[name] = typeof decoded === "string" ? value : decoded;
    } catch {
      payload[name] = value;
    }
  }
  return payload;
}

/** Refuses a photo Telegram would refuse: no file, not an image, or sides beyond its limits. */
function checkPhoto(photo: unknown): { width: number; height: number; file_size: number } {
  const file = photo as UploadedFile | undefined;
  if (!file || !Buffer.isBuffer(file.data))
    throw new Refusal(400, "Bad Request: there is no photo in the request");
  const size = pngSize(file.data);
  if (!size) throw new Refusal(400, "Bad Request: IMAGE_PROCESS_FAILED");
  const { width, height } = size;
  if (width + height > 10_000 || Math.max(width, height) / Math.min(width, height) > 20) {
    throw new Refusal(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
  }
  if (file.data.length > 10 * 1024 * 1024) throw new Refusal(400, "Bad Request: file is too big");
  return { width, height, file_size: file.data.length };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** What Telegram tells the older of two pollers of one token. */
const OTHER_POLLER =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

function conflict(res: ServerResponse, description: string): void {
  reply(res, 409, { ok: false, error_code: 409, description });
}

function reply(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
