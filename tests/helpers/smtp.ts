// A real SMTP server (the smtp-server package) on a free port, keeping every message it accepts,
// parsed by mailparser: the platform's emails are read back as a mail client would read them.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  /** the envelope's recipients, as the SMTP server was told them */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** the language the HTML part declares (<html lang>) */
  lang: string | null;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  url: string;
  messages: Received[];
  /** refuse every message from now on (a mail server in trouble), or accept them again */
  refuse: (on: boolean) => void;
  /** the messages to `address`, waiting up to `timeoutMs` for at least `count` of them */
  waitFor: (address: string, count?: number, timeoutMs?: number) => Promise<Received[]>;
  to: (address: string) => Received[];
  close: () => Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: Received[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    // No TLS in the test: nodemailer would otherwise upgrade to the server's self-signed certificate and refuse it.
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (refusing) return callback(Object.assign(new Error("Mailbox unavailable (test)"), { responseCode: 550 }));
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const html = typeof parsed.html === "string" ? parsed.html : "";
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html,
          lang: /<html lang="([^"]+)"/.exec(html)?.[1] ?? null,
          parsed,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => messages.filter((m) => m.to.includes(address));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse: (on) => {
      refusing = on;
    },
    to,
    waitFor: async (address, count = 1, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (to(address).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return to(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string | null {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${escaped}[^\\s>"]*`).exec(text)?.[0] ?? null;
}
