import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The organization the mail is about (an invitation): its deletion finds the mail by it. */
  organizationId?: string;
}

/** Whose mails to forget: those sent to an address, or about an organization. */
export type MailSubject = { address: string } | { organizationId: string };

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /**
   * Deletes the kept copies of a deleted subject's mails; answers how many. Mail sent over SMTP
   * has left Steward (nothing is kept to forget); the development mailbox folder is cleaned.
   */
  forget(subject: MailSubject): Promise<number>;
}

export interface MailerOptions {
  /** SMTP server URL (smtp://user:pass@host:port); mail goes out through it when set. */
  smtpUrl?: string;
  /** Otherwise: one JSON file per message ({ to, subject, text }) in this folder. */
  mailboxDir: string;
  from?: string;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** nodemailer over SMTP in production; a mailbox folder in development and tests. */
export function createMailer(options: MailerOptions): Mailer {
  const from = options.from ?? 'Steward <no-reply@steward.local>';
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send({ organizationId: _about, ...mail }) {
        await transport.sendMail({ from, ...mail });
      },
      forget: async () => 0,
    };
  }
  const folder = options.mailboxDir;
  mkdirSync(folder, { recursive: true });
  return {
    async send(mail) {
      const name = `${Date.now()}-${crypto.randomUUID()}.json`;
      writeFileSync(join(folder, name), JSON.stringify({ from, ...mail }, null, 2), { mode: 0o600 });
    },
    async forget(subject) {
      let forgotten = 0;
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.json'))) {
        const path = join(folder, name);
        let mail: Partial<Mail>;
        try {
          mail = JSON.parse(readFileSync(path, 'utf8')) as Partial<Mail>;
        } catch {
          continue; // gone meanwhile (another subgraph forgetting the same subject), or not ours
        }
        const matches =
          'address' in subject
            ? typeof mail.to === 'string' && sameAddress(mail.to, subject.address)
            : mail.organizationId === subject.organizationId;
        if (!matches) continue;
        rmSync(path, { force: true });
        forgotten += 1;
      }
      return forgotten;
    },
  };
}
