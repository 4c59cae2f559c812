import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { NodeEnv } from '../../platform/config.ts';
import type { Missing } from '../../platform/requirements.ts';

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
export const DEFAULT_MAIL_FROM = 'Steward <no-reply@steward.local>';

/** The mail variables of the subgraphs that send mail (identity, tenancy). */
export const MailEnv = z.object({
  NODE_ENV: NodeEnv,
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** `smtp` (through SMTP_URL) or `mailbox` (JSON files); unset: smtp when SMTP_URL is set, else mailbox outside production. */
  STEWARD_MAIL_TRANSPORT: z.enum(['smtp', 'mailbox']).optional(),
  STEWARD_MAILBOX_DIR: z.string().default('.steward/mailbox'),
  /** The sender of every mail: an address, or `Name <address>`. */
  STEWARD_MAIL_FROM: z.string().includes('@').default(DEFAULT_MAIL_FROM),
});
export type MailEnv = z.infer<typeof MailEnv>;

export interface ConfiguredMailer {
  mailer: Mailer;
  missing: Missing[];
  /** Set when mail is deliberately not sent (the mailbox folder in production): logged at warn. */
  warning?: string;
}

/** Production sends mail through SMTP unless the mailbox folder is asked for by name. */
export function mailerFromEnv(env: MailEnv): ConfiguredMailer {
  const transport =
    env.STEWARD_MAIL_TRANSPORT ?? (env.SMTP_URL || env.NODE_ENV === 'production' ? 'smtp' : 'mailbox');
  if (transport === 'smtp' && !env.SMTP_URL) {
    return {
      mailer: { send: () => Promise.reject(new Error('SMTP_URL is not set')), forget: async () => 0 },
      missing: [
        {
          variable: 'SMTP_URL',
          why: 'mail (sign-in codes, invitations) goes out through SMTP; or set STEWARD_MAIL_TRANSPORT=mailbox',
        },
      ],
    };
  }
  const smtpUrl = transport === 'smtp' ? env.SMTP_URL : undefined;
  return {
    mailer: createMailer({ smtpUrl, mailboxDir: env.STEWARD_MAILBOX_DIR, from: env.STEWARD_MAIL_FROM }),
    missing: [],
    warning:
      transport === 'mailbox' && env.NODE_ENV === 'production'
        ? `mail is not sent: STEWARD_MAIL_TRANSPORT=mailbox writes it to ${env.STEWARD_MAILBOX_DIR}`
        : undefined,
  };
}

/** nodemailer over SMTP in production; a mailbox folder in development and tests. */
export function createMailer(options: MailerOptions): Mailer {
  const from = options.from ?? DEFAULT_MAIL_FROM;
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
