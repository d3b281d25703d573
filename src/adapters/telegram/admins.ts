/**
 * Who administers a Telegram group, asked of getChatMember and remembered for a minute:
 * a subscribe, a zone change and an unsubscribe in a row cost one call, and a promotion
 * or demotion is seen soon after.
 */
import type { Api } from "grammy";

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const ADMIN_STATUSES: ReadonlySet<string> = new Set(["creator", "administrator"]);

export class ChatAdmins {
  private readonly known = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly api: Pick<Api, "getChatMember">,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: string, userId: string): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const hit = this.known.get(key);
    if (hit && hit.until > this.now()) return hit.admin;
    const member = await this.api.getChatMember(chatId, Number(userId));
    const admin = ADMIN_STATUSES.has(member.status);
    this.known.delete(key);
    if (this.known.size >= MAX_ENTRIES) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(key, { admin, until: this.now() + TTL_MS });
    return admin;
  }
}
