import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createMailer } from './mailer.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the development mailbox', () => {
  it("forgets a deleted address's mails and a deleted organization's, and nothing else", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-mailer-'));
    folders.push(folder);
    const mailer = createMailer({ mailboxDir: folder });
    const organizationId = crypto.randomUUID();
    await mailer.send({ to: 'ada@example.test', subject: 'Code', text: '123456' });
    await mailer.send({ to: 'Ada@Example.test', subject: 'Invited', text: 'token', organizationId });
    await mailer.send({ to: 'bob@example.test', subject: 'Invited', text: 'token', organizationId });
    await mailer.send({ to: 'bob@example.test', subject: 'Code', text: '654321' });

    expect(await mailer.forget({ address: 'ada@example.test' })).toBe(2);
    expect(readdirSync(folder)).toHaveLength(2);
    expect(await mailer.forget({ organizationId })).toBe(1);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(await mailer.forget({ organizationId })).toBe(0);
  });

  it('keeps nothing to forget when mail goes out over SMTP', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailboxDir: join(tmpdir(), 'unused') });
    expect(await mailer.forget({ address: 'ada@example.test' })).toBe(0);
  });
});
