/**
 * Bot API calls over undici (src/adapters/telegram/transport.ts) as grammY makes them: what
 * reaches the server for a JSON call and for a file upload, how a refusal, a broken answer
 * and an abort come back, and that calls share one kept-alive connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendBotApiRequest } from "../src/adapters/telegram/transport.ts";
import { multipartBoundary, parseMultipart } from "./fakes/multipart.ts";

const TOKEN = "123456:transport-test";

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

let server: Server;
let api: Api;
let connections = 0;
const received: Received[] = [];
// What the server does with the next call: answer with a status and body (in pieces of
// `pieceBytes` when set), or never answer.
let reply: { status: number; body: string; pieceBytes?: number } | "hang" = { status: 200, body: "" };
// The call left unanswered, and when its connection closes.
let hanging: Promise<void> | null = null;

function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  received.push({ path: req.url ?? "", contentType: req.headers["content-type"] ?? "", body });
  if (reply === "hang") {
    hanging = new Promise((resolve) => req.socket.once("close", () => resolve()));
    return;
  }
  res.writeHead(reply.status, { "content-type": "application/json" });
  const { body: text, pieceBytes } = reply;
  if (pieceBytes === undefined) return void res.end(text);
  // Each piece its own write, a tick apart, so that the client reads them one by one.
  const bytes = Buffer.from(text, "utf8");
  const writePiece = (at: number) => {
    if (at >= bytes.length) return void res.end();
    res.write(bytes.subarray(at, at + pieceBytes));
    setImmediate(() => writePiece(at + pieceBytes));
  };
  writePiece(0);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => answer(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${port}`, fetch: sendBotApiRequest });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ok = (result: unknown) => ({ status: 200, body: JSON.stringify({ ok: true, result }) });
const message = { message_id: 7, date: 0, chat: { id: 42, type: "private", first_name: "读者" } };

describe("Bot API calls over undici", () => {
  it("posts a call as JSON to the method's path and returns the result", async () => {
    received.length = 0;
    reply = ok({ ...message, text: "法律援助案件1114件" });
    const sent = await api.sendMessage(42, "法律援助案件1114件", { parse_mode: "HTML" });
    expect(sent.text).toBe("法律援助案件1114件");
    const [call] = received;
    expect(call?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(call?.contentType).toBe("application/json");
    expect(JSON.parse(call?.body.toString("utf8") ?? "")).toEqual({
      chat_id: 42,
      text: "法律援助案件1114件",
      parse_mode: "HTML",
    });
  });

  it("uploads a file as multipart form data", async () => {
    received.length = 0;
    reply = ok({ ...message, document: { file_id: "f", file_unique_id: "u" } });
    await api.sendDocument(42, new InputFile(Buffer.from("报告全文"), "report.txt"), { caption: "全文" });
    const [call] = received;
    const boundary = multipartBoundary({ "content-type": call?.contentType ?? "" });
    expect(boundary).not.toBeNull();
    const form = parseMultipart(call?.body ?? Buffer.alloc(0), boundary ?? "");
    expect(form.fields.get("chat_id")).toBe("42");
    expect(form.fields.get("caption")).toBe("全文");
    // grammY sends the file as its own part and names it in the document field.
    expect(form.files.map((f) => [f.filename, f.data.toString("utf8")])).toEqual([
      ["report.txt", "报告全文"],
    ]);
    expect(form.fields.get("document")).toBe(`attach://${form.files[0]?.field}`);
  });

  it("returns Telegram's refusal with its status as a GrammyError", async () => {
    reply = {
      status: 400,
      body: JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: chat not found" }),
    };
    const refused = await api.sendMessage(42, "x").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GrammyError);
    expect((refused as GrammyError).error_code).toBe(400);
    expect((refused as GrammyError).description).toBe("Bad Request: chat not found");
  });

  it("fails with an HttpError on an answer that is not JSON", async () => {
    reply = { status: 502, body: "<html>Bad Gateway</html>" };
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
  });

  it("reads an answer that arrives in pieces, with characters cut between them", async () => {
    const text = "法律援助案件1114件，调解成功率99%。".repeat(50);
    // 7 bytes a piece: most of the three-byte characters are cut across two pieces.
    reply = { ...ok({ ...message, text }), pieceBytes: 7 };
    const sent = await api.sendMessage(42, text);
    expect(sent.text).toBe(text);
  });

  it("keeps one connection for calls made one after another", async () => {
    reply = ok({ id: 1, is_bot: true, first_name: "report-bot", username: "ReportBot" });
    await api.getMe();
    const before = connections;
    for (let i = 0; i < 5; i++) await api.getMe();
    expect(connections).toBe(before);
  });

  it("stops a call when its signal aborts, and the connection is closed", async () => {
    reply = "hang";
    const controller = new AbortController();
    // grammY's types name its polyfill's signal; it takes any signal that can be listened to.
    const signal = controller.signal as Parameters<Api["getUpdates"]>[1];
    const call = api.getUpdates({ timeout: 30 }, signal);
    await expect.poll(() => hanging !== null).toBe(true);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(HttpError);
    await hanging;
  });

  it("does not send a call whose signal has already aborted", async () => {
    received.length = 0;
    reply = ok(true);
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal as Parameters<Api["getUpdates"]>[1];
    await expect(api.getUpdates({ timeout: 30 }, signal)).rejects.toBeInstanceOf(HttpError);
    expect(received).toEqual([]);
  });
});
