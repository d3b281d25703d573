/**
 * A fake Discord for end-to-end tests, on one 127.0.0.1 port: the REST routes discord.js uses
 * (under /api/v10) and the gateway (HELLO; IDENTIFY → READY + GUILD_CREATE; heartbeat ACKs;
 * RESUME → RESUMED). Every REST call and gateway payload is recorded. Tests inject
 * interactions, wait for what the bot sent, and drop the socket to test resuming.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIInteractionResponse,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionType,
  PermissionFlagsBits,
} from "discord.js";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { multipartBoundary, parseMultipart, type UploadedFile } from "./multipart.ts";

/** A bot token in Discord's shape (so log redaction has something real to mask); valid nowhere. */
export const DISCORD_TEST_TOKEN = "MTMwMDAwMDAwMDAwMDAwMDAw.GfAkEx.loopback-test-token-not-a-secret-000000";

/** One REST request as the bot sent it (path without /api/v10). */
export interface RestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
  /** Files sent with it (attachments), when the body was multipart; its JSON is then `body`. */
  files: UploadedFile[];
}

/** One gateway payload the bot sent. */
export interface GatewayPayload {
  op: number;
  d: unknown;
}

/** Where and how an injected interaction happens. */
export interface InteractionSetup {
  /** A Discord locale such as zh-CN or en-US (default zh-CN). */
  locale?: string;
  /** In a DM instead of the server channel. */
  dm?: boolean;
  /** The member's permissions in the channel (default: none). */
  permissions?: bigint;
  /** In a public thread of the server channel instead of the channel itself. */
  thread?: boolean;
  /** Who interacts (default: the fake's one user); see newUser(). */
  user?: APIUser;
}

interface Session {
  id: string;
  sequence: number;
}

const HEARTBEAT_MS = 41_250;
const WAIT_MS = 10_000;

/** A request's JSON (from `payload_json` when it came with files) and its files. */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array));
  const raw = Buffer.concat(chunks);
  const boundary = multipartBoundary(req.headers);
  if (boundary) {
    const form = parseMultipart(raw, boundary);
    return { body: parseJson(form.fields.get("payload_json") ?? ""), files: form.files };
  }
  return { body: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function optionType(value: string | number): ApplicationCommandOptionType {
  if (typeof value === "number") return ApplicationCommandOptionType.Integer;
  return ApplicationCommandOptionType.String;
}

/** JSON through a replacer: how Discord drops fields from what it stores or returns. */
function rewrite(value: unknown, drop: (key: string, value: unknown) => boolean): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (drop(key, v) ? undefined : v)));
}

export class FakeDiscord {
  /** Every REST call, in order. */
  readonly calls: RestCall[] = [];
  /** Every gateway payload received, in order. */
  readonly received: GatewayPayload[] = [];

  private snowflakes = 1_300_000_000_000_000_000n;
  readonly applicationId = this.snowflake();
  readonly guildId = this.snowflake();
  readonly channelId = this.snowflake();
  readonly dmChannelId = this.snowflake();
  readonly threadId = this.snowflake();
  readonly botUser: APIUser = {
    id: this.applicationId,
    username: "report-bot",
    discriminator: "0000",
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly user: APIUser = {
    id: this.snowflake(),
    username: "reader",
    discriminator: "0",
    global_name: "Reader",
    avatar: null,
  };

  private readonly events = new EventEmitter();
  private readonly observers = new Set<(call: RestCall) => void>();
  private readonly sessions = new Map<string, Session>();
  /** Open gateway sockets in connection order, with the session each one carries. */
  private readonly live = new Map<WebSocket, Session | null>();
  /** REST calls to refuse: method, path and the status to answer with, used up in order. */
  private readonly refusals: { method: string; path: RegExp; status: number }[] = [];
  /** Registered commands by scope ("global" or a guild id), as Discord stores them. */
  private readonly commands = new Map<string, unknown[]>();
  /** Channels that refuse messages: the HTTP status and Discord's JSON error. */
  private readonly closedChannels = new Map<string, [number, { message: string; code: number }]>();

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port);
    server.on("request", (req, res) => void fake.onRequest(req, res));
    wss.on("connection", (socket) => fake.onConnection(socket));
    return fake;
  }

  /** The REST root to give discord.js (`rest.api`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** A new 19-digit snowflake id. */
  snowflake(): string {
    this.snowflakes += 1n;
    return this.snowflakes.toString();
  }

  /**
   * Resolves with the first value `find` returns, checked now and after every recorded call or
   * payload; rejects when nothing turned up within the timeout (a generous one: no assertion
   * here is about time).
   */
  waitFor<T>(what: string, find: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
    const events = this.events;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off("record", check);
        reject(new Error(`fake discord: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      function check(): void {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        events.off("record", check);
        resolve(found);
      }
      events.on("record", check);
      check();
    });
  }

  /**
   * Calls `listener` with every REST call as it arrives, body read (for the benchmarks, which
   * time each response); returns a function that stops the calls.
   */
  observe(listener: (call: RestCall) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** The REST calls matching a method and a path pattern. */
  callsTo(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** The response the bot gave an interaction (POST /interactions/:id/:token/callback). */
  async response(interactionId: string): Promise<APIInteractionResponse> {
    const prefix = `/interactions/${interactionId}/`;
    const call = await this.waitFor(`response to interaction ${interactionId}`, () =>
      this.calls.find((c) => c.method === "POST" && c.path.startsWith(prefix)),
    );
    return call.body as APIInteractionResponse;
  }

  /** Sends a slash command; returns the interaction id. */
  injectCommand(
    name: string,
    options: Record<string, string | number>,
    setup: InteractionSetup = {},
  ): string {
    return this.inject(setup, InteractionType.ApplicationCommand, {
      data: {
        id: this.snowflake(),
        name,
        type: ApplicationCommandType.ChatInput,
        options: Object.entries(options).map(([option, value]) => ({
          name: option,
          type: optionType(value),
          value,
        })),
      },
    });
  }

  /** Sends an autocomplete request for one option as typed so far; returns the interaction id. */
  injectAutocomplete(name: string, option: string, typed: string, setup: InteractionSetup = {}): string {
    return this.inject(setup, InteractionType.ApplicationCommandAutocomplete, {
      data: {
        id: this.snowflake(),
        name,
        type: ApplicationCommandType.ChatInput,
        options: [{ name: option, type: ApplicationCommandOptionType.String, value: typed, focused: true }],
      },
    });
  }

  /**
   * A member posts `content` in the server channel (MESSAGE_CREATE), mentioning the bot when
   * `mentionBot` is set, as Discord delivers it to a bot with the GuildMessages intent; with
   * `dm`, a user writes it to the bot in a direct message (no server, no member), as delivered
   * with the DirectMessages intent. Returns the message id.
   */
  injectMessage(
    content: string,
    options: { mentionBot?: boolean; user?: APIUser; dm?: boolean } = {},
  ): string {
    const id = this.snowflake();
    const user = options.user ?? this.user;
    const where = options.dm
      ? { channel_id: this.dmChannelId, channel_type: ChannelType.DM }
      : {
          channel_id: this.channelId,
          channel_type: ChannelType.GuildText,
          guild_id: this.guildId,
          member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
        };
    this.dispatch(this.current(), GatewayDispatchEvents.MessageCreate, {
      id,
      ...where,
      author: user,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: options.mentionBot
        ? [{ ...this.botUser, member: { roles: [], joined_at: "", flags: 0 } }]
        : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    return id;
  }

  /** Presses a button with this custom_id on a message of the bot; returns the interaction id. */
  injectButton(customId: string, setup: InteractionSetup = {}): string {
    const channelId = setup.dm ? this.dmChannelId : this.channelId;
    return this.inject(setup, InteractionType.MessageComponent, {
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: { ...this.message(), channel_id: channelId },
    });
  }

  /** The next `times` REST calls matching method and path are refused with `status`. */
  refuseNext(method: string, path: RegExp, status = 500, times = 1): void {
    for (let i = 0; i < times; i++) this.refusals.push({ method, path, status });
  }

  /** Drops the newest gateway connection: closed with 4000 (unknown error) or cut without a close frame. */
  dropConnection(how: "close" | "terminate"): void {
    const socket = this.current();
    this.live.delete(socket);
    if (how === "close") socket.close(4000, "fake discord: dropped");
    else socket.terminate();
  }

  private current(): WebSocket {
    const sockets = [...this.live].filter(([, session]) => session !== null).map(([socket]) => socket);
    const socket = sockets.at(-1);
    if (!socket) throw new Error("fake discord: no identified gateway connection");
    return socket;
  }

  /**
   * Messages to the channel are refused from now on with Discord's error, e.g. 404 with
   * code 10003 (Unknown Channel) or 403 with 50001 (Missing Access).
   */
  closeChannel(channelId: string, status: number, code: number, message: string): void {
    this.closedChannels.set(channelId, [status, { message, code }]);
  }

  /** Messages the bot posted to a channel (not interaction replies), in order. */
  channelMessages(channelId: string): RestCall[] {
    return this.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages`);
  }

  /** Another user, to interact as with `setup.user`. */
  newUser(name: string): APIUser {
    return { id: this.snowflake(), username: name, discriminator: "0", global_name: name, avatar: null };
  }

  private inject(setup: InteractionSetup, type: InteractionType, fields: Record<string, unknown>): string {
    const id = this.snowflake();
    const user = setup.user ?? this.user;
    const where = setup.dm
      ? {
          channel_id: this.dmChannelId,
          channel: { id: this.dmChannelId, type: ChannelType.DM, recipients: [user] },
          user,
          context: 1,
          authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: user.id },
        }
      : {
          guild_id: this.guildId,
          guild_locale: "zh-CN",
          ...(setup.thread
            ? { channel_id: this.threadId, channel: this.thread() }
            : { channel_id: this.channelId, channel: this.channel() }),
          member: {
            user,
            roles: [],
            permissions: String(setup.permissions ?? 0n),
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
            pending: false,
            nick: null,
            avatar: null,
          },
          context: 0,
          authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: this.guildId },
        };
    this.dispatch(this.current(), GatewayDispatchEvents.InteractionCreate, {
      id,
      application_id: this.applicationId,
      type,
      token: `fake-interaction-token-${id}`,
      version: 1,
      locale: setup.locale ?? "zh-CN",
      app_permissions: String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks),
      entitlements: [],
      attachment_size_limit: 8 * 1024 * 1024,
      ...where,
      ...fields,
    });
    return id;
  }

  /** A public thread under the server channel, as an interaction carries it. */
  private thread(): Record<string, unknown> {
    return {
      id: this.threadId,
      type: ChannelType.PublicThread,
      guild_id: this.guildId,
      parent_id: this.channelId,
      name: "工作安排",
      owner_id: this.user.id,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      flags: 0,
    };
  }

  private channel(): Record<string, unknown> {
    return {
      id: this.channelId,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name: "general",
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }

  private guild(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: "fake server",
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.user.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: this.guildId,
          name: "@everyone",
          permissions: "0",
          position: 0,
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: "zh-CN",
      nsfw_level: 0,
      max_video_channel_users: 25,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      members: [],
      channels: [this.channel()],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private record(): void {
    this.events.emit("record");
  }

  private send(socket: WebSocket, payload: Record<string, unknown>): void {
    socket.send(JSON.stringify(payload));
  }

  private dispatch(socket: WebSocket, t: string, d: unknown): void {
    const session = this.live.get(socket);
    if (!session) throw new Error(`fake discord: ${t} on a connection without a session`);
    session.sequence += 1;
    this.send(socket, { op: GatewayOpcodes.Dispatch, t, s: session.sequence, d });
  }

  private onConnection(socket: WebSocket): void {
    this.live.set(socket, null);
    socket.on("message", (data: RawData) => this.onGatewayMessage(socket, data.toString()));
    socket.on("close", () => this.live.delete(socket));
    this.send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: HEARTBEAT_MS },
      s: null,
      t: null,
    });
  }

  private onGatewayMessage(socket: WebSocket, text: string): void {
    const payload = JSON.parse(text) as GatewayPayload;
    this.received.push(payload);
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify: {
        const session: Session = { id: `fake-session-${this.snowflake()}`, sequence: 0 };
        this.sessions.set(session.id, session);
        this.live.set(socket, session);
        this.dispatch(socket, GatewayDispatchEvents.Ready, {
          v: 10,
          user: this.botUser,
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
        });
        // Without a GUILD_CREATE for each guild of READY, discord.js waits 15 s before it is ready.
        this.dispatch(socket, GatewayDispatchEvents.GuildCreate, this.guild());
        break;
      }
      case GatewayOpcodes.Resume: {
        const wanted = (payload.d as { session_id?: unknown } | null)?.session_id;
        const session = typeof wanted === "string" ? this.sessions.get(wanted) : undefined;
        if (session) {
          this.live.set(socket, session);
          this.dispatch(socket, GatewayDispatchEvents.Resumed, {});
        } else {
          this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
        }
        break;
      }
    }
    this.record();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v10/, "");
    const { body, files } = await readBody(req);
    const call = {
      method,
      path,
      query: url.searchParams,
      body,
      authorization: req.headers.authorization,
      files,
    };
    this.calls.push(call);
    for (const observer of this.observers) observer(call);
    const refusal = this.refusals.findIndex((r) => r.method === method && r.path.test(path));
    const [status, reply] =
      refusal >= 0 ? this.refuse(refusal) : this.route(method, path, url.searchParams, body);
    if (reply === undefined) res.writeHead(status).end();
    else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
    this.record();
  }

  private refuse(index: number): [number, unknown] {
    const status = this.refusals.splice(index, 1)[0]?.status ?? 500;
    return [status, { message: `${status}: refused by the fake`, code: 0 }];
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] {
    if (method === "GET" && path === "/gateway/bot") {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        },
      ];
    }
    if (method === "GET" && path === "/users/@me") return [200, this.botUser];
    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands && commands[1] === this.applicationId) {
      const scope = commands[2] ?? "global";
      if (method === "GET") {
        const stored = this.commands.get(scope) ?? [];
        // Like Discord: the localization maps only when asked for.
        const full = query.get("with_localizations") === "true";
        return [200, full ? stored : rewrite(stored, (key) => key.endsWith("_localizations"))];
      }
      if (method === "PUT" && Array.isArray(body)) {
        this.commands.set(
          scope,
          body.map((command: unknown) => this.stored(command, commands[2])),
        );
        return [200, this.commands.get(scope)];
      }
    }
    if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204, undefined];
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === "POST" && channelMessage) {
      const channelId = channelMessage[1] ?? "";
      const refusal = this.closedChannels.get(channelId);
      if (refusal) return refusal;
      return [200, { ...this.message(), channel_id: channelId, ...(typeof body === "object" ? body : {}) }];
    }
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(path);
    if (webhook && (method === "PATCH" || method === "POST")) {
      return [200, { ...this.message(), ...(typeof body === "object" ? body : {}) }];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  /** A command as Discord stores and returns it: ids and defaults added, false flags left out. */
  private stored(command: unknown, guildId: string | undefined): unknown {
    const kept = rewrite(command, (key, value) => key === "required" && value === false);
    return {
      id: this.snowflake(),
      application_id: this.applicationId,
      version: this.snowflake(),
      default_member_permissions: null,
      type: ApplicationCommandType.ChatInput,
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : { integration_types: [0], contexts: null }),
      ...(typeof kept === "object" ? kept : {}),
    };
  }

  private message(): Record<string, unknown> {
    return {
      id: this.snowflake(),
      channel_id: this.channelId,
      type: 0,
      content: "",
      author: this.botUser,
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }
}
