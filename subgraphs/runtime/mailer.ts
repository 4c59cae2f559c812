import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export interface MailerOptions {
  /** SMTP server URL (smtp://user:pass@host:port); mail goes out through it when set. */
  smtpUrl?: string;
  /** Otherwise: one JSON file per message ({ to, subject, text }) in this folder. */
  mailboxDir: string;
  from?: string;
}

/** nodemailer over SMTP in production; a mailbox folder in development and tests. */
export function createMailer(options: MailerOptions): Mailer {
  const from = options.from ?? 'Steward <no-reply@steward.local>';
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
    };
  }
  mkdirSync(options.mailboxDir, { recursive: true });
  return {
    async send(mail) {
      const name = `${Date.now()}-${crypto.randomUUID()}.json`;
      writeFileSync(join(options.mailboxDir, name), JSON.stringify({ from, ...mail }, null, 2), {
        mode: 0o600,
      });
    },
  };
}
