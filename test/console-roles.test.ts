import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { consoleUrl, launchBrowser, openConsole, screenshot, signInByCode } from './support/browser.ts';
import { forbiddenOffers, offeredActions, type ConsoleRole } from './support/console-offered.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

// An admin, an editor and a participant walk through the console in one real headless Chromium
// each: the admin creates an organization and a project and invites the other two into it; they
// sign in by a code read from the mailbox and accept in the console; each sees what their role
// shows, and on every page, forced ones included, the console offers no control whose operation
// the permission matrix's row for that role forbids (test/support/console-offered.ts).

const FORBIDDEN_IN_WORDS =
  'Your role does not allow this action. Only an admin of the organization may do it.';
const NOT_FOUND_IN_WORDS = 'Not found: it does not exist, or it is not visible to you.';
const ORGANIZATION = 'Roles Org';
const PROJECT = 'Apollo';
const ADMIN_SECTIONS = ['members', 'activity', 'audit', 'api-keys', 'data', 'sign-in-policy', 'sso'];

let stack: TestStack;
let browser: Browser;
const people = {} as Record<ConsoleRole, { email: string; page: Page }>;
let organizationId: string;
let projectId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  for (const role of ['admin', 'editor', 'participant'] as const) {
    const { page } = await openConsole(browser, stack);
    people[role] = { email: uniqueEmail(`console-${role}`), page };
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true });
const organizationPath = (path = '') => `/organizations/${organizationId}${path}`;
const projectPath = () => organizationPath(`/projects/${projectId}`);

/** The invitation token in the latest invitation mailed to `email` (sign-in codes come after it). */
function invitationToken(email: string): string {
  const token = stack
    .mails(email)
    .map((mail) => /Invitation token: (\S+)/.exec(mail.text)?.[1])
    .filter((found) => found !== undefined)
    .at(-1);
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

/** Opens a console path and waits until its requests are answered. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(consoleUrl(stack, path));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** Visits `paths` as `role`, expecting no offered control the role's matrix row forbids. */
async function expectNothingForbiddenOffered(role: ConsoleRole, paths: string[]): Promise<void> {
  const { page } = people[role];
  for (const path of paths) {
    await visit(page, path);
    expect({ role, path, forbidden: await forbiddenOffers(page, role) }).toEqual({
      role,
      path,
      forbidden: [],
    });
  }
}

describe('the console as an admin, an editor and a participant', () => {
  it('the admin creates an organization and a project, and invites an editor and a participant into it', async () => {
    const { page, email } = people.admin;
    await signInByCode(page, stack, email);
    await page.getByLabel('Organization name').fill(ORGANIZATION);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: ORGANIZATION, level: 1 }).waitFor();
    organizationId = /\/organizations\/([^/]+)/.exec(page.url())![1]!;

    await section(page, 'Projects').click();
    await page.getByLabel('Project name').fill(PROJECT);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: `Project ${PROJECT}` }).waitFor();
    projectId = /\/projects\/([^/]+)/.exec(page.url())![1]!;

    await section(page, 'Members').click();
    for (const [role, name] of [
      ['editor', 'Editor'],
      ['participant', 'Participant'],
    ] as const) {
      const invitee = people[role].email;
      await page.getByLabel('Email to invite').fill(invitee);
      await page.getByLabel('Into project').selectOption({ label: PROJECT });
      await page.getByLabel('Project role').selectOption(role.toUpperCase());
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByText(`Invitation sent to ${invitee} as Member, ${name} of the project.`).waitFor();
    }
  });

  it.each(['editor', 'participant'] as const)(
    'the %s signs in by a code from the mailbox and accepts the invitation in the console',
    async (role) => {
      const { page, email } = people[role];
      await signInByCode(page, stack, email);
      await page.getByLabel('Invitation token').fill(invitationToken(email));
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByText(`You joined ${ORGANIZATION}.`).waitFor();
      await page
        .getByRole('list', { name: 'Your organizations' })
        .getByRole('link', { name: ORGANIZATION })
        .click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const offered = await page
        .getByRole('navigation', { name: 'Organization' })
        .getByRole('link')
        .allTextContents();
      expect(offered).toEqual(['All organizations', 'Overview', 'Projects']);
    },
  );

  it('the participant sees the project and their role in it, and none of its members', async () => {
    const { page } = people.participant;
    await visit(page, organizationPath('/projects'));
    const row = page.getByRole('table', { name: 'Projects' }).getByRole('row', { name: new RegExp(PROJECT) });
    expect(await row.getByRole('cell').textContent()).toBe('Participant');
    await row.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('heading', { name: `Project ${PROJECT}` }).waitFor();
    expect(
      await page
        .getByText('Your role in the project')
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).toBe('Participant');
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('table', { name: 'Project members' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add to project' }).count()).toBe(0);
    await screenshot(page, 'project-participant');
  });

  it('the editor sees the project members and may remove a participant, never change an editor', async () => {
    const { page, email } = people.editor;
    const participant = people.participant.email;
    await visit(page, projectPath());
    const table = page.getByRole('table', { name: 'Project members' });
    await table.waitFor();
    const roleOf = (who: string) =>
      table
        .getByRole('row', { name: new RegExp(who) })
        .getByRole('cell')
        .first();
    expect(await roleOf(email).textContent()).toBe('Editor');
    expect(await roleOf(participant).textContent()).toBe('Participant');
    expect(await page.getByRole('button', { name: `Remove ${participant} from the project` }).count()).toBe(
      1,
    );
    expect(await page.getByRole('button', { name: `Remove ${email} from the project` }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Change project role/ }).count()).toBe(0);
    await screenshot(page, 'project-editor');

    await page.getByRole('button', { name: `Remove ${participant} from the project` }).click();
    await page.getByText(`${participant} left the project.`).waitFor();

    // The participant no longer sees the project at all.
    await visit(people.participant.page, projectPath());
    await people.participant.page.getByRole('alert').waitFor();
    expect(await people.participant.page.getByRole('alert').textContent()).toBe(NOT_FOUND_IN_WORDS);

    // The editor adds them back, as a participant (the only role an editor gives).
    const participantId = await userIdOf(people.participant.page);
    await page.getByLabel('Member’s user id').fill(participantId);
    await page.getByRole('button', { name: 'Add to project' }).click();
    await page.getByText(`${participant} is now Participant of the project.`).waitFor();
    await visit(people.participant.page, projectPath());
    await people.participant.page.getByRole('heading', { name: `Project ${PROJECT}` }).waitFor();
  });

  it('a member forced onto an admin page by its URL reads the refusal in words', async () => {
    for (const role of ['editor', 'participant'] as const) {
      const { page } = people[role];
      await visit(page, organizationPath('/audit'));
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').allTextContents()).toContain(FORBIDDEN_IN_WORDS);
    }
  });

  it.each(['admin', 'editor', 'participant'] as const)(
    'no page offers the %s a control the permission matrix forbids them',
    async (role) => {
      await expectNothingForbiddenOffered(role, [
        '',
        organizationPath(),
        organizationPath('/projects'),
        projectPath(),
        ...ADMIN_SECTIONS.map((s) => organizationPath(`/${s}`)),
        '/profile',
        '/certificates',
      ]);
    },
    120_000,
  );

  it('the check fails where a page offers more than the role may: the admin’s pages held against a participant', async () => {
    const { page } = people.admin;
    await visit(page, organizationPath('/members'));
    await page.getByRole('button', { name: 'Invite', exact: true }).waitFor();
    const forbidden = (await forbiddenOffers(page, 'participant')).map((o) => o.operation);
    expect(forbidden).toEqual(
      expect.arrayContaining(['inviteMember', 'changeMemberRole', 'revokeUserSessions']),
    );
    const asAdmin = await offeredActions(page, 'admin');
    expect(asAdmin.map((o) => o.operation)).toContain('inviteMember');
  });

  it('the admin makes the editor a participant: the editor is then offered no member management', async () => {
    const { page } = people.admin;
    const editor = people.editor.email;
    await visit(page, projectPath());
    await page.getByRole('combobox', { name: `Project role of ${editor}` }).selectOption('PARTICIPANT');
    await page.getByRole('button', { name: `Change project role of ${editor}` }).click();
    await page.getByText(`${editor} is now Participant of the project.`).waitFor();
    await screenshot(page, 'project-admin');

    const editorPage = people.editor.page;
    await visit(editorPage, projectPath());
    expect(
      await editorPage
        .getByText('Your role in the project')
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).toBe('Participant');
    expect(await editorPage.getByRole('table', { name: 'Project members' }).count()).toBe(0);
  });
});

describe("Project.viewerRole, the graph's answer the console offers project actions from", () => {
  const VIEWER_ROLE = 'query ($id: ID!) { project(id: $id) { viewerRole } }';
  const viewerRole = async (token: string) =>
    (
      await stack.graphql<{ project: { viewerRole: string | null } | null }>(
        VIEWER_ROLE,
        { id: projectId },
        token,
      )
    ).data?.project;

  it('is the caller’s role: editor for an admin, their own for members, null for a partner key', async () => {
    const admin = await tokenOf(people.admin.page);
    expect(await viewerRole(admin)).toEqual({ viewerRole: 'EDITOR' });
    expect(await viewerRole(await tokenOf(people.participant.page))).toEqual({ viewerRole: 'PARTICIPANT' });
    // The editor was made a participant above.
    expect(await viewerRole(await tokenOf(people.editor.page))).toEqual({ viewerRole: 'PARTICIPANT' });

    const key = await stack.graphql<{ createApiKey: { secret: string } }>(
      `mutation ($o: ID!) { createApiKey(organizationId: $o, name: "Roles partner", scopes: ["projects:read"]) { secret } }`,
      { o: organizationId },
      admin,
    );
    expect(key.errors).toBeUndefined();
    expect(await viewerRole(key.data!.createApiKey.secret)).toEqual({ viewerRole: null });

    // Someone outside the organization learns nothing, not even that the project exists.
    const outsider = await stack.signIn(uniqueEmail('console-outsider'));
    expect(await viewerRole(outsider.token)).toBeNull();
  });
});

/** The token the console holds for the person signed in on `page`. */
async function tokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('steward.console.token'));
  if (!token) throw new Error('the console holds no token');
  return token;
}

/** The signed-in person's user id, asked of the graph with the token the console holds. */
async function userIdOf(page: Page): Promise<string> {
  const me = await stack.graphql<{ me: { id: string } }>('{ me { id } }', {}, await tokenOf(page));
  return me.data!.me.id;
}
