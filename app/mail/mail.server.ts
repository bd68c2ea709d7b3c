// Email where it helps, never required (issue 13, docs/decisions/021-passwords-and-email.md). With
// SMTP_URL set, the platform sends reset links, personal cohort invitations and the outcome of a
// review; without it, nothing pretends to send and people pass links on by hand. Every message is
// written in its recipient's language from the interface strings, as plain text and as HTML.
import type { Transporter } from "nodemailer";
import type { Config } from "~/config.server";
import { directionOf, formatDate, isUiLanguage, languageTag, makeT, type MessageKey, type Params, type UiLanguage } from "~/i18n";
import { MESSAGES } from "~/i18n/messages.server";

/** What became of a message: handed to the SMTP server, refused or unreachable, or email is not configured. */
export type MailOutcome = "sent" | "failed" | "off";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** The site's address, which every link in an email is built on (PUBLIC_URL). */
  publicUrl: string;
  send: (message: MailMessage) => Promise<void>;
}

/** The SMTP connection that SMTP_URL describes, or null when email is not configured. */
export function createMailer(config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "PUBLIC_URL">): Mailer | null {
  if (!config.SMTP_URL || !config.MAIL_FROM || !config.PUBLIC_URL) return null;
  // One connection per message (no pool to close); a mail server that does not answer costs a
  // request at most a few seconds, never a hang.
  // nodemailer is imported with the first message, not at start-up (decision 039).
  let transport: Promise<Transporter> | null = null;
  const url = config.SMTP_URL;
  const from = config.MAIL_FROM;
  return {
    publicUrl: config.PUBLIC_URL,
    send: async (m) => {
      transport ??= import("nodemailer").then((n) => n.default.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
  };
}

/**
 * Sends one message. Never throws: a failure is logged (without the message, which may hold a
 * secret link) and reported to the caller, whose action has already been saved.
 */
export async function deliver(mailer: Mailer | null, message: MailMessage): Promise<MailOutcome> {
  if (!mailer) return "off";
  try {
    await mailer.send(message);
    return "sent";
  } catch (error) {
    const reason = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
    console.error(`Email to ${message.to} not sent (${reason.slice(0, 300)})`);
    return "failed";
  }
}

/** The language to write to someone in: their account's (or the chosen) interface language, else English. */
export function mailLanguage(locale: string | null | undefined): UiLanguage {
  return isUiLanguage(locale) ? locale : "en";
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** One paragraph of a letter: an interface string, or a quotation of what someone wrote (a reviewer's comment). */
type Paragraph = MessageKey | { quote: string };

interface Letter {
  to: string;
  lang: UiLanguage;
  /** the recipient's name, for the greeting */
  name: string;
  subject: MessageKey;
  paragraphs: Paragraph[];
  action: { label: MessageKey; url: string };
  params: Params;
}

/** A letter as plain text and HTML, every word of it from the interface strings of `lang`. */
export function compose(letter: Letter): MailMessage {
  const t = makeT(MESSAGES[letter.lang], letter.lang);
  const params = { ...letter.params, name: letter.name, app: t("app.name") };
  const paragraphs = letter.paragraphs.map((p) => (typeof p === "string" ? { text: t(p, params), quote: false } : { text: p.quote, quote: true }));
  const greeting = t("mail.greeting", params);
  const label = t(letter.action.label, params);
  const url = letter.action.url;
  // Mail clients ignore logical properties: the quotation's rule goes on the side the text starts.
  const dir = directionOf(letter.lang);
  const side = dir === "rtl" ? "right" : "left";
  const text = [
    greeting,
    ...paragraphs.map((p) => (p.quote ? p.text.split(/\r?\n/).map((l) => `> ${l}`).join("\n") : p.text)),
    `${label}\n${url}`,
    `— ${t("app.name")}`,
  ].join("\n\n");
  const html = [
    `<!doctype html><html lang="${languageTag(letter.lang)}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(t(letter.subject, params))}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.5;max-width:40em">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) =>
      p.quote
        ? `<blockquote style="border-${side}:3px solid #ccc;margin:0;padding-${side}:1em">${p.text.split(/\r?\n/).map(escapeHtml).join("<br>")}</blockquote>`
        : `<p>${escapeHtml(p.text)}</p>`,
    ),
    `<p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`,
    `<p style="font-size:smaller">${escapeHtml(t("mail.linkHelp"))}<br>${escapeHtml(url)}</p>`,
    `<p>— ${escapeHtml(t("app.name"))}</p>`,
    `</body></html>`,
  ].join("\n");
  // A line break in a subject would be a header injection: names and titles are kept on one line.
  return { to: letter.to, subject: t(letter.subject, params).replace(/[\r\n]+/g, " "), text, html };
}

// The messages ---------------------------------------------------------------------------------

/** A link to set a new password: issued by `issuer` (an administrator or cohort manager), or asked for by its owner. */
export function resetMail(to: { email: string; name: string; locale: string }, link: string, expiresAt: number, issuer: string | null, kind: "reset" | "welcome" = "reset"): MailMessage {
  const lang = mailLanguage(to.locale);
  const welcome = kind === "welcome";
  return compose({
    to: to.email,
    lang,
    name: to.name,
    subject: welcome ? "mail.welcome.subject" : "mail.reset.subject",
    paragraphs: [welcome ? "mail.welcome.body" : issuer === null ? "mail.reset.requested" : "mail.reset.issued", welcome ? "mail.welcome.validity" : "mail.reset.validity"],
    action: { label: welcome ? "mail.welcome.action" : "mail.reset.action", url: link },
    params: { issuer: issuer ?? "", date: formatDate(expiresAt, lang, "datetime") },
  });
}

/** A personal cohort invitation, in the language the manager chose for the cohort's emails. */
export function invitationMail(
  to: { email: string; name: string },
  lang: UiLanguage,
  invitation: { cohort: string; programme: string; courses: string[]; link: string },
): MailMessage {
  return compose({
    to: to.email,
    lang,
    name: to.name,
    subject: "mail.invite.subject",
    paragraphs: ["mail.invite.body", "invitation.consent", "mail.invite.personal"],
    action: { label: "mail.invite.action", url: invitation.link },
    params: { cohort: invitation.cohort, programme: invitation.programme, courses: invitation.courses.join(", ") },
  });
}

/** "Your draft was returned" or "accepted", with the reviewer's comment if they wrote one. */
export function reviewMail(
  to: { email: string; name: string; locale: string },
  decision: "return" | "accept",
  draft: { exercise: string; course: string; comment: string | null; link: string },
): MailMessage {
  const returned = decision === "return";
  const paragraphs: Paragraph[] = [returned ? "mail.review.returnedBody" : "mail.review.acceptedBody"];
  if (draft.comment) paragraphs.push("mail.review.comment", { quote: draft.comment });
  return compose({
    to: to.email,
    lang: mailLanguage(to.locale),
    name: to.name,
    subject: returned ? "mail.review.returnedSubject" : "mail.review.acceptedSubject",
    paragraphs,
    action: { label: "mail.review.action", url: draft.link },
    params: { exercise: draft.exercise, course: draft.course },
  });
}
