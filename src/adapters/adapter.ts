/**
 * The contract between the bot's core and a chat platform. An adapter decodes the
 * platform's updates into Invocations, passes each through an UpdateGate (flood limits,
 * apology on failure) to the dispatcher, and encodes the Answers back; it sends reminders
 * through its Messenger. It sees the core only through BotCore, never the database.
 */
import type { Dispatcher } from "../command/dispatch.ts";
import type { FloodGuard } from "../command/rate-limit.ts";
import type { Registry } from "../command/registry.ts";
import type { Logger } from "../log.ts";
import type { Messenger } from "../reminders/messenger.ts";

/** What an adapter may use of the core. */
export interface BotCore {
  log: Logger;
  registry: Registry;
  dispatcher: Dispatcher;
  /** Per-user and per-chat flood limits, shared by every platform (through an UpdateGate). */
  floods: FloodGuard;
}

/** A platform adapter once started. */
export interface RunningAdapter {
  /** How the ready line names it: "telegram (@report_bot)". */
  label: string;
  /** Sends reminders to this platform's chats. */
  messenger: Messenger;
  /** Whether the platform is reachable now (for /healthz). */
  connected(): boolean;
  /** What keeps it from taking updates, in a few words for /healthz, or null. */
  problem?(): string | null;
  /** Stops taking updates; resolves when the updates in hand are answered. */
  stop(): Promise<void>;
}
